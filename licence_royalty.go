package patentbridge

import (
	"fmt"
	"time"
)

// MaxRoyaltyBaseFen bounds one period's reported net sales or profit: RMB 1
// trillion, far above any SME's, and small enough for exact arithmetic.
const MaxRoyaltyBaseFen int64 = 100_000_000_000_000

// RoyaltyDue is the royalty on a base (net sales or profit, in fen) at rateBP
// basis points: rateBP × base / 10000, rounded half up to the fen (四舍五入:
// 0.5 fen and more counts as one fen). A base of zero or less (a loss) owes
// nothing. It is exact for every base up to MaxRoyaltyBaseFen.
func RoyaltyDue(rateBP int, baseFen int64) int64 {
	if baseFen <= 0 || rateBP <= 0 {
		return 0
	}
	r := int64(rateBP)
	whole, part := baseFen/10000, baseFen%10000
	return whole*r + (part*r+5000)/10000
}

// ProfitBase reports whether the terms' royalty (after any deferral) is on
// profit, where a period's loss is a negative base that owes nothing.
func (f FeeTerms) ProfitBase() bool {
	p := f.Payable()
	return p != nil && (p.Method == FeeProfit || p.Method == FeeEntryRoyalty && p.RoyaltyBase == RoyaltyProfit)
}

// CheckRoyaltyBase validates a period's reported base under the terms: within
// ±MaxRoyaltyBaseFen, and not negative unless it is a profit (a loss, which
// owes no royalty for the period); net sales are never negative. Returns
// EINVALID naming base_fen.
func CheckRoyaltyBase(f FeeTerms, baseFen int64) error {
	switch {
	case baseFen > MaxRoyaltyBaseFen || baseFen < -MaxRoyaltyBaseFen:
		return FieldErrorf("base_fen", "报告金额超出范围（绝对值不超过 %s）", FormatFen(MaxRoyaltyBaseFen))
	case baseFen < 0 && !f.ProfitBase():
		return FieldErrorf("base_fen", "净销售额不能为负数（报告为 %s）；没有销售的期间请报告 0", FormatFen(baseFen))
	}
	return nil
}

// DateOf returns the calendar day of t in Beijing, where the programme's
// days are counted (an act at 07:00 Beijing is that day's, not the UTC
// day before), as the platform stores dates: midnight UTC of that day. A date
// already so stored, or given at Beijing midnight, is its own day.
func DateOf(t time.Time) time.Time {
	t = t.In(Beijing)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// AddMonths returns the day n months after d, clamped to the last day of a
// shorter month (2027-11-30 + 3 months is 2028-02-29, not 2028-03-01).
func AddMonths(d time.Time, n int) time.Time {
	d = DateOf(d)
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d.Day(), last), 0, 0, 0, 0, time.UTC)
}

// Payable returns the terms whose payments apply once any deferral is over:
// Then for 先使用后付费, the terms themselves otherwise (nil for free and for
// a deferred licence without Then).
func (f FeeTerms) Payable() *FeeTerms {
	switch f.Method {
	case FeeFree:
		return nil
	case FeeDeferred:
		return f.Then
	}
	return &f
}

// UpFrontFen is what a licensee must pay before an open licence takes effect
// (art. 51 "支付许可使用费后"): the lump sum of a fixed fee, the entry fee of
// entry + royalty. Free licences, pure royalties (paid on reports, after use)
// and 先使用后付费 (nothing during the deferral) owe nothing up front and take
// effect on the written notice.
func (f FeeTerms) UpFrontFen() int64 {
	switch f.Method {
	case FeeFixed:
		return f.LumpSumFen
	case FeeEntryRoyalty:
		return f.EntryFeeFen
	}
	return 0
}

// Royalty reports whether the terms (after any deferral) take periodic reports.
func (f FeeTerms) Royalty() bool {
	p := f.Payable()
	return p != nil && (p.Method == FeeSales || p.Method == FeeProfit || p.Method == FeeEntryRoyalty)
}

// TakesReports reports whether the licensee reports periodic sales or profit:
// royalty terms, and 先使用后付费 until first revenue (the report of revenue
// is what ends its deferral).
func (f FeeTerms) TakesReports() bool {
	return f.Royalty() || f.Method == FeeDeferred && f.UntilFirstRevenue
}

// ReportEvery is the length in months of a reporting period: the royalty
// terms' ReportMonths, 12 when they name none (a 先使用后付费 licence waiting
// for its first revenue reports yearly unless its Then says otherwise).
func (f FeeTerms) ReportEvery() int {
	if p := f.Payable(); p != nil && p.ReportMonths > 0 {
		return p.ReportMonths
	}
	return 12
}

// Period is one reporting period, first and last day.
type Period struct {
	Start time.Time `json:"-"`
	End   time.Time `json:"-"`
}

// String is the period as "2027-01-01至2027-03-31".
func (p Period) String() string { return FormatDate(p.Start) + "至" + FormatDate(p.End) }

// ReportPeriods is the schedule of reporting periods of a licence that took
// effect on the day of effective which have begun by the day of asOf (the
// current period may be reported early; its royalty is due from the report,
// and a later report of it corrects it) and never past termEnd:
// consecutive periods of ReportEvery months from the first day payments can
// be owed — the end of the grace period for 先使用后付费 with GraceMonths, the
// effective day otherwise (a licence deferred until its first revenue reports
// from its effect, so that the revenue can be seen). The last period ends at termEnd.
func ReportPeriods(f FeeTerms, effective, termEnd, asOf time.Time) []Period {
	if !f.TakesReports() || effective.IsZero() {
		return nil
	}
	start := DateOf(effective)
	if f.Method == FeeDeferred && !f.UntilFirstRevenue {
		start = AddMonths(start, f.GraceMonths)
	}
	every, asOf := f.ReportEvery(), DateOf(asOf)
	var out []Period
	for i := 0; i < 1200; i++ {
		s := AddMonths(start, i*every)
		if !termEnd.IsZero() && s.After(termEnd) {
			break
		}
		e := AddMonths(start, (i+1)*every).AddDate(0, 0, -1)
		if !termEnd.IsZero() && e.After(termEnd) {
			e = termEnd
		}
		if s.After(asOf) {
			break
		}
		out = append(out, Period{Start: s, End: e})
	}
	return out
}

// DeferralEnd is the first day a 先使用后付费 licence owes anything: effective
// plus GraceMonths, or with UntilFirstRevenue the first day of the first
// reported period with revenue (that period's royalty is owed: revenue is what
// ends the deferral). ok is false while the licence is still waiting for its
// first revenue, and for terms that defer nothing (the effective day then).
func DeferralEnd(f FeeTerms, effective time.Time, reports []RoyaltyReport) (end time.Time, ok bool) {
	if f.Method != FeeDeferred {
		return DateOf(effective), false
	}
	if !f.UntilFirstRevenue {
		return AddMonths(effective, f.GraceMonths), true
	}
	var first time.Time
	for _, r := range reports {
		if r.BaseFen > 0 && (first.IsZero() || r.PeriodStart.Before(first)) {
			first = r.PeriodStart
		}
	}
	return first, !first.IsZero()
}

// Deferred reports whether nothing is owed yet on the day of asOf.
func Deferred(f FeeTerms, effective time.Time, reports []RoyaltyReport, asOf time.Time) bool {
	if f.Method != FeeDeferred {
		return false
	}
	end, ok := DeferralEnd(f, effective, reports)
	return !ok || DateOf(asOf).Before(end)
}

// PeriodRoyalty is the royalty a report owes under the terms: 0 for a period
// that starts before the deferral ends, RoyaltyDue of the royalty rate
// otherwise. others are the licence's earlier reports (for UntilFirstRevenue).
func PeriodRoyalty(f FeeTerms, effective time.Time, r RoyaltyReport, others []RoyaltyReport) int64 {
	p := f.Payable()
	if p == nil || !f.Royalty() {
		return 0
	}
	if f.Method == FeeDeferred {
		end, ok := DeferralEnd(f, effective, append(others[:len(others):len(others)], r))
		if !ok || r.PeriodStart.Before(end) {
			return 0
		}
	}
	return RoyaltyDue(p.RateBP, r.BaseFen)
}

// RoyaltyDueOn is the day a report's royalty falls due: the day it was
// reported (a period is reported only after it ended; a correction keeps the
// day of the first report), the day after the period when the day is unknown.
func RoyaltyDueOn(r RoyaltyReport) time.Time {
	if r.CreatedAt.IsZero() {
		return r.PeriodEnd.AddDate(0, 0, 1)
	}
	return DateOf(r.CreatedAt)
}

// Due is one amount a licensee owes: what for, from which day, how much.
type Due struct {
	What      string    `json:"what"`
	DueOn     time.Time `json:"-"`
	AmountFen int64     `json:"amount_fen"`
}

// Statement is a licence's account on a day: what fell due, what was paid,
// what is outstanding and what was paid beyond what is due (never both).
type Statement struct {
	Dues           []Due `json:"dues"`
	DueFen         int64 `json:"due_fen"`
	PaidFen        int64 `json:"paid_fen"`
	OutstandingFen int64 `json:"outstanding_fen"`
	// OverpaidFen is what the payments exceed the dues by (多付, in advance).
	OverpaidFen int64 `json:"overpaid_fen"`
	// Deferred is true while a 先使用后付费 licence owes nothing yet.
	Deferred bool `json:"deferred"`
}

// upFrontLabel names the statement line of what is paid up front under m:
// the entry fee alone for 入门费+提成 (the royalties are lines of their own).
func upFrontLabel(m FeeMethod) string {
	if m == FeeEntryRoyalty {
		return "入门费"
	}
	return m.Label()
}

// LicenceStatement computes what the licence owes on the day of asOf: the up
// front fee (at the effect), for 先使用后付费 the lump sum or entry fee of
// Then once the deferral ends, and each reported period's royalty from the
// day of its report (RoyaltyDueOn); less the payments recorded: the balance
// is outstanding, or overpaid when the payments exceed the dues.
func LicenceStatement(l *Licence, asOf time.Time) Statement {
	var s Statement
	asOf = DateOf(asOf)
	add := func(what string, on time.Time, fen int64) {
		if fen > 0 && !on.After(asOf) {
			s.Dues = append(s.Dues, Due{What: what, DueOn: on, AmountFen: fen})
			s.DueFen += fen
		}
	}
	f := l.Fee
	if up := f.UpFrontFen(); up > 0 {
		on := DateOf(l.NoticeAt)
		if on.IsZero() {
			on = DateOf(l.EffectiveAt)
		}
		add(upFrontLabel(f.Method), on, up)
	}
	if f.Method == FeeDeferred && f.Then != nil {
		if end, ok := DeferralEnd(f, l.EffectiveAt, l.Reports); ok {
			add("先使用后付费期满后"+upFrontLabel(f.Then.Method), end, f.Then.UpFrontFen())
		}
		s.Deferred = Deferred(f, l.EffectiveAt, l.Reports, asOf)
	}
	for _, r := range l.Reports {
		add(fmt.Sprintf("提成（%s）", Period{r.PeriodStart, r.PeriodEnd}), RoyaltyDueOn(r), r.DueFen)
	}
	s.PaidFen = l.PaidFen()
	if s.PaidFen > s.DueFen {
		s.OverpaidFen = s.PaidFen - s.DueFen
	} else {
		s.OutstandingFen = s.DueFen - s.PaidFen
	}
	return s
}

// FormatFen writes an amount in fen as yuan: "1,234.56元".
func FormatFen(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	y := fmt.Sprint(fen / 100)
	for i := len(y) - 3; i > 0; i -= 3 {
		y = y[:i] + "," + y[i:]
	}
	return fmt.Sprintf("%s%s.%02d元", sign, y, fen%100)
}
