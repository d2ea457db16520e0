package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registerRequest is the body of POST /api/v1/licences: a negotiated licence.
type registerRequest struct {
	Kind          string                `json:"kind"`
	AppNos        []string              `json:"app_nos"`
	LicensorOrgID int64                 `json:"licensor_organization_id"` // the admin's choice; others license for their own
	LicenseeOrgID int64                 `json:"licensee_organization_id"`
	Fee           patentbridge.FeeTerms `json:"fee"`
	TermStart     string                `json:"term_start"`
	TermEnd       string                `json:"term_end"`
}

// registerLicence serves POST /api/v1/licences.
func (s *Server) registerLicence(w http.ResponseWriter, r *http.Request) {
	var b registerRequest
	err := decodeBody(w, r, &b)
	l := &patentbridge.Licence{Kind: patentbridge.LicenceKind(b.Kind), AppNos: b.AppNos, LicensorOrgID: b.LicensorOrgID,
		LicenseeOrgID: b.LicenseeOrgID, Fee: b.Fee}
	if err == nil {
		if l.TermStart, err = licDate("term_start", b.TermStart); err == nil {
			l.TermEnd, err = licDate("term_end", b.TermEnd)
		}
	}
	if err == nil {
		err = s.Licences.RegisterLicence(r.Context(), l)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/licences/%d", l.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewLicenceView(l, s.Now()))
}

// recordPayment serves POST /api/v1/licences/{id}/payments with
// {"amount_fen","paid_on","reference"}.
func (s *Server) recordPayment(w http.ResponseWriter, r *http.Request) {
	var b struct {
		AmountFen int64  `json:"amount_fen"`
		PaidOn    string `json:"paid_on"`
		Reference string `json:"reference"`
	}
	id, err := licPathID(r, "id", "许可")
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	p := patentbridge.LicencePayment{AmountFen: b.AmountFen, Reference: b.Reference}
	if err == nil {
		p.PaidOn, err = licDate("paid_on", b.PaidOn)
	}
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.RecordPayment(r.Context(), id, p)
	}
	s.licenceResult(w, r, l, err)
}

// reportRoyalty serves POST /api/v1/licences/{id}/reports with
// {"period_start","period_end","base_fen"}.
func (s *Server) reportRoyalty(w http.ResponseWriter, r *http.Request) {
	var b struct {
		PeriodStart string `json:"period_start"`
		PeriodEnd   string `json:"period_end"`
		BaseFen     int64  `json:"base_fen"`
	}
	id, err := licPathID(r, "id", "许可")
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	rep := patentbridge.RoyaltyReport{BaseFen: b.BaseFen}
	if err == nil {
		if rep.PeriodStart, err = licDate("period_start", b.PeriodStart); err == nil {
			rep.PeriodEnd, err = licDate("period_end", b.PeriodEnd)
		}
	}
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.ReportRoyalty(r.Context(), id, rep)
	}
	s.licenceResult(w, r, l, err)
}

// recordRecordation serves POST /api/v1/licences/{id}/recordation with
// {"recordation_no","recorded_on"}.
func (s *Server) recordRecordation(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Number     string `json:"recordation_no"`
		RecordedOn string `json:"recorded_on"`
	}
	id, err := licPathID(r, "id", "许可")
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var l *patentbridge.Licence
	if err == nil {
		on, derr := licDate("recorded_on", b.RecordedOn)
		if err = derr; err == nil {
			l, err = s.Licences.RecordRecordation(r.Context(), id, b.Number, on)
		}
	}
	s.licenceResult(w, r, l, err)
}

// recordDispute serves POST /api/v1/licences/{id}/disputes with {"channel","description"}.
func (s *Server) recordDispute(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Channel     string `json:"channel"`
		Description string `json:"description"`
	}
	id, err := licPathID(r, "id", "许可")
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.RecordDispute(r.Context(), id, patentbridge.LicenceDispute{Channel: b.Channel, Description: b.Description})
	}
	s.licenceResult(w, r, l, err)
}

// resolveDispute serves POST /api/v1/licences/{id}/disputes/{dispute_id}/outcome with {"outcome"}.
func (s *Server) resolveDispute(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Outcome string `json:"outcome"`
	}
	id, err := licPathID(r, "id", "许可")
	var did int64
	if err == nil {
		did, err = licPathID(r, "dispute_id", "纠纷")
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var l *patentbridge.Licence
	if err == nil {
		l, err = s.Licences.ResolveDispute(r.Context(), id, did, b.Outcome)
	}
	s.licenceResult(w, r, l, err)
}
