package httpxtest

import (
	"time"

	"patentbridge"
)

// SampleRun returns a finished run as of 2026-07-01 and the results it would give
// the SamplePatents: the institute's utility model is a sleeping patent of grade B,
// the university's invention was transferred in 2024 (excluded), and the
// enterprise's pending application is out of scope.
func SampleRun() (*patentbridge.ScreeningRun, []*patentbridge.ScreeningResult) {
	asOf := date(2026, 7, 1)
	run := &patentbridge.ScreeningRun{AsOf: asOf, RuleVersion: "sleeping-2026.1", WeightsVersion: "2026.1",
		Screened: 3, Sleeping: 1,
		Excluded:  map[patentbridge.Criterion]int{patentbridge.CritInstitution: 1, patentbridge.CritNotImplemented: 1},
		Grades:    map[string]int{"B": 1},
		StartedAt: asOf.Add(time.Hour), FinishedAt: asOf.Add(time.Hour + 3*time.Minute)}
	met := func(c patentbridge.Criterion, ev string) patentbridge.CriterionResult {
		return patentbridge.CriterionResult{Criterion: c, Outcome: patentbridge.Met, Evidence: ev}
	}
	na := func(c patentbridge.Criterion) patentbridge.CriterionResult {
		return patentbridge.CriterionResult{Criterion: c, Outcome: patentbridge.NotApplicable}
	}
	inds := []patentbridge.Indicator{
		{Name: "kind", Group: "legal", Label: "专利类型（发明1，实用新型0.5）", Raw: 0.5, Normalized: 0.25, Weight: 1},
		{Name: "claims_count", Group: "legal", Label: "权利要求数", Raw: 8, Normalized: 0.62, Weight: 1},
		{Name: "forward_citations", Group: "technical", Label: "被引证次数", Raw: 0, Normalized: 0.3, Weight: 1.5},
		{Name: "industry_fit", Group: "market", Label: "契合四川重点产业体系数", Raw: 2, Normalized: 0.8, Weight: 1},
	}
	results := []*patentbridge.ScreeningResult{
		{
			AppNo: "2022232206652", Sleeping: true, Score: 55.5, Grade: "B", Indicators: inds, Flags: []string{},
			Criteria: []patentbridge.CriterionResult{
				met(patentbridge.CritKind, "实用新型，在筛查范围内"),
				met(patentbridge.CritInstitution, "当前权利人：中国科学院光电技术研究所（科研单位）"),
				met(patentbridge.CritGranted3Years, "授权公告日 2023-04-11，已满三年"),
				met(patentbridge.CritInForce, "截至 2026-07-01 有效"),
				met(patentbridge.CritNotImplemented, "无转让、许可、质押、备案或实施声明"),
				met(patentbridge.CritNoReason, "无正当理由登记"),
			},
			Classes: patentbridge.Classification{WIPOFields: []int{8}, SEI: []string{"6.3"},
				Sichuan51: []string{"电子信息", "能源化工"}, Advantage6: []string{"电子信息"}},
		},
		{
			AppNo: "2021108432658", ExcludedBy: patentbridge.CritNotImplemented, Score: 0, Indicators: inds, Flags: []string{"战略性新兴产业"},
			Criteria: []patentbridge.CriterionResult{
				met(patentbridge.CritKind, "发明，在筛查范围内"),
				met(patentbridge.CritInstitution, "当前权利人：四川大学（大专院校）"),
				met(patentbridge.CritGranted3Years, "授权公告日 2023-08-01，已满三年"),
				met(patentbridge.CritInForce, "截至 2026-07-01 有效"),
				{Criterion: patentbridge.CritNotImplemented, Outcome: patentbridge.Failed, Evidence: "2024-03-05 转让"},
				na(patentbridge.CritNoReason),
			},
			Classes: patentbridge.Classification{WIPOFields: []int{1}, Sichuan51: []string{"能源化工"}},
		},
		{
			AppNo: "2021112263722", ExcludedBy: patentbridge.CritInstitution, Indicators: []patentbridge.Indicator{}, Flags: []string{},
			Criteria: []patentbridge.CriterionResult{
				met(patentbridge.CritKind, "发明，在筛查范围内"),
				{Criterion: patentbridge.CritInstitution, Outcome: patentbridge.Failed, Evidence: "当前权利人：德阳智农科技有限公司（企业），不是高校或科研院所"},
				na(patentbridge.CritGranted3Years), na(patentbridge.CritInForce), na(patentbridge.CritNotImplemented), na(patentbridge.CritNoReason),
			},
			Classes: patentbridge.Classification{Agri103: []string{"农业装备"}, Agricultural: true},
		},
	}
	return run, results
}
