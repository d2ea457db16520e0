package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
)

// demandForm is the data of the new-demand form: the values typed and the error.
type demandForm struct {
	Title, Description, Industry, RegionCode string
	BudgetMin, BudgetMax, Deadline           string
	Contact, Enterprise                      string
	Error, Field                             string
	Classify                                 bool // the industry suggestion can call /api/v1/classify
}

// demandNew serves the form for enterprise users and admins.
func (s *Server) demandNew(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	s.render(w, r, http.StatusOK, "demand_new", "发布技术需求", "demands", demandForm{Enterprise: u.OrgName, Classify: s.Search != nil})
}

// demandCreate stores the form's demand as pending moderation and shows it.
func (s *Server) demandCreate(w http.ResponseWriter, r *http.Request) {
	v := demandForm{Classify: s.Search != nil}
	for _, f := range []struct {
		dst  *string
		name string
	}{{&v.Title, "title"}, {&v.Description, "description"}, {&v.Industry, "industry"}, {&v.RegionCode, "region_code"},
		{&v.BudgetMin, "budget_min"}, {&v.BudgetMax, "budget_max"}, {&v.Deadline, "deadline"}, {&v.Contact, "contact"},
		{&v.Enterprise, "enterprise"}} {
		*f.dst = strings.TrimSpace(r.PostFormValue(f.name))
	}
	d, err := v.demand()
	if err == nil {
		err = s.Demands.CreateDemand(r.Context(), d)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.render(w, r, http.StatusBadRequest, "demand_new", "发布技术需求", "demands", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/demands/%d?done=created", d.ID), http.StatusSeeOther)
}

// demand converts the form into a demand. Returns EINVALID for a bad number or date.
func (v demandForm) demand() (*patentbridge.Demand, error) {
	d := &patentbridge.Demand{Title: v.Title, Description: v.Description, Industry: v.Industry, RegionCode: v.RegionCode,
		Contact: v.Contact, Enterprise: v.Enterprise}
	for _, b := range []struct {
		s, field string
		dst      *int64
	}{{v.BudgetMin, "budget_min", &d.BudgetMin}, {v.BudgetMax, "budget_max", &d.BudgetMax}} {
		if b.s == "" {
			continue
		}
		n, err := strconv.ParseInt(b.s, 10, 64)
		if err != nil {
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
