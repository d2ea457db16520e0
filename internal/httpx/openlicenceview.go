package httpx

import (
	"time"

	"patentbridge"
)

// OpenLicenceView is an open-licence declaration as the API and the pages
// show it: dates as YYYY-MM-DD, times RFC 3339, the fee's method named.
type OpenLicenceView struct {
	ID                  int64                  `json:"id"`
	AppNo               string                 `json:"app_no"`
	Title               string                 `json:"title"`
	Patentees           []string               `json:"patentees"`
	Organization        string                 `json:"organization"`
	Method              patentbridge.FeeMethod `json:"method"`
	MethodLabel         string                 `json:"method_label"`
	Fee                 patentbridge.FeeTerms  `json:"fee"`
	FeeText             string                 `json:"fee_text"`
	FeeBasis            string                 `json:"fee_basis,omitempty"`
	FeeException        string                 `json:"fee_exception,omitempty"`
	TermStart           string                 `json:"term_start"`
	TermEnd             string                 `json:"term_end"`
	Conditions          string                 `json:"conditions,omitempty"`
	EvaluationReport    string                 `json:"evaluation_report,omitempty"`
	Status              string                 `json:"status"`
	StatusLabel         string                 `json:"status_label"`
	AnnouncedAt         *time.Time             `json:"announced_at"`
	WithdrawnAt         *time.Time             `json:"withdrawn_at,omitempty"`
	WithdrawReason      string                 `json:"withdraw_reason,omitempty"`
	LedgerIndex         *int64                 `json:"ledger_index"`
	WithdrawLedgerIndex *int64                 `json:"withdraw_ledger_index,omitempty"`
	// Consents and the rest below are for those who manage the declaration.
	OrgIDs        []int64                `json:"organization_ids,omitempty"`
	Consents      []patentbridge.Consent `json:"consents,omitempty"`
	Confirmations []string               `json:"confirmations,omitempty"`
	ReviewNote    string                 `json:"review_note,omitempty"`
	Warnings      []string               `json:"warnings,omitempty"`
}

// NewOpenLicenceView renders a declaration; full adds the consents,
// confirmations and review note.
func NewOpenLicenceView(ol *patentbridge.OpenLicence, full bool) OpenLicenceView {
	v := OpenLicenceView{ID: ol.ID, AppNo: ol.AppNo, Title: ol.Title, Patentees: ol.Patentees, Organization: ol.OrgName,
		Method: ol.Fee.Method, MethodLabel: ol.Fee.Method.Label(), Fee: ol.Fee, FeeText: FeeText(ol.Fee),
		FeeBasis: ol.FeeBasis, FeeException: ol.FeeException,
		TermStart: patentbridge.FormatDate(ol.TermStart), TermEnd: patentbridge.FormatDate(ol.TermEnd),
		Conditions: ol.Conditions, EvaluationReport: ol.EvaluationReport, Status: ol.Status, StatusLabel: ol.StatusLabel(),
		WithdrawReason: ol.WithdrawReason, LedgerIndex: ol.LedgerIndex, WithdrawLedgerIndex: ol.WithdrawLedgerIndex}
	if v.Patentees == nil {
		v.Patentees = []string{}
	}
	if !ol.AnnouncedAt.IsZero() {
		t := ol.AnnouncedAt.UTC()
		v.AnnouncedAt = &t
	}
	if !ol.WithdrawnAt.IsZero() {
		t := ol.WithdrawnAt.UTC()
		v.WithdrawnAt = &t
	}
	if full {
		v.OrgIDs, v.Consents, v.Confirmations, v.ReviewNote = ol.OrgIDs, ol.Consents, ol.Confirmations, ol.ReviewNote
		v.Warnings = patentbridge.OpenLicenceWarnings(ol)
	}
	return v
}
