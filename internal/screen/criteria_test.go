package screen

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
)

func TestEvaluateCriteria(t *testing.T) {
	cfg := DefaultConfig()
	asOf := MustDate(t, asOfDate)
	univ := patentbridge.Party{Name: "四川大学", Type: patentbridge.PartyUniversity}
	company := patentbridge.Party{Name: "成都天府制茶有限公司", Type: patentbridge.PartyEnterprise}
	tests := []struct {
		name     string
		edit     func(p *patentbridge.Patent, f *Facts)
		crit     patentbridge.Criterion
		want     patentbridge.Outcome
		evidence string // substring the institution must read
	}{
		{"baseline is sleeping", func(p *patentbridge.Patent, f *Facts) {}, patentbridge.CritInstitution, patentbridge.Met, "当前权利人 四川大学（大专院校）"},
		{"granted exactly three years before", func(p *patentbridge.Patent, f *Facts) { p.GrantDate = MustDate(t, "2023-11-27") },
			patentbridge.CritGranted3Years, patentbridge.Met, "授权公告日 2023-11-27，已满三年"},
		{"granted one day later", func(p *patentbridge.Patent, f *Facts) { p.GrantDate = MustDate(t, "2023-11-28") },
			patentbridge.CritGranted3Years, patentbridge.Failed, "授权公告日 2023-11-28，截至 2026-11-27 不满三年"},
		{"not granted", func(p *patentbridge.Patent, f *Facts) {
			p.GrantDate = time.Time{}
			p.Status = patentbridge.StatusPending
		},
			patentbridge.CritGranted3Years, patentbridge.Failed, "未授权"},
		{"lapsed for unpaid fees", func(p *patentbridge.Patent, f *Facts) {
			p.Status, p.LapseDate = patentbridge.StatusLapsedUnpaid, MustDate(t, "2024-05-01")
		}, patentbridge.CritInForce, patentbridge.Failed, "2024-05-01 因未缴年费终止"},
		{"lapsed after the as-of date was in force then", func(p *patentbridge.Patent, f *Facts) {
			p.Status, p.LapseDate = patentbridge.StatusLapsedUnpaid, MustDate(t, "2027-02-01")
		}, patentbridge.CritInForce, patentbridge.Met, "2027-02-01 因未缴年费终止，晚于筛查日"},
		{"lapse date unknown", func(p *patentbridge.Patent, f *Facts) { p.Status = patentbridge.StatusLapsedUnpaid },
			patentbridge.CritInForce, patentbridge.Failed, "因未缴年费终止（日期未知）"},
		{"expired by term", func(p *patentbridge.Patent, f *Facts) {
			p.Kind, p.AppDate, p.GrantDate = patentbridge.KindUtility, MustDate(t, "2016-03-01"), MustDate(t, "2016-09-01")
		}, patentbridge.CritInForce, patentbridge.Failed, "2026-03-01 期限届满"},
		{"expired status", func(p *patentbridge.Patent, f *Facts) {
			p.Status, p.LapseDate = patentbridge.StatusExpired, MustDate(t, "2025-01-01")
		}, patentbridge.CritInForce, patentbridge.Failed, "2025-01-01 期限届满"},
		{"invalidated", func(p *patentbridge.Patent, f *Facts) {
			p.Status = patentbridge.StatusInvalidated
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventInvalidation, Date: MustDate(t, "2025-04-10"), Text: "宣告专利权全部无效"}}
		}, patentbridge.CritInForce, patentbridge.Failed, "2025-04-10 被宣告全部无效"},
		{"survived an invalidation request", func(p *patentbridge.Patent, f *Facts) {
			p.StatusText = "有权-部分无效"
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventInvalidation, Date: MustDate(t, "2025-04-10"), Text: "部分无效"}}
		}, patentbridge.CritInForce, patentbridge.Met, "截至 2026-11-27 有效"},
		{"lapse event under an in-force status", func(p *patentbridge.Patent, f *Facts) {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventLapse, Date: MustDate(t, "2026-01-05"), Text: "未缴年费专利权终止"}}
		}, patentbridge.CritInForce, patentbridge.Failed, "2026-01-05 失效：未缴年费专利权终止"},
		{"transferred", func(p *patentbridge.Patent, f *Facts) {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventTransfer, Date: MustDate(t, "2021-03-01")}}
			p.TransferCount = 1
		}, patentbridge.CritNotImplemented, patentbridge.Failed, "2021-03-01 转让"},
		{"licensed", func(p *patentbridge.Patent, f *Facts) {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventLicence, Date: MustDate(t, "2022-05-10")}}
			p.LicenceCount = 1
		}, patentbridge.CritNotImplemented, patentbridge.Failed, "2022-05-10 许可"},
		{"pledged", func(p *patentbridge.Patent, f *Facts) {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventPledge, Date: MustDate(t, "2020-07-01")}}
		}, patentbridge.CritNotImplemented, patentbridge.Failed, "2020-07-01 质押"},
		{"transfer count without dates", func(p *patentbridge.Patent, f *Facts) { p.TransferCount = 2 },
			patentbridge.CritNotImplemented, patentbridge.Failed, "转让次数 2（无日期）"},
		{"licence after the as-of date does not count", func(p *patentbridge.Patent, f *Facts) {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventLicence, Date: MustDate(t, "2026-12-01")}}
			p.LicenceCount = 1
		}, patentbridge.CritNotImplemented, patentbridge.Met, "截至 2026-11-27 无转让、许可、质押记录或实施声明"},
		{"implementation declared", func(p *patentbridge.Patent, f *Facts) {
			f.Declarations = []*patentbridge.Declaration{{AppNo: p.AppNo, Kind: patentbridge.DeclImplemented,
				How: "许可", Enterprise: "成都天府制茶有限公司", Since: MustDate(t, "2024-01-01")}}
		}, patentbridge.CritNotImplemented, patentbridge.Failed, "声明已实施：2024-01-01 起许可给 成都天府制茶有限公司"},
		{"revoked implementation declaration", func(p *patentbridge.Patent, f *Facts) {
			f.Declarations = []*patentbridge.Declaration{{AppNo: p.AppNo, Kind: patentbridge.DeclImplemented,
				How: "自行实施", Since: MustDate(t, "2024-01-01"), RevokedAt: MustDate(t, "2026-02-01")}}
		}, patentbridge.CritNotImplemented, patentbridge.Met, "无转让、许可、质押记录或实施声明"},
		{"justified reason", func(p *patentbridge.Patent, f *Facts) {
			f.Declarations = []*patentbridge.Declaration{{AppNo: p.AppNo, Kind: patentbridge.DeclReason,
				Reason: patentbridge.ReasonNegotiating, CreatedAt: MustDate(t, "2026-06-01")}}
		}, patentbridge.CritNoReason, patentbridge.Failed, "正当理由：正在洽谈（2026-06-01 登记）"},
		{"transferred to a company", func(p *patentbridge.Patent, f *Facts) { p.Patentees = []patentbridge.Party{company} },
			patentbridge.CritInstitution, patentbridge.Failed, "当前权利人 成都天府制茶有限公司 为企业（原申请人 四川大学）"},
		{"enterprise named 研究院有限公司", func(p *patentbridge.Patent, f *Facts) {
			x := patentbridge.Party{Name: "成都智航科技研究院有限公司", Type: patentbridge.PartyEnterprise}
			p.Applicants, p.Patentees = []patentbridge.Party{x}, nil
		}, patentbridge.CritInstitution, patentbridge.Failed, "当前权利人 成都智航科技研究院有限公司 为企业"},
		{"institute known only by its type column", func(p *patentbridge.Patent, f *Facts) {
			p.Patentees = []patentbridge.Party{{Name: "中国工程物理所", Type: patentbridge.PartyInstitute}}
		}, patentbridge.CritInstitution, patentbridge.Met, "当前权利人 中国工程物理所（科研单位）"},
		{"co-owned by a university and a company", func(p *patentbridge.Patent, f *Facts) {
			p.Patentees = []patentbridge.Party{company, univ}
		}, patentbridge.CritInstitution, patentbridge.Met, "当前权利人 四川大学（大专院校），共有人 成都天府制茶有限公司（企业）"},
		{"design excluded by default", func(p *patentbridge.Patent, f *Facts) { p.Kind = patentbridge.KindDesign },
			patentbridge.CritKind, patentbridge.Failed, "外观设计不在筛查范围"},
		{"utility model in scope", func(p *patentbridge.Patent, f *Facts) { p.Kind = patentbridge.KindUtility },
			patentbridge.CritKind, patentbridge.Met, "实用新型专利在筛查范围"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f := basePatent(t), Facts{}
			tt.edit(p, &f)
			v := Evaluate(cfg, p, f, asOf)
			if len(v.Criteria) != len(patentbridge.Criteria) {
				t.Fatalf("got %d criteria, want every one of %d", len(v.Criteria), len(patentbridge.Criteria))
			}
			var got patentbridge.CriterionResult
			for i, r := range v.Criteria {
				if r.Criterion != patentbridge.Criteria[i] {
					t.Fatalf("criterion %d is %s, want %s", i, r.Criterion, patentbridge.Criteria[i])
				}
				if r.Criterion == tt.crit {
					got = r
				}
			}
			if got.Outcome != tt.want || !strings.Contains(got.Evidence, tt.evidence) {
				t.Fatalf("%s: got %s %q, want %s containing %q", tt.crit, got.Outcome, got.Evidence, tt.want, tt.evidence)
			}
			if tt.want == patentbridge.Failed {
				if v.Sleeping || v.ExcludedBy != tt.crit {
					t.Fatalf("sleeping=%v excluded by %q, want excluded by %s", v.Sleeping, v.ExcludedBy, tt.crit)
				}
			} else if !v.Sleeping || v.ExcludedBy != "" {
				t.Fatalf("sleeping=%v excluded by %q, want sleeping; criteria %+v", v.Sleeping, v.ExcludedBy, v.Criteria)
			}
		})
	}
}

// A patent that fails several criteria shows every reason, and the first is the exclusion.
func TestEvaluateReportsEveryFailure(t *testing.T) {
	p := basePatent(t)
	p.GrantDate = MustDate(t, "2024-02-01")
	p.Status, p.LapseDate = patentbridge.StatusLapsedUnpaid, MustDate(t, "2026-03-01")
	v := Evaluate(DefaultConfig(), p, Facts{}, MustDate(t, asOfDate))
	if v.ExcludedBy != patentbridge.CritGranted3Years {
		t.Fatalf("excluded by %q, want granted_3_years", v.ExcludedBy)
	}
	if o := v.Outcome(patentbridge.CritInForce); o != patentbridge.Failed {
		t.Fatalf("in force: %s, want failed as well", o)
	}
	if got := v.Criteria[3].Evidence; got != "2026-03-01 因未缴年费终止" {
		t.Fatalf("in-force evidence %q", got)
	}
}

func TestInstitutionScope(t *testing.T) {
	asOf := MustDate(t, asOfDate)
	t.Run("region", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Institutions.RegionPrefixes = []string{"5101"}
		p := basePatent(t)
		if o := Evaluate(cfg, p, Facts{}, asOf).Outcome(patentbridge.CritInstitution); o != patentbridge.Met {
			t.Fatalf("成都 patent: %s", o)
		}
		p.RegionCode = "500104"
		v := Evaluate(cfg, p, Facts{}, asOf)
		if v.ExcludedBy != patentbridge.CritInstitution || !strings.Contains(v.Criteria[1].Evidence, "所在地区 重庆市（申请人地址）不在四川省成都市") {
			t.Fatalf("重庆 patent: %+v", v.Criteria[1])
		}
	})
	t.Run("names", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Institutions.Names = []string{"西南交通大学"}
		v := Evaluate(cfg, basePatent(t), Facts{}, asOf)
		if v.ExcludedBy != patentbridge.CritInstitution || !strings.Contains(v.Criteria[1].Evidence, "不在筛查机构名单") {
			t.Fatalf("unlisted university: %+v", v.Criteria[1])
		}
	})
}
