package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
)

// demandForm is the data of the demand form, new or edited: the values typed,
// the region picker and the error.
type demandForm struct {
	ID                                       int64  // 0: a new demand
	Status                                   string // the edited demand's state
	RejectNote                               string // why it was returned
	Title, Description, Industry, RegionCode string
	BudgetMin, BudgetMax, Deadline           string
	Contact, Enterprise                      string
	Regions                                  []regionCity
	Error, Field                             string
	Classify                                 bool // the industry suggestion can call /api/v1/classify
}

// Action is the URL the form posts to.
func (v demandForm) Action() string {
	if v.ID == 0 {
		return "/demands/new"
	}
	return fmt.Sprintf("/demands/%d/edit", v.ID)
}

// demandNew serves the form for enterprise users and admins.
func (s *Server) demandNew(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	s.render(w, r, http.StatusOK, "demand_new", "发布技术需求", "demands",
		demandForm{Enterprise: u.OrgName, Classify: s.Search != nil, Regions: s.regionPicker("")})
}

// readDemandForm reads the posted form's fields.
func (s *Server) readDemandForm(r *http.Request) demandForm {
	v := demandForm{Classify: s.Search != nil}
	for _, f := range []struct {
		dst  *string
		name string
	}{{&v.Title, "title"}, {&v.Description, "description"}, {&v.Industry, "industry"}, {&v.RegionCode, "region_code"},
		{&v.BudgetMin, "budget_min"}, {&v.BudgetMax, "budget_max"}, {&v.Deadline, "deadline"}, {&v.Contact, "contact"},
		{&v.Enterprise, "enterprise"}} {
		*f.dst = strings.TrimSpace(r.PostFormValue(f.name))
	}
	return v
}

// demandCreate stores the form's demand as pending moderation, or as a draft
// with the 保存草稿 button, and shows it.
func (s *Server) demandCreate(w http.ResponseWriter, r *http.Request) {
	v := s.readDemandForm(r)
	d, err := v.demand()
	if err == nil {
		if r.PostFormValue("draft") != "" {
			d.Status = patentbridge.DemandDraft
		}
		err = s.Demands.CreateDemand(r.Context(), d)
	}
	if s.formFailed(w, r, err, v, "发布技术需求") {
		return
	}
	done := "created"
	if d.Status == patentbridge.DemandDraft {
		done = "draft"
	}
	http.Redirect(w, r, fmt.Sprintf("/demands/%d?done=%s", d.ID, done), http.StatusSeeOther)
}

// formFailed answers a failed save: the form again with the Chinese message
// for bad input, the error page otherwise; it reports whether err was set.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, err error, v demandForm, title string) bool {
	if err == nil {
		return false
	}
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		v.Regions = s.regionPicker(v.RegionCode)
		s.render(w, r, http.StatusBadRequest, "demand_new", title, "demands", v)
		return true
	}
	s.errorPage(w, r, err)
	return true
}

// demand converts the form into a demand. Returns EINVALID for a bad number or date.
func (v demandForm) demand() (*patentbridge.Demand, error) {
	d := &patentbridge.Demand{ID: v.ID, Title: v.Title, Description: v.Description, Industry: v.Industry, RegionCode: v.RegionCode,
		Contact: v.Contact, Enterprise: v.Enterprise}
	for _, b := range []struct {
		s, field string
		dst      *int64
	}{{v.BudgetMin, "budget_min", &d.BudgetMin}, {v.BudgetMax, "budget_max", &d.BudgetMax}} {
		if b.s == "" {
			continue
		}
		n, err := strconv.ParseInt(b.s, 10, 64)
		switch {
		case errors.Is(err, strconv.ErrRange) && strings.HasPrefix(b.s, "-"):
			return nil, patentbridge.FieldErrorf(b.field, "预算不能为负数")
		case errors.Is(err, strconv.ErrRange):
			return nil, patentbridge.BudgetTooLarge(b.field)
		case err != nil:
			return nil, patentbridge.FieldErrorf(b.field, "预算应为整数（单位：万元）")
		}
		*b.dst = n
	}
	deadline, err := patentbridge.ParseDate(v.Deadline)
	if err != nil {
		return nil, patentbridge.FieldErrorf("deadline", "截止日期无法识别，请用 YYYY-MM-DD")
	}
	d.Deadline = deadline
	return d, nil
}
