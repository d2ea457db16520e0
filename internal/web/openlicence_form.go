package web

import (
	"fmt"
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// openLicenceFormView is the data of the declaration form.
type openLicenceFormView struct {
	ID            int64
	Form          httpx.OpenLicenceForm
	Patent        *patentbridge.Patent
	Patentees     []string
	Methods       []option
	ThenMethods   []option
	Confirmations []option // needed ones, checked if given
	Warning       string
	Warnings      []string
	IsAdmin       bool
	NeedsReport   bool
	Error         string
	ErrorField    string
}

// openLicenceNew serves /open-licences/new?app_no=: the empty form for a patent.
func (s *Server) openLicenceNew(w http.ResponseWriter, r *http.Request) {
	f := httpx.OpenLicenceForm{AppNo: r.URL.Query().Get("app_no"), FeeForm: httpx.FeeForm{Method: string(patentbridge.FeeSales), ReportMonths: "6"}}
	s.renderOpenLicenceForm(w, r, http.StatusOK, 0, f, nil)
}

// openLicenceEdit serves /open-licences/{id}/edit: a draft's form.
func (s *Server) openLicenceEdit(w http.ResponseWriter, r *http.Request) {
	ol, err := s.findOpenLicence(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderOpenLicenceForm(w, r, http.StatusOK, ol.ID, httpx.FormOf(ol), nil)
}

// formOf reads the posted declaration form.
func formOf(r *http.Request) httpx.OpenLicenceForm {
	g := r.PostForm.Get
	return httpx.OpenLicenceForm{AppNo: g("app_no"), FeeForm: httpx.FeeFormOf(g), FeeBasis: g("fee_basis"),
		FeeException: g("fee_exception"), TermStart: g("term_start"), TermEnd: g("term_end"), Conditions: g("conditions"),
		EvaluationReport: g("evaluation_report"), EvaluationFavourable: g("evaluation_favourable") == "yes",
		PledgeeConsent: g("pledgee_consent"), Confirmations: r.PostForm["confirmations"]}
}

// openLicenceCreate saves a new draft and, with action=submit, submits it.
func (s *Server) openLicenceCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	f := formOf(r)
	ol, err := f.Declaration()
	if err == nil {
		err = s.OpenLicences.CreateOpenLicence(r.Context(), ol)
	}
	if err != nil {
		s.openLicenceFormFailed(w, r, 0, f, err)
		return
	}
	s.afterSave(w, r, ol.ID, f)
}

// openLicenceSave saves a draft's form and, with action=submit, submits it.
func (s *Server) openLicenceSave(w http.ResponseWriter, r *http.Request) {
	cur, err := s.findOpenLicence(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	f := formOf(r)
	f.AppNo = cur.AppNo
	ol, err := f.Declaration()
	if err == nil {
		ol.ID = cur.ID
		err = s.OpenLicences.UpdateOpenLicence(r.Context(), ol)
	}
	if err != nil {
		s.openLicenceFormFailed(w, r, cur.ID, f, err)
		return
	}
	s.afterSave(w, r, cur.ID, f)
}

func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, id int64, f httpx.OpenLicenceForm) {
	if r.PostForm.Get("action") != "submit" {
		http.Redirect(w, r, fmt.Sprintf("/open-licences/%d?done=saved", id), http.StatusSeeOther)
		return
	}
	if _, err := s.OpenLicences.SubmitOpenLicence(r.Context(), id); err != nil {
		s.openLicenceFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/open-licences/%d?done=submitted", id), http.StatusSeeOther)
}

// openLicenceFormFailed shows the form again with the refusal next to its field.
func (s *Server) openLicenceFormFailed(w http.ResponseWriter, r *http.Request, id int64, f httpx.OpenLicenceForm, err error) {
	switch patentbridge.ErrorCode(err) {
	case patentbridge.EINVALID, patentbridge.ECONFLICT:
		s.renderOpenLicenceForm(w, r, httpx.Status(err), id, f, err)
	default:
		s.errorPage(w, r, err)
	}
}

func (s *Server) renderOpenLicenceForm(w http.ResponseWriter, r *http.Request, status int, id int64, f httpx.OpenLicenceForm, ferr error) {
	u := patentbridge.UserFrom(r.Context())
	v := openLicenceFormView{ID: id, Form: f, Warning: patentbridge.ConfirmationWarning, IsAdmin: u != nil && u.Role == patentbridge.RoleAdmin}
	if ferr != nil {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(ferr), patentbridge.ErrorField(ferr)
	}
	for _, m := range patentbridge.FeeMethods {
		v.Methods = append(v.Methods, option{string(m), m.Label(), string(m) == f.Method})
		if m != patentbridge.FeeFree && m != patentbridge.FeeDeferred {
			v.ThenMethods = append(v.ThenMethods, option{string(m), m.Label(), string(m) == f.ThenMethod})
		}
	}
	codes := []string{patentbridge.ConfirmNoExclusive, patentbridge.ConfirmNoSuspension, patentbridge.ConfirmFeesPaid,
		patentbridge.ConfirmNoPledge, patentbridge.ConfirmNoOtherBar}
	if no, _, err := patentbridge.NormalizeAppNo(f.AppNo); err == nil && f.AppNo != "" {
		if p, err := s.Patents.FindPatent(r.Context(), no); err == nil {
			v.Patent, v.NeedsReport = p, !p.Kind.IsInvention()
			for _, o := range p.Owners() {
				v.Patentees = append(v.Patentees, o.Name)
			}
			codes = patentbridge.NeededConfirmations(p, nil, s.Now())
		}
	}
	for _, c := range codes {
		v.Confirmations = append(v.Confirmations, option{c, patentbridge.ConfirmationLabel(c), contains(f.Confirmations, c)})
	}
	if ol, err := f.Declaration(); err == nil {
		v.Warnings = patentbridge.OpenLicenceWarnings(ol)
	}
	s.render(w, r, status, "open_licence_form", "声明开放许可", "open_licences", v)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// openLicenceConsent records a consent: purpose declare or withdraw, by the
// user's own organization, or by the admin with a written consent's reference.
func (s *Server) openLicenceConsent(w http.ResponseWriter, r *http.Request) {
	s.openLicenceAction(w, r, "consented", func(id int64) error {
		var org int64
		fmt.Sscan(r.PostForm.Get("organization_id"), &org)
		_, err := s.OpenLicences.ConsentOpenLicence(r.Context(), id, org, r.PostForm.Get("purpose"), r.PostForm.Get("written_ref"))
		return err
	})
}

// openLicenceReview approves (announces) or rejects a submitted declaration.
func (s *Server) openLicenceReview(w http.ResponseWriter, r *http.Request) {
	approve := r.FormValue("decision") == "approve"
	done := "rejected"
	if approve {
		done = "announced"
	}
	s.openLicenceAction(w, r, done, func(id int64) error {
		_, err := s.OpenLicences.ReviewOpenLicence(r.Context(), id, approve, r.PostForm.Get("note"))
		return err
	})
}

// openLicenceWithdraw withdraws an announced declaration with the reason.
func (s *Server) openLicenceWithdraw(w http.ResponseWriter, r *http.Request) {
	s.openLicenceAction(w, r, "withdrawn", func(id int64) error {
		_, err := s.OpenLicences.WithdrawOpenLicence(r.Context(), id, strings.TrimSpace(r.PostForm.Get("reason")))
		return err
	})
}

// openLicenceAction runs an act on the path's declaration and shows the
// detail page with the refusal, or redirects to it with done.
func (s *Server) openLicenceAction(w http.ResponseWriter, r *http.Request, done string, act func(int64) error) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	ol, err := s.findOpenLicence(r)
	if err == nil {
		err = act(ol.ID)
	}
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/open-licences/%d?done=%s", ol.ID, done), http.StatusSeeOther)
		return
	}
	if ol == nil || (patentbridge.ErrorCode(err) != patentbridge.EINVALID && patentbridge.ErrorCode(err) != patentbridge.ECONFLICT) {
		s.errorPage(w, r, err)
		return
	}
	if fresh, ferr := s.OpenLicences.FindOpenLicence(r.Context(), ol.ID); ferr == nil {
		ol = fresh
	}
	v := s.detailView(r, ol)
	v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
	s.render(w, r, httpx.Status(err), "open_licence", "开放许可声明："+ol.Title, "open_licences", v)
}
