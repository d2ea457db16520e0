package httpx

import (
	"time"

	"patentbridge"
)

// LicenceView is a licence as the API returns it and the pages show it:
// dates as YYYY-MM-DD, with its statement (due, paid, outstanding on the
// day), its recordation due date and state, and its report schedule.
type LicenceView struct {
	*patentbridge.Licence
	KindLabel          string                 `json:"kind_label"`
	StatusLabel        string                 `json:"status_label"`
	FeeText            string                 `json:"fee_text"`
	TermStart          string                 `json:"term_start"`
	TermEnd            string                 `json:"term_end"`
	RecordationDate    string                 `json:"recordation_date,omitempty"`
	RecordationDue     string                 `json:"recordation_due,omitempty"`
	RecordationOverdue bool                   `json:"recordation_overdue"`
	Payments           []LicencePaymentView   `json:"payments"`
	Reports            []RoyaltyReportView    `json:"reports"`
	Statement          patentbridge.Statement `json:"statement"`
	Periods            []PeriodView           `json:"periods,omitempty"`
	// FeeReductionBP is the licensor's annual-fee reduction while the open
	// licence is in effect (15%), 0 for negotiated licences.
	FeeReductionBP int `json:"annual_fee_reduction_bp,omitempty"`
}

// LicencePaymentView is a payment with its day as YYYY-MM-DD.
type LicencePaymentView struct {
	patentbridge.LicencePayment
	PaidOn string `json:"paid_on"`
}

// RoyaltyReportView is a royalty report with its period as YYYY-MM-DD.
type RoyaltyReportView struct {
	patentbridge.RoyaltyReport
	PeriodStart string `json:"period_start"`
	PeriodEnd   string `json:"period_end"`
}

// PeriodView is a reporting period that has ended (reportable) and whether
// it was reported (a new report then corrects it).
type PeriodView struct {
	Start    string `json:"period_start"`
	End      string `json:"period_end"`
	Reported bool   `json:"reported"`
	// InProgress is a period not over on the day: it may be reported early.
	InProgress bool `json:"in_progress"`
}

// NewLicenceView returns the view of l on the day of now.
func NewLicenceView(l *patentbridge.Licence, now time.Time) *LicenceView {
	v := &LicenceView{Licence: l, KindLabel: l.Kind.Label(), StatusLabel: patentbridge.LicenceStatusLabel(l.Status),
		FeeText: patentbridge.FeeTermsText(l.Fee), TermStart: patentbridge.FormatDate(l.TermStart), TermEnd: patentbridge.FormatDate(l.TermEnd),
		RecordationDate: patentbridge.FormatDate(l.RecordationDate), RecordationDue: patentbridge.FormatDate(l.RecordationDue()),
		RecordationOverdue: l.RecordationOverdue(now), Statement: patentbridge.LicenceStatement(l, now),
		Payments: []LicencePaymentView{}, Reports: []RoyaltyReportView{}}
	if v.Statement.Dues == nil {
		v.Statement.Dues = []patentbridge.Due{}
	}
	if l.Kind == patentbridge.LicenceOpen && l.Status != patentbridge.LicenceNoticed {
		v.FeeReductionBP = patentbridge.OpenLicenceReductionBP
	}
	for _, p := range l.Payments {
		v.Payments = append(v.Payments, LicencePaymentView{p, patentbridge.FormatDate(p.PaidOn)})
	}
	reported := map[string]bool{}
	for _, r := range l.Reports {
		s := patentbridge.FormatDate(r.PeriodStart)
		reported[s] = true
		v.Reports = append(v.Reports, RoyaltyReportView{r, s, patentbridge.FormatDate(r.PeriodEnd)})
	}
	if l.Status == patentbridge.LicenceEffective {
		for _, p := range patentbridge.ReportPeriods(l.Fee, l.EffectiveAt, l.TermEnd, now) {
			s := patentbridge.FormatDate(p.Start)
			v.Periods = append(v.Periods, PeriodView{s, patentbridge.FormatDate(p.End), reported[s], !p.End.Before(patentbridge.DateOf(now))})
		}
	}
	return v
}
