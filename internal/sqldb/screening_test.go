package sqldb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestScreeningRunEvidence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		if _, err := db.LatestRun(ctx); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Fatalf("LatestRun before any run: %v, want ENOTFOUND", err)
		}
		run := MustRun(t, db)
		if run.Screened != len(allCrafted) || run.Sleeping != 5 {
			t.Errorf("run screened %d, sleeping %d; want %d, 5", run.Screened, run.Sleeping, len(allCrafted))
		}
		latest, err := db.LatestRun(ctx)
		if err != nil || latest.ID != run.ID || latest.Sleeping != run.Sleeping || latest.Grades["A"]+latest.Grades["B"]+latest.Grades["C"]+latest.Grades["D"] != 5 {
			t.Fatalf("LatestRun = %+v, %v; want run %d with its counts", latest, err, run.ID)
		}
		if runs, err := db.ListRuns(ctx, 10); err != nil || len(runs) != 1 || runs[0].FinishedAt.IsZero() {
			t.Fatalf("ListRuns = %v, %v", runs, err)
		}
		for _, tc := range []struct {
			name     string
			p        *patentbridge.Patent
			excluded patentbridge.Criterion
			evidence string // in the first failed (or, when sleeping, the granted) criterion
		}{
			{"granted exactly three years before", pExact3Years, "", "授权公告日 2023-11-27，已满三年"},
			{"granted one day later", pOneDayLate, patentbridge.CritGranted3Years, "不满三年"},
			{"lapsed", pLapsed, patentbridge.CritInForce, "2025-01-01"},
			{"transferred", pTransferred, patentbridge.CritNotImplemented, "2024-05-01 转让"},
			{"co-owned with a company", pCoOwned, "", "共有人 成都芯动科技有限公司"},
			{"design", pDesign, patentbridge.CritKind, "外观设计"},
			{"institute by the type column", pInstitute, "", "四川天府创新中心（科研单位）"},
			{"company", pCompany, patentbridge.CritInstitution, "成都芯动科技有限公司"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := MustResult(t, db, tc.p)
				if r.AppNo != tc.p.AppNo || r.RunID != run.ID || r.ExcludedBy != tc.excluded || r.Sleeping != (tc.excluded == "") {
					t.Fatalf("result = %s run %d sleeping %v excluded by %q; want %s run %d excluded by %q",
						r.AppNo, r.RunID, r.Sleeping, r.ExcludedBy, tc.p.AppNo, run.ID, tc.excluded)
				}
				var all []string
				for _, c := range r.Criteria {
					all = append(all, c.Evidence)
				}
				if !strings.Contains(strings.Join(all, "|"), tc.evidence) {
					t.Errorf("evidence %q does not mention %q", all, tc.evidence)
				}
				if (r.Grade != "") != r.Sleeping {
					t.Errorf("grade %q for sleeping=%v", r.Grade, r.Sleeping)
				}
				if len(r.Indicators) != 15 || r.Indicators[0].Name != "kind" || r.Indicators[0].Weight != 1 || r.Indicators[0].Label == "" {
					t.Fatalf("indicators = %+v", r.Indicators)
				}
			})
		}
		co := MustResult(t, db, pCoOwned)
		if ind := co.Indicators[6]; ind.Name != "forward_citations" || ind.Raw != 12 || ind.Normalized <= 0 {
			t.Errorf("co-owned forward citations indicator = %+v, want raw 12 normalized > 0", ind)
		}
		if !slices.Contains(MustResult(t, db, pExact3Years).Flags, "获得国家级奖项") {
			t.Errorf("award column did not give the national-award flag")
		}
		if _, err := db.FindScreeningResult(ctx, 0, appNo(2020, 1, 99)); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("unknown patent: %v, want ENOTFOUND", err)
		}
		if _, err := db.FindScreeningResult(ctx, run.ID+5, pCoOwned.AppNo); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("unknown run: %v, want ENOTFOUND", err)
		}
	})
}

func TestSleepingListFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		all, nos, total := MustList(t, db, patentbridge.SleepingFilter{Limit: 100})
		want := []string{pExact3Years.AppNo, pCoOwned.AppNo, pInstitute.AppNo, pReason.AppNo, pDeclared.AppNo}
		if total != 5 || !cmp.Equal(sorted(nos), sorted(want)) {
			t.Fatalf("sleeping = %v (total %d), want %v", nos, total, want)
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1].Result, all[i].Result
			if a.Grade > b.Grade || a.Grade == b.Grade && a.Score < b.Score {
				t.Errorf("order: %s (%s %.2f) before %s (%s %.2f)", a.AppNo, a.Grade, a.Score, b.AppNo, b.Grade, b.Score)
			}
		}
		filters := []patentbridge.SleepingFilter{
			{Institution: "电子科技"},
			{Institution: "四川"},
			{City: "5107"},
			{City: "5101"},
			{Grade: all[0].Result.Grade},
			{System: "agri_10_3", Industry: "川茶"},
			{System: "agri_10_3"},
			{System: "advantage_6", Industry: "能源化工"},
			{SEI: all0SEI(all)},
			{IPCPrefix: "H01M"},
			{IPCPrefix: "A23F3"},
			{Kind: patentbridge.KindUtility},
			{GrantYear: 2023},
			{Flag: "获得国家级奖项"},
			{City: "5101", Kind: patentbridge.KindInvention, GrantYear: 2021},
		}
		for _, f := range filters {
			var wantF []string
			for _, it := range all {
				if referenceMatch(it, f) {
					wantF = append(wantF, it.Patent.AppNo)
				}
			}
			f.Limit = 100
			_, got, n := MustList(t, db, f)
			if len(wantF) == 0 || n != len(wantF) || !cmp.Equal(got, wantF) {
				t.Errorf("filter %+v: got %v (total %d), want %v (non-empty)", f, got, n, wantF)
			}
			counts, err := db.CountSleeping(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if g := counts["A"] + counts["B"] + counts["C"] + counts["D"]; g != len(wantF) {
				t.Errorf("filter %+v: grade counts %v sum to %d, want %d", f, counts, g, len(wantF))
			}
		}
		_, page, n := MustList(t, db, patentbridge.SleepingFilter{Limit: 2, Offset: 1})
		if n != 5 || !cmp.Equal(page, nos[1:3]) {
			t.Errorf("page 2 of 2 = %v (total %d), want %v", page, n, nos[1:3])
		}
		counts, err := db.CountSleeping(ctx, patentbridge.SleepingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		wantCounts := map[string]int{}
		for _, it := range all {
			wantCounts[it.Result.Grade]++
			if rc := it.Patent.RegionCode; len(rc) >= 4 {
				wantCounts["city:"+rc[:4]]++
			}
			c := it.Result.Classes
			for sys, names := range map[string][]string{"sichuan_5_1": c.Sichuan51, "advantage_6": c.Advantage6, "agri_10_3": c.Agri103} {
				for _, name := range names {
					wantCounts[sys+":"+name]++
				}
			}
		}
		if diff := cmp.Diff(wantCounts, counts); diff != "" || counts["agri_10_3:川茶"] == 0 || counts["city:5101"] == 0 {
			t.Errorf("CountSleeping (-want +got):\n%s", diff)
		}
		for _, f := range []patentbridge.SleepingFilter{{Grade: "E"}, {System: "five"}, {IPCPrefix: "??"}, {Offset: -1}} {
			if _, _, err := db.ListSleeping(ctx, f); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
				t.Errorf("ListSleeping(%+v) = %v, want EINVALID", f, err)
			}
		}
	})
}

// all0SEI returns an SEI field code of some sleeping patent.
func all0SEI(items []*patentbridge.SleepingItem) string {
	for _, it := range items {
		if len(it.Result.Classes.SEI) > 0 {
			return strings.SplitN(it.Result.Classes.SEI[0], ".", 2)[0]
		}
	}
	return "none"
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

func TestDeclarationsMoveResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		MustDeclare(t, db, &patentbridge.Declaration{AppNo: pDeclared.AppNo, Kind: patentbridge.DeclImplemented,
			How: "许可", Enterprise: "四川川芎药业有限公司", Since: date("2025-03-01"), CreatedBy: 3, OrgName: "四川大学"})
		reason := MustDeclare(t, db, &patentbridge.Declaration{AppNo: pReason.AppNo, Kind: patentbridge.DeclReason,
			Reason: patentbridge.ReasonNegotiating, CreatedBy: 3, OrgName: "四川大学"})
		second := MustRun(t, db)
		_, sleeping, _ := MustList(t, db, patentbridge.SleepingFilter{})
		excl, excluded, n := MustList(t, db, patentbridge.SleepingFilter{Excluded: true})
		if slices.Contains(sleeping, pReason.AppNo) || slices.Contains(sleeping, pDeclared.AppNo) || len(sleeping) != 3 {
			t.Errorf("sleeping after declarations = %v", sleeping)
		}
		// The transferred patent was implemented, not excluded by a declaration.
		if n != 2 || !cmp.Equal(sorted(excluded), sorted([]string{pReason.AppNo, pDeclared.AppNo})) {
			t.Fatalf("excluded = %v (total %d), want the two declared patents", excluded, n)
		}
		for _, it := range excl {
			c := it.Result.Criteria[len(it.Result.Criteria)-1]
			if it.Patent.AppNo == pDeclared.AppNo {
				c = it.Result.Criteria[len(it.Result.Criteria)-2]
			}
			if c.Outcome != patentbridge.Failed || !strings.Contains(c.Evidence, "正在洽谈") && !strings.Contains(c.Evidence, "四川川芎药业有限公司") {
				t.Errorf("%s: excluded with %+v, want the declaration as evidence", it.Patent.AppNo, c)
			}
		}
		if err := db.RevokeDeclaration(platformCtx(), pReason.AppNo, reason.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeDeclaration(platformCtx(), pReason.AppNo, reason.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("second revocation: %v, want ENOTFOUND", err)
		}
		MustRun(t, db)
		if r := MustResult(t, db, pReason); !r.Sleeping {
			t.Errorf("after revocation %s is not sleeping: %+v", pReason.AppNo, r.Criteria)
		}
		// The second run's results stay as they were.
		if r, err := db.FindScreeningResult(ctx, second.ID, pReason.AppNo); err != nil || r.Sleeping {
			t.Errorf("run %d result = %+v, %v; want excluded", second.ID, r, err)
		}
		ds, err := db.PatentDeclarations(ctx, pReason.AppNo)
		if err != nil || len(ds) != 1 || ds[0].RevokedAt.IsZero() || ds[0].Reason != patentbridge.ReasonNegotiating {
			t.Errorf("PatentDeclarations = %+v, %v; want the revoked declaration", ds, err)
		}
	})
}

func TestScreeningIsRepeatable(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		first, second := MustRun(t, db), MustRun(t, db)
		for _, p := range allCrafted {
			a, err := db.FindScreeningResult(ctx, first.ID, p.AppNo)
			if err != nil {
				t.Fatal(err)
			}
			b, err := db.FindScreeningResult(ctx, second.ID, p.AppNo)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a, b, cmpopts.IgnoreFields(patentbridge.ScreeningResult{}, "RunID")); diff != "" {
				t.Errorf("%s differs between runs (-first +second):\n%s", p.AppNo, diff)
			}
		}
	})
}
