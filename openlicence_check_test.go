package patentbridge

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCheckFeeTermsBoundaries(t *testing.T) {
	sales := func(bp int) FeeTerms { return FeeTerms{Method: FeeSales, RateBP: bp, ReportMonths: 6} }
	profit := func(bp int) FeeTerms { return FeeTerms{Method: FeeProfit, RateBP: bp, ReportMonths: 12} }
	for _, tc := range []struct {
		name      string
		f         FeeTerms
		exception string
		field     string // "" passes
	}{
		{"20% of net sales", sales(2000), "", ""},
		{"20.01% of net sales", sales(2001), "", "rate"},
		{"20.01% with exception", sales(2001), "行业惯例，经论证", ""},
		{"40% of profit", profit(4000), "", ""},
		{"40.01% of profit", profit(4001), "", "rate"},
		{"lump sum 20,000,000 yuan", FeeTerms{Method: FeeFixed, LumpSumFen: 2_000_000_000}, "", ""},
		{"lump sum 20,000,000.01 yuan", FeeTerms{Method: FeeFixed, LumpSumFen: 2_000_000_001}, "", "lump_sum"},
		{"lump sum above with exception", FeeTerms{Method: FeeFixed, LumpSumFen: 3_000_000_000}, "重大项目", ""},
		{"lump sum zero", FeeTerms{Method: FeeFixed}, "", "lump_sum"},
		{"negative entry fee", FeeTerms{Method: FeeEntryRoyalty, EntryFeeFen: -1, RoyaltyBase: RoyaltyNetSales, RateBP: 300, ReportMonths: 3}, "", "entry_fee"},
		{"entry + royalty on profit 40.01%", FeeTerms{Method: FeeEntryRoyalty, EntryFeeFen: 100, RoyaltyBase: RoyaltyProfit, RateBP: 4001, ReportMonths: 3}, "", "rate"},
		{"entry + royalty", FeeTerms{Method: FeeEntryRoyalty, EntryFeeFen: 100, RoyaltyBase: RoyaltyProfit, RateBP: 4000, ReportMonths: 3}, "", ""},
		{"rate 0", sales(0), "", "rate"},
		{"rate above 100%", sales(10001), "例外", "rate"},
		{"no report period", FeeTerms{Method: FeeSales, RateBP: 300}, "", "report_months"},
		{"free", FeeTerms{Method: FeeFree}, "", ""},
		{"free with a fee", FeeTerms{Method: FeeFree, LumpSumFen: 5}, "", "method"},
		{"unknown method", FeeTerms{Method: "barter"}, "", "method"},
		{"deferred 12 months then sales", FeeTerms{Method: FeeDeferred, GraceMonths: 12, Then: &FeeTerms{Method: FeeSales, RateBP: 500, ReportMonths: 3}}, "", ""},
		{"deferred until revenue then fixed", FeeTerms{Method: FeeDeferred, UntilFirstRevenue: true, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 100}}, "", ""},
		{"deferred 120 months", FeeTerms{Method: FeeDeferred, GraceMonths: 120, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 100}}, "", ""},
		{"deferred 121 months", FeeTerms{Method: FeeDeferred, GraceMonths: 121, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 100}}, "", "grace_months"},
		{"deferred 0 months", FeeTerms{Method: FeeDeferred, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 100}}, "", "grace_months"},
		{"deferred then free", FeeTerms{Method: FeeDeferred, GraceMonths: 6, Then: &FeeTerms{Method: FeeFree}}, "", "then_method"},
		{"deferred without then", FeeTerms{Method: FeeDeferred, GraceMonths: 6}, "", "then_method"},
		{"deferred then 20.01%", FeeTerms{Method: FeeDeferred, GraceMonths: 6, Then: &FeeTerms{Method: FeeSales, RateBP: 2001, ReportMonths: 3}}, "", "rate"},
		{"grace on a fixed fee", FeeTerms{Method: FeeFixed, LumpSumFen: 100, GraceMonths: 3}, "", "grace_months"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckFeeTerms(tc.f, tc.exception)
			if got := ErrorField(err); got != tc.field || (tc.field != "" && ErrorCode(err) != EINVALID) {
				t.Fatalf("CheckFeeTerms = %v, want field %q", err, tc.field)
			}
			if tc.field == "rate" && tc.f.RateBP == 2001 && !strings.Contains(ErrorMessage(err), "国知发运字〔2024〕19号") {
				t.Errorf("message %q does not name the notice", ErrorMessage(err))
			}
		})
	}
}

// grantedInvention is in force, filed 2016-03-10: its term's last day is 2036-03-09.
func grantedInvention() *Patent {
	return &Patent{AppNo: "2016100000001", Kind: KindInvention, Status: StatusInForce,
		AppDate: day("2016-03-10"), GrantDate: day("2018-05-04")}
}

func goodDeclaration(p *Patent) *OpenLicence {
	return &OpenLicence{AppNo: p.AppNo, Fee: FeeTerms{Method: FeeSales, RateBP: 300, ReportMonths: 6},
		TermStart: day("2026-12-01"), TermEnd: day("2031-11-30"),
		Confirmations: []string{ConfirmNoExclusive, ConfirmNoSuspension, ConfirmFeesPaid, ConfirmNoPledge, ConfirmNoOtherBar}}
}

func wantRefusal(t *testing.T, err error, field, article string) {
	t.Helper()
	if ErrorCode(err) != EINVALID || ErrorField(err) != field || !strings.Contains(ErrorMessage(err), article) {
		t.Fatalf("err = %v, want EINVALID on %s naming %s", err, field, article)
	}
}

func TestCheckOpenLicenceFacts(t *testing.T) {
	asOf := day("2026-11-27").Add(9 * time.Hour)
	t.Run("a good declaration passes", func(t *testing.T) {
		p := grantedInvention()
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("not granted", func(t *testing.T) {
		p := grantedInvention()
		p.Status, p.GrantDate = StatusPending, time.Time{}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf), "app_no", "第八十五条")
	})
	t.Run("invalidated", func(t *testing.T) {
		p := grantedInvention()
		p.Status = StatusInvalidated
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf), "app_no", "第八十五条")
	})
	t.Run("lapsed for unpaid fees", func(t *testing.T) {
		p := grantedInvention()
		p.Events = []LegalEvent{{Type: EventLapse, Date: day("2026-03-10"), Text: "未缴年费专利权终止"}}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf), "app_no", "第八十六条第（三）项")
	})
	t.Run("exclusive licence by legal event, then cancelled", func(t *testing.T) {
		p := grantedInvention()
		p.Events = []LegalEvent{{Type: EventLicence, Date: day("2024-01-05"), Text: "专利实施许可合同备案的生效 许可种类：独占许可"}}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf), "app_no", "第八十六条第（一）项")
		p.Events = append(p.Events, LegalEvent{Type: EventOther, Date: day("2025-01-05"), Text: "专利实施许可合同备案的注销"})
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("sole licence recorded on the platform until its last day", func(t *testing.T) {
		p := grantedInvention()
		rec := []RecordedLicence{{ID: 1, Kind: LicenceSole, Status: LicenceEffective, TermStart: day("2025-01-01"), TermEnd: day("2026-11-27")}}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), rec, asOf), "app_no", "第八十六条第（一）项")
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), rec, asOf.AddDate(0, 0, 1)); err != nil {
			t.Fatalf("the day after the licence's last day: %v", err)
		}
		ordinary := []RecordedLicence{{ID: 2, Kind: LicenceOrdinary, Status: LicenceEffective, TermStart: day("2025-01-01"), TermEnd: day("2030-01-01")}}
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), ordinary, asOf); err != nil {
			t.Fatalf("an ordinary licence is no bar: %v", err)
		}
	})
	t.Run("exclusive licence starting later overlaps the term", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p) // 2026-12-01 to 2031-11-30
		for _, tc := range []struct {
			kind       LicenceKind
			status     string
			start, end string
			refused    bool
		}{
			{LicenceExclusive, LicenceEffective, "2027-01-01", "2029-12-31", true},
			{LicenceSole, LicenceEffective, "2031-11-30", "2033-12-31", true},       // from the term's last day
			{LicenceExclusive, LicenceEffective, "2026-11-28", "2026-12-01", true},  // ends on its first day
			{LicenceExclusive, LicenceEffective, "2026-11-28", "2026-11-30", false}, // ends the day before
			{LicenceExclusive, LicenceEffective, "2031-12-01", "2033-12-31", false}, // starts the day after
			{LicenceExclusive, LicenceEffective, "2027-01-01", "", true},            // no end
			{LicenceExclusive, LicenceEnded, "2027-01-01", "2029-12-31", false},
			{LicenceOrdinary, LicenceEffective, "2027-01-01", "2029-12-31", false},
		} {
			l := RecordedLicence{ID: 3, Kind: tc.kind, Status: tc.status, TermStart: day(tc.start)}
			if tc.end != "" {
				l.TermEnd = day(tc.end)
			}
			err := CheckOpenLicenceFacts(p, ol, []RecordedLicence{l}, asOf)
			if tc.refused {
				wantRefusal(t, err, "app_no", "第八十六条第（一）项")
			} else if err != nil {
				t.Errorf("%s %s %s–%s: %v", tc.kind, tc.status, tc.start, tc.end, err)
			}
		}
	})
	t.Run("suspended, then resumed", func(t *testing.T) {
		p := grantedInvention()
		p.Events = []LegalEvent{{Type: EventOther, Date: day("2026-05-01"), Text: "专利权人的权属纠纷 中止程序"}}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf), "app_no", "第八十六条第（二）项")
		p.Events = append(p.Events, LegalEvent{Type: EventOther, Date: day("2026-09-01"), Text: "中止程序的解除"})
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("pledge released the day of the check", func(t *testing.T) {
		p := grantedInvention()
		p.Events = []LegalEvent{
			{Type: EventPledge, Date: day("2024-06-01"), Text: "专利权质押合同登记的生效"},
			{Type: EventOther, Date: day("2026-11-27"), Text: "专利权质押合同登记的注销"},
		}
		if err := CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf); err != nil {
			t.Fatalf("on the day of the release: %v", err)
		}
		wantRefusal(t, CheckOpenLicenceFacts(p, goodDeclaration(p), nil, asOf.AddDate(0, 0, -1)), "pledgee_consent", "第八十六条第（四）项")
		ol := goodDeclaration(p)
		ol.PledgeeConsent = "质权人同意函 2026-011"
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf.AddDate(0, 0, -1)); err != nil {
			t.Fatalf("with the pledgee's consent: %v", err)
		}
	})
	t.Run("term starts today at the earliest", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p)
		ol.TermStart = day("2020-01-01")
		err := CheckOpenLicenceFacts(p, ol, nil, asOf)
		if ErrorField(err) != "term_start" || !strings.Contains(ErrorMessage(err), "不能早于今天（2026-11-27）") {
			t.Fatalf("a term from 2020-01-01: %v", err)
		}
		ol.TermStart = day("2026-11-26")
		wantRefusal(t, CheckOpenLicenceFacts(p, ol, nil, asOf), "term_start", "2026-11-27")
		ol.TermStart = day("2026-11-27")
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf); err != nil {
			t.Fatalf("a term from today: %v", err)
		}
	})
	t.Run("term ends on the patent's last day", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p)
		ol.TermEnd = day("2036-03-09")
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf); err != nil {
			t.Fatalf("last day of the term: %v", err)
		}
		ol.TermEnd = day("2036-03-10")
		wantRefusal(t, CheckOpenLicenceFacts(p, ol, nil, asOf), "term_end", "第四十二条")
	})
	t.Run("patent expired", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p)
		ol.TermStart, ol.TermEnd = day("2036-03-09"), day("2036-03-09")
		if err := CheckOpenLicenceFacts(p, ol, nil, day("2036-03-09")); err != nil {
			t.Fatalf("on the last day: %v", err)
		}
		wantRefusal(t, CheckOpenLicenceFacts(p, ol, nil, day("2036-03-10")), "app_no", "第八十五条")
	})
	t.Run("utility model needs a favourable evaluation report", func(t *testing.T) {
		p := grantedInvention()
		p.Kind = KindUtility
		p.AppDate = day("2020-03-10") // last day 2030-03-09
		ol := goodDeclaration(p)
		ol.TermEnd = day("2030-03-09")
		wantRefusal(t, CheckOpenLicenceFacts(p, ol, nil, asOf), "evaluation_report", "《专利法》第五十条")
		ol.EvaluationReport = "2025200001234 评价报告"
		wantRefusal(t, CheckOpenLicenceFacts(p, ol, nil, asOf), "evaluation_report", "《专利法》第五十条")
		ol.EvaluationFavourable = true
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("confirmations where the platform knows nothing", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p)
		ol.Confirmations = []string{ConfirmFeesPaid, ConfirmNoSuspension, ConfirmNoPledge, ConfirmNoOtherBar}
		err := CheckOpenLicenceFacts(p, ol, nil, asOf)
		wantRefusal(t, err, "confirmations", "第八十八条")
		// A licence event naming its kind tells the platform: no confirmation then.
		p.Events = []LegalEvent{{Type: EventLicence, Date: day("2024-01-05"), Text: "专利实施许可合同备案的生效 许可种类：普通许可"}}
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("short term is a warning only", func(t *testing.T) {
		p := grantedInvention()
		ol := goodDeclaration(p)
		ol.TermEnd = day("2027-05-31")
		if err := CheckOpenLicenceFacts(p, ol, nil, asOf); err != nil {
			t.Fatal(err)
		}
		if len(OpenLicenceWarnings(ol)) != 1 {
			t.Errorf("warnings = %v, want one about the term", OpenLicenceWarnings(ol))
		}
		ol.TermEnd = day("2027-11-30")
		if w := OpenLicenceWarnings(ol); len(w) != 0 {
			t.Errorf("a one-year term: warnings %v", w)
		}
	})
}
