package patentbridge

import (
	"strings"
	"testing"
	"time"
)

func TestPoolLicenceTerm(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	cases := []struct{ start, end, last, wantEnd string }{
		{"2026-11-27", "", "", "2027-11-26"},
		{"2024-02-29", "", "", "2025-02-27"},
		{"2026-11-27", "", "2027-03-01", "2027-03-01"},
		{"2026-11-27", "2030-01-31", "2027-03-01", "2030-01-31"}, // asked: checked, not cut
	}
	for _, c := range cases {
		var end, last time.Time
		if c.end != "" {
			end = day(c.end)
		}
		if c.last != "" {
			last = day(c.last)
		}
		s, e := PoolLicenceTerm(nil, day(c.start).Add(9*time.Hour), end, last)
		if !s.Equal(day(c.start)) || FormatDate(e) != c.wantEnd {
			t.Errorf("PoolLicenceTerm(%s, %q, %q) = %s..%s, want ..%s", c.start, c.end, c.last, FormatDate(s), FormatDate(e), c.wantEnd)
		}
	}
}

func TestCheckTakePoolLicence(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	p := &Pool{Name: "池", Status: PoolPublished, Members: []PoolMember{{OrgID: 1, Name: "甲"}, {OrgID: 2, Name: "乙"}},
		Fee: &FeeTerms{Method: FeeFree}}
	start, last := day("2026-11-27"), day("2031-03-05")
	if err := CheckTakePoolLicence(p, 3, start, last, last); err != nil {
		t.Errorf("to the last day: %v", err)
	}
	if err := CheckTakePoolLicence(p, 3, start, last.AddDate(0, 0, 1), last); ErrorField(err) != "term_end" {
		t.Errorf("a day past the last: %v", err)
	}
	if err := CheckTakePoolLicence(p, 3, start, start.AddDate(0, 0, -1), last); ErrorField(err) != "term_end" {
		t.Errorf("ending before it starts: %v", err)
	}
	if err := CheckTakePoolLicence(p, 2, start, last, last); ErrorCode(err) != EINVALID {
		t.Errorf("a member: %v", err)
	}
	negotiated := *p
	negotiated.Fee = nil
	if err := CheckTakePoolLicence(&negotiated, 3, start, last, last); ErrorCode(err) != ECONFLICT {
		t.Errorf("面议: %v", err)
	}
	draft := *p
	draft.Status = PoolDraft
	if err := CheckTakePoolLicence(&draft, 3, start, last, last); ErrorCode(err) != ECONFLICT {
		t.Errorf("draft: %v", err)
	}
}

func TestPoolFeeIsChecked(t *testing.T) {
	p := Pool{Name: "池", Field: "电池", Members: []PoolMember{{OrgID: 1}, {OrgID: 2}}, AppNos: []string{"2022232206652"}, Terms: "打包许可",
		Fee: &FeeTerms{Method: FeeSales, RateBP: 2001, ReportMonths: 3}}
	if err := p.Validate(); ErrorField(err) != "fee" {
		t.Errorf("20.01%% of net sales: %v", err)
	}
	p.Fee.RateBP = 2000
	if err := p.Validate(); err != nil {
		t.Errorf("20%% of net sales: %v", err)
	}
	if p.FeeText() == "面议" {
		t.Error("a stated fee reads 面议")
	}
	p.Fee = nil
	if err := p.Validate(); err != nil || p.FeeText() != "面议" {
		t.Errorf("面议: %v %q", err, p.FeeText())
	}
}

// A 先使用后付费 pool fee with a grace period: the default term runs a year
// past the grace (cut to the patents' last day), and a term ending before
// the fee falls due is refused.
func TestPoolLicenceTermOfADeferredFee(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	fee := &FeeTerms{Method: FeeDeferred, GraceMonths: 12, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 60_0000_00}}
	if _, e := PoolLicenceTerm(fee, day("2026-11-27"), time.Time{}, time.Time{}); FormatDate(e) != "2028-11-26" {
		t.Errorf("default term of a 12-month grace: to %s, want 2028-11-26", FormatDate(e))
	}
	if _, e := PoolLicenceTerm(fee, day("2026-11-27"), time.Time{}, day("2028-01-31")); FormatDate(e) != "2028-01-31" {
		t.Errorf("cut to the last patent day: %s", FormatDate(e))
	}
	revenue := &FeeTerms{Method: FeeDeferred, UntilFirstRevenue: true, Then: fee.Then}
	if _, e := PoolLicenceTerm(revenue, day("2026-11-27"), time.Time{}, time.Time{}); FormatDate(e) != "2027-11-26" {
		t.Errorf("until the first revenue keeps a year: %s", FormatDate(e))
	}
	p := &Pool{Name: "池", Status: PoolPublished, Members: []PoolMember{{OrgID: 1, Name: "甲"}}, Fee: fee}
	start := day("2026-11-27")
	err := CheckTakePoolLicence(p, 3, start, day("2027-11-26"), time.Time{})
	if ErrorField(err) != "term_end" || !strings.Contains(ErrorMessage(err), "免付期") {
		t.Errorf("a term ending on the grace's last day: %v", err)
	}
	if err := CheckTakePoolLicence(p, 3, start, day("2027-11-27"), time.Time{}); err != nil {
		t.Errorf("a term that includes the day the fee falls due: %v", err)
	}
	ol := &OpenLicence{Status: OpenAnnounced, OrgID: 7, TermEnd: day("2030-12-31"), Fee: *fee}
	if err := CheckTakeOpenLicence(ol, 8, start, day("2027-06-30")); ErrorField(err) != "term_end" {
		t.Errorf("an open licence ending in its grace period: %v", err)
	}
	if err := CheckTakeOpenLicence(ol, 8, start, day("2030-12-31")); err != nil {
		t.Errorf("an open licence past the grace: %v", err)
	}
}

func TestPoolLicenceNoticeTextEndsTheTermsOnce(t *testing.T) {
	p := &Pool{Name: "池", Members: []PoolMember{{OrgID: 1, Name: "甲"}}, AppNos: []string{"1"}, Terms: "成员外企业打包普通许可。"}
	text := PoolLicenceNoticeText(p, "乙公司", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), time.Date(2027, 11, 26, 0, 0, 0, 0, time.UTC))
	if !strings.Contains(text, "打包许可条件：成员外企业打包普通许可；\n") || strings.Contains(text, "。；") {
		t.Errorf("notice text: %q", text)
	}
}
