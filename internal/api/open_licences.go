package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// openLicenceRoutes are the open-licence endpoints: public reads of announced
// and withdrawn declarations (drafts only for their patentees, the admin and
// the city), and the acts of the patentees and reviewers.
func (s *Server) openLicenceRoutes() []httpx.Route {
	if s.OpenLicences == nil {
		return nil
	}
	owner := httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/open-licences", httpx.Anyone, s.listOpenLicences),
		httpx.NewRoute("GET /api/v1/open-licences/{id}", httpx.Anyone, s.getOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences", owner, s.createOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences/{id}", owner, s.updateOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences/{id}/consent", owner, s.consentOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences/{id}/submit", owner, s.submitOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences/{id}/review", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), s.reviewOpenLicence),
		httpx.NewRoute("POST /api/v1/open-licences/{id}/withdraw", owner, s.withdrawOpenLicence),
	}
}

// openLicencePage is the body of GET /api/v1/open-licences.
type openLicencePage struct {
	Total int                     `json:"total"`
	Items []httpx.OpenLicenceView `json:"items"`
}

// listOpenLicences serves GET /api/v1/open-licences?status=&method=&app_no=&org=&city=&kind=&limit=&offset=.
func (s *Server) listOpenLicences(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.OpenLicenceFilter{Status: q.Get("status"), Method: patentbridge.FeeMethod(q.Get("method")),
		AppNo: q.Get("app_no"), City: q.Get("city"), Kind: patentbridge.Kind(q.Get("kind"))}
	var err error
	if f.Limit, err = intParam(q.Get("limit"), "limit", 0, 1000); err == nil {
		if f.Offset, err = intParam(q.Get("offset"), "offset", 0, 1<<30); err == nil {
			var org int
			org, err = intParam(q.Get("org"), "org", 0, 1<<62)
			f.OrgID = int64(org)
		}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items, total, err := s.OpenLicences.ListOpenLicences(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := openLicencePage{Total: total, Items: make([]httpx.OpenLicenceView, len(items))}
	for i, ol := range items {
		out.Items[i] = httpx.NewOpenLicenceView(ol, false)
	}
	httpx.JSON(w, http.StatusOK, out)
}

func openLicenceID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.FieldErrorf("id", "开放许可声明编号 %q 无效", patentbridge.ClipValue(r.PathValue("id")))
	}
	return id, nil
}

// getOpenLicence serves GET /api/v1/open-licences/{id}.
func (s *Server) getOpenLicence(w http.ResponseWriter, r *http.Request) {
	id, err := openLicenceID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ol, err := s.OpenLicences.FindOpenLicence(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewOpenLicenceView(ol, ol.Status == patentbridge.OpenDraft || ol.Status == patentbridge.OpenSubmitted))
}

// openLicenceRequest is the body of POST /api/v1/open-licences and of an update.
type openLicenceRequest struct {
	AppNo                string                `json:"app_no"`
	Fee                  patentbridge.FeeTerms `json:"fee"`
	FeeBasis             string                `json:"fee_basis"`
	FeeException         string                `json:"fee_exception"`
	TermStart            string                `json:"term_start"`
	TermEnd              string                `json:"term_end"`
	Conditions           string                `json:"conditions"`
	EvaluationReport     string                `json:"evaluation_report"`
	EvaluationFavourable bool                  `json:"evaluation_favourable"`
	PledgeeConsent       string                `json:"pledgee_consent"`
	Confirmations        []string              `json:"confirmations"`
}

func (b openLicenceRequest) declaration() (*patentbridge.OpenLicence, error) {
	ol := &patentbridge.OpenLicence{AppNo: b.AppNo, Fee: b.Fee, FeeBasis: b.FeeBasis, FeeException: b.FeeException,
		Conditions: b.Conditions, EvaluationReport: b.EvaluationReport, EvaluationFavourable: b.EvaluationFavourable,
		PledgeeConsent: b.PledgeeConsent, Confirmations: b.Confirmations}
	var err error
	if ol.TermStart, err = patentbridge.ParseDate(b.TermStart); err != nil {
		return nil, patentbridge.FieldErrorf("term_start", "许可期限开始日期 %q 无效", patentbridge.ClipValue(b.TermStart))
	}
	if ol.TermEnd, err = patentbridge.ParseDate(b.TermEnd); err != nil {
		return nil, patentbridge.FieldErrorf("term_end", "许可期限结束日期 %q 无效", patentbridge.ClipValue(b.TermEnd))
	}
	return ol, nil
}

// createOpenLicence serves POST /api/v1/open-licences: a draft.
func (s *Server) createOpenLicence(w http.ResponseWriter, r *http.Request) {
	var b openLicenceRequest
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	ol, err := b.declaration()
	if err == nil {
		err = s.OpenLicences.CreateOpenLicence(r.Context(), ol)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/open-licences/%d", ol.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewOpenLicenceView(ol, true))
}

// updateOpenLicence serves POST /api/v1/open-licences/{id}: a draft's new terms.
func (s *Server) updateOpenLicence(w http.ResponseWriter, r *http.Request) {
	id, err := openLicenceID(r)
	var b openLicenceRequest
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var ol *patentbridge.OpenLicence
	if err == nil {
		ol, err = b.declaration()
	}
	if err == nil {
		ol.ID = id
		err = s.OpenLicences.UpdateOpenLicence(r.Context(), ol)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewOpenLicenceView(ol, true))
}

// consentOpenLicence serves POST /api/v1/open-licences/{id}/consent with
// {"organization_id","purpose":"declare"|"withdraw","written_ref"}.
func (s *Server) consentOpenLicence(w http.ResponseWriter, r *http.Request) {
	var b struct {
		OrgID      int64  `json:"organization_id"`
		Purpose    string `json:"purpose"`
		WrittenRef string `json:"written_ref"`
	}
	s.openLicenceAct(w, r, &b, func(id int64) (*patentbridge.OpenLicence, error) {
		return s.OpenLicences.ConsentOpenLicence(r.Context(), id, b.OrgID, b.Purpose, b.WrittenRef)
	})
}

// submitOpenLicence serves POST /api/v1/open-licences/{id}/submit.
func (s *Server) submitOpenLicence(w http.ResponseWriter, r *http.Request) {
	s.openLicenceAct(w, r, nil, func(id int64) (*patentbridge.OpenLicence, error) {
		return s.OpenLicences.SubmitOpenLicence(r.Context(), id)
	})
}

// reviewOpenLicence serves POST /api/v1/open-licences/{id}/review with {"approve","note"}.
func (s *Server) reviewOpenLicence(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Approve bool   `json:"approve"`
		Note    string `json:"note"`
	}
	s.openLicenceAct(w, r, &b, func(id int64) (*patentbridge.OpenLicence, error) {
		return s.OpenLicences.ReviewOpenLicence(r.Context(), id, b.Approve, b.Note)
	})
}

// withdrawOpenLicence serves POST /api/v1/open-licences/{id}/withdraw with {"reason"}.
func (s *Server) withdrawOpenLicence(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Reason string `json:"reason"`
	}
	s.openLicenceAct(w, r, &b, func(id int64) (*patentbridge.OpenLicence, error) {
		return s.OpenLicences.WithdrawOpenLicence(r.Context(), id, b.Reason)
	})
}

// openLicenceAct reads the path's id and the body (if any) into b, runs act
// and answers the declaration.
func (s *Server) openLicenceAct(w http.ResponseWriter, r *http.Request, b any, act func(int64) (*patentbridge.OpenLicence, error)) {
	id, err := openLicenceID(r)
	if err == nil && b != nil && r.ContentLength != 0 {
		err = decodeBody(w, r, b)
	}
	var ol *patentbridge.OpenLicence
	if err == nil {
		ol, err = act(id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewOpenLicenceView(ol, true))
}
