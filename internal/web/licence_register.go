package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// maxOrgNameInput bounds an organization name typed into a form.
const maxOrgNameInput = 200

// licenceRegisterForm is the negotiated-licence form as posted: the patent,
// the kind, the parties by name (the licensor only for the admin), and the
// fee and term in the fields of the open-licence form (whose AppNo is unused).
type licenceRegisterForm struct {
	AppNo, Kind, Licensor, Licensee string
	Fee                             httpx.OpenLicenceForm
}

// licenceRegisterView is the data of the negotiated-licence form.
type licenceRegisterView struct {
	Form                 licenceRegisterForm
	Kinds                []option
	Methods, ThenMethods []option
	Patent               *patentbridge.Patent
	// Announced: an open licence is announced on the patent, so only an
	// ordinary licence can be registered (Rule says why).
	Announced bool
	Rule      string
	IsAdmin   bool
	Error     string
}

// licenceRegisterNew serves /licences/new?app_no=: the empty form.
func (s *Server) licenceRegisterNew(w http.ResponseWriter, r *http.Request) {
	f := licenceRegisterForm{AppNo: r.URL.Query().Get("app_no"), Kind: string(patentbridge.LicenceOrdinary),
		Fee: httpx.OpenLicenceForm{FeeForm: httpx.FeeForm{Method: string(patentbridge.FeeFixed), ReportMonths: "6"}}}
	s.renderLicenceRegister(w, r, http.StatusOK, f, nil)
}

// licenceRegister serves POST /licences/new: registers the negotiated licence
// through LicenceService.RegisterLicence and shows its record.
func (s *Server) licenceRegister(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	g := r.PostForm.Get
	f := licenceRegisterForm{AppNo: strings.TrimSpace(g("app_no")), Kind: g("kind"), Licensor: strings.TrimSpace(g("licensor")),
		Licensee: strings.TrimSpace(g("licensee")), Fee: formOf(r)}
	l, err := s.licenceOf(r, f)
	if err == nil {
		err = s.Licences.RegisterLicence(r.Context(), l)
	}
	if err != nil {
		switch patentbridge.ErrorCode(err) {
		case patentbridge.EINVALID, patentbridge.ECONFLICT, patentbridge.EFORBIDDEN, patentbridge.ENOTFOUND:
			s.renderLicenceRegister(w, r, httpx.Status(err), f, err)
		default:
			s.errorPage(w, r, err)
		}
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/licences/%d?done=registered", l.ID), http.StatusSeeOther)
}

// licenceOf turns the form into the licence to register, resolving the
// parties' names. Returns EINVALID naming the field.
func (s *Server) licenceOf(r *http.Request, f licenceRegisterForm) (*patentbridge.Licence, error) {
	ol, err := f.Fee.Declaration()
	if err != nil {
		return nil, err
	}
	l := &patentbridge.Licence{Kind: patentbridge.LicenceKind(f.Kind), AppNos: []string{f.AppNo}, Fee: ol.Fee,
		TermStart: ol.TermStart, TermEnd: ol.TermEnd}
	if f.AppNo == "" {
		l.AppNos = nil
	}
	if l.LicenseeOrgID, err = s.orgByName(r, "licensee", "被许可人", f.Licensee); err != nil {
		return nil, err
	}
	if u := patentbridge.UserFrom(r.Context()); u != nil && u.Role == patentbridge.RoleAdmin {
		if l.LicensorOrgID, err = s.orgByName(r, "licensor", "许可人", f.Licensor); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// orgByName resolves an organization's name or alias typed into the field.
// Returns EINVALID naming the field.
func (s *Server) orgByName(r *http.Request, field, label, name string) (int64, error) {
	switch {
	case name == "":
		return 0, patentbridge.FieldErrorf(field, "请填写%s单位的名称", label)
	case utf8.RuneCountInString(name) > maxOrgNameInput:
		return 0, patentbridge.FieldErrorf(field, "%s单位名称不能超过%d个字", label, maxOrgNameInput)
	}
	o, err := s.Organizations.FindOrganizationByName(r.Context(), name)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return 0, patentbridge.FieldErrorf(field, "未找到%s单位“%s”：请填写其在平台登记的全称", label, patentbridge.ClipValue(name))
	}
	if err != nil {
		return 0, err
	}
	return o.ID, nil
}

// renderLicenceRegister shows the form with a refusal, if any, and what an
// announced open licence on the patent allows.
func (s *Server) renderLicenceRegister(w http.ResponseWriter, r *http.Request, status int, f licenceRegisterForm, ferr error) {
	u := patentbridge.UserFrom(r.Context())
	v := licenceRegisterView{Form: f, IsAdmin: u != nil && u.Role == patentbridge.RoleAdmin, Rule: patentbridge.ExclusiveWhileOpenMessage}
	if ferr != nil {
		v.Error = patentbridge.ErrorMessage(ferr)
	}
	for _, k := range []patentbridge.LicenceKind{patentbridge.LicenceOrdinary, patentbridge.LicenceExclusive, patentbridge.LicenceSole} {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), string(k) == f.Kind})
	}
	for _, m := range patentbridge.FeeMethods {
		v.Methods = append(v.Methods, option{string(m), m.Label(), string(m) == f.Fee.Method})
		if m != patentbridge.FeeFree && m != patentbridge.FeeDeferred {
			v.ThenMethods = append(v.ThenMethods, option{string(m), m.Label(), string(m) == f.Fee.ThenMethod})
		}
	}
	if no, _, err := patentbridge.NormalizeAppNo(f.AppNo); err == nil && f.AppNo != "" {
		if p, err := s.Patents.FindPatent(r.Context(), no); err == nil {
			v.Patent = p
		}
		if s.OpenLicences != nil {
			ols, _, err := s.OpenLicences.ListOpenLicences(r.Context(), patentbridge.OpenLicenceFilter{AppNo: no, Status: patentbridge.OpenAnnounced, Limit: 1})
			if err != nil {
				s.errorPage(w, r, err)
				return
			}
			v.Announced = len(ols) > 0
		}
	}
	s.render(w, r, status, "licence_register", "登记协商许可", "open-licences", v)
}

// canRegisterLicence reports whether to offer u the negotiated-licence form
// for p, a patent in force: the admin, or a user of an organization named
// among its owners (the service decides by the registry's links).
func canRegisterLicence(u *patentbridge.User, p *patentbridge.Patent) bool {
	if u == nil || patentbridge.CanPost(u) != nil || patentbridge.CheckLicensable(p) != nil {
		return false
	}
	return u.Role == patentbridge.RoleAdmin ||
		(u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise) && p.HasOwner(u.OrgName)
}
