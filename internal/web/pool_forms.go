package web

import (
	"fmt"
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// poolFormView is the data of the new-pool form (组建专利池).
type poolFormView struct {
	Form        httpx.PoolForm
	Methods     []option
	ThenMethods []option
	TextMax     int
	Error       string
	ErrorField  string
}

// poolNew serves GET /my/pools/new: the empty form, the user's organization
// as the first member.
func (s *Server) poolNew(w http.ResponseWriter, r *http.Request) {
	f := httpx.PoolForm{Fee: httpx.FeeForm{ReportMonths: "6"}}
	if u := patentbridge.UserFrom(r.Context()); u != nil && u.Role != patentbridge.RoleAdmin {
		f.Members = u.OrgName + "\n"
	}
	s.renderPoolForm(w, r, http.StatusOK, f, nil)
}

// poolCreate serves POST /my/pools/new: a draft through PoolService.CreatePool;
// a refusal shows the form again with the message.
func (s *Server) poolCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	f := httpx.PoolFormOf(r.PostForm.Get)
	p, err := f.Pool(func(name string) (*patentbridge.Organization, error) {
		return s.Organizations.FindOrganizationByName(r.Context(), name)
	})
	if err == nil {
		err = s.Pools.CreatePool(r.Context(), p)
	}
	if err != nil {
		switch patentbridge.ErrorCode(err) {
		case patentbridge.EINVALID, patentbridge.EFORBIDDEN, patentbridge.ENOTFOUND:
			s.renderPoolForm(w, r, httpx.Status(err), f, err)
		default:
			s.errorPage(w, r, err)
		}
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/pools/%d?done=created", p.ID), http.StatusSeeOther)
}

func (s *Server) renderPoolForm(w http.ResponseWriter, r *http.Request, status int, f httpx.PoolForm, ferr error) {
	v := poolFormView{Form: f, TextMax: patentbridge.PoolTextMax}
	v.Methods = append(v.Methods, option{"", "不设统一费用（以打包许可条件为准）", f.Fee.Method == ""})
	for _, m := range patentbridge.FeeMethods {
		v.Methods = append(v.Methods, option{string(m), m.Label(), string(m) == f.Fee.Method})
		if m != patentbridge.FeeFree && m != patentbridge.FeeDeferred {
			v.ThenMethods = append(v.ThenMethods, option{string(m), m.Label(), string(m) == f.Fee.ThenMethod})
		}
	}
	if ferr != nil {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(ferr), patentbridge.ErrorField(ferr)
	}
	s.render(w, r, status, "pool_form", "组建专利池", "market", v)
}

// poolPublish serves POST /my/pools/{id}/publish: the draft goes public with its ledger entry.
func (s *Server) poolPublish(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利池 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	if _, err := s.Pools.PublishPool(r.Context(), id); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/pools/%d?done=published", id), http.StatusSeeOther)
}
