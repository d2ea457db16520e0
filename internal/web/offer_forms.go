package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// offerFormView is the data of the new-offer form (发布转让/许可信息).
type offerFormView struct {
	Form       httpx.OfferForm
	Kinds      []option
	CanShare   bool // the organization may mark the offer 国企成熟专利共享
	IsAdmin    bool
	TextMax    int
	Error      string
	ErrorField string
}

// offerNew serves GET /my/offers/new?app_no=…: the empty form, with the
// patents given in the query.
func (s *Server) offerNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := httpx.OfferForm{AppNos: strings.Join(q["app_no"], "\n"), Kind: string(patentbridge.OfferTransfer)}
	s.renderOfferForm(w, r, http.StatusOK, f, nil)
}

// offerCreate serves POST /my/offers/new: a draft through OfferService.CreateOffer;
// a refusal shows the form again with the message at its field.
func (s *Server) offerCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	f := httpx.OfferFormOf(r.PostForm.Get)
	o, err := f.Offer()
	if err == nil {
		o.OrgID, err = s.offeringOrg(r, f.Organization)
	}
	if err == nil {
		err = s.Offers.CreateOffer(r.Context(), o)
	}
	if err != nil {
		switch patentbridge.ErrorCode(err) {
		case patentbridge.EINVALID, patentbridge.EFORBIDDEN, patentbridge.ENOTFOUND:
			// a patent not found or not the organization's is the app_nos field's fault
			s.renderOfferForm(w, r, httpx.Status(err), f, err)
		default:
			s.errorPage(w, r, err)
		}
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/market/%d?done=created", o.ID), http.StatusSeeOther)
}

// offeringOrg resolves the admin's choice of the offering organization (a
// registry name or id; "" lets the service take the first patent's owner);
// others always offer for their own organization.
func (s *Server) offeringOrg(r *http.Request, ref string) (int64, error) {
	u := patentbridge.UserFrom(r.Context())
	ref = strings.TrimSpace(ref)
	if u == nil || u.Role != patentbridge.RoleAdmin || ref == "" {
		return 0, nil
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	if s.Organizations == nil {
		return 0, patentbridge.FieldErrorf("organization_id", "请填写报价单位的单位编号")
	}
	org, err := s.Organizations.FindOrganizationByName(r.Context(), ref)
	if err != nil {
		if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			return 0, patentbridge.FieldErrorf("organization_id", "单位名录中没有“%s”，请填写单位全称或单位编号", patentbridge.ClipValue(ref))
		}
		return 0, err
	}
	return org.ID, nil
}

func (s *Server) renderOfferForm(w http.ResponseWriter, r *http.Request, status int, f httpx.OfferForm, ferr error) {
	u := patentbridge.UserFrom(r.Context())
	v := offerFormView{Form: f, IsAdmin: u != nil && u.Role == patentbridge.RoleAdmin, TextMax: patentbridge.OfferTextMax}
	v.CanShare = v.IsAdmin || f.SOEShared
	if u != nil && !v.CanShare && s.Organizations != nil && u.OrgID != 0 {
		if org, err := s.Organizations.FindOrganization(r.Context(), u.OrgID); err == nil {
			v.CanShare = org.Type == patentbridge.PartySOE
		}
	}
	for _, k := range patentbridge.OfferKinds {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), string(k) == f.Kind})
	}
	if ferr != nil {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(ferr), patentbridge.ErrorField(ferr)
		if v.ErrorField == "" && patentbridge.ErrorCode(ferr) != patentbridge.EINVALID {
			v.ErrorField = "app_nos"
		}
	}
	s.render(w, r, status, "offer_form", "发布转让/许可信息", "myoffers", v)
}

// offerPublish serves POST /my/offers/{id}/publish: the draft goes public with its ledger entry.
func (s *Server) offerPublish(w http.ResponseWriter, r *http.Request) {
	s.offerAct(w, r, "published", func(id int64) error {
		_, err := s.Offers.PublishOffer(r.Context(), id)
		return err
	})
}

// offerWithdraw serves POST /my/offers/{id}/withdraw with the reason.
func (s *Server) offerWithdraw(w http.ResponseWriter, r *http.Request) {
	s.offerAct(w, r, "withdrawn", func(id int64) error {
		_, err := s.Offers.WithdrawOffer(r.Context(), id, r.PostForm.Get("reason"))
		return err
	})
}

// offerAct runs an act on the path's offer, then redirects to the offer's
// page with done, or shows the page with the refusal.
func (s *Server) offerAct(w http.ResponseWriter, r *http.Request, done string, act func(int64) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "报价 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	if err := act(id); err != nil {
		if c := patentbridge.ErrorCode(err); c != patentbridge.EINVALID && c != patentbridge.ECONFLICT {
			s.errorPage(w, r, err)
			return
		}
		o, ferr := s.Offers.FindOffer(r.Context(), id)
		if ferr != nil {
			s.errorPage(w, r, ferr)
			return
		}
		s.renderOffer(w, r, httpx.Status(err), o, "", err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/market/%d?done=%s", id, done), http.StatusSeeOther)
}
