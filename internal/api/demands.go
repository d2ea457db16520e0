package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandInput is the JSON body of POST /api/v1/demands.
type demandInput struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Industry    string `json:"industry"`
	RegionCode  string `json:"region_code"`
	BudgetMin   int64  `json:"budget_min"`
	BudgetMax   int64  `json:"budget_max"`
	Deadline    string `json:"deadline"` // YYYY-MM-DD
	Contact     string `json:"contact"`
	Enterprise  string `json:"enterprise"` // the admin's (a city user's) choice; an enterprise posts as itself
	Draft       bool   `json:"draft"`      // POST: save as a draft instead of submitting for review
	Submit      bool   `json:"submit"`     // PUT: send the edited draft or returned demand to review
}

// demand converts the body into a demand. Returns EINVALID for a bad deadline.
func (b demandInput) demand() (*patentbridge.Demand, error) {
	deadline, err := patentbridge.ParseDate(b.Deadline)
	if err != nil {
		return nil, patentbridge.FieldErrorf("deadline", "截止日期 %q 无法识别，请用 YYYY-MM-DD", b.Deadline)
	}
	return &patentbridge.Demand{Title: b.Title, Description: b.Description, Industry: b.Industry, RegionCode: b.RegionCode,
		BudgetMin: b.BudgetMin, BudgetMax: b.BudgetMax, Deadline: deadline, Contact: b.Contact, Enterprise: strings.TrimSpace(b.Enterprise)}, nil
}

// demandPage is the body of GET /api/v1/demands.
type demandPage struct {
	Total           int                `json:"total"`
	Limit           int                `json:"limit"`
	Offset          int                `json:"offset"`
	PublishedByYear map[string]int     `json:"published_by_year"`
	Items           []httpx.DemandView `json:"items"`
}

// createDemand serves POST /api/v1/demands (enterprise users and admins): the
// demand waits for moderation (status pending), or is kept as a draft with "draft": true.
func (s *Server) createDemand(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	var b demandInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	d, err := b.demand()
	if err == nil && b.Draft {
		d.Status = patentbridge.DemandDraft
	}
	if err == nil {
		err = s.Demands.CreateDemand(r.Context(), d)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/demands/%d", d.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewDemandView(d, u, s.Ref))
}

// listDemands serves GET /api/v1/demands: published demands for everyone,
// filtered by industry, city, q and year; moderators may ask for another
// ?status= (pending, rejected, all) — a city user only of its city.
func (s *Server) listDemands(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	q := r.URL.Query()
	f := patentbridge.DemandFilter{Status: patentbridge.DemandPublished, City: q.Get("city"), Industry: q.Get("industry"), Query: q.Get("q")}
	var err error
	if f.Limit, err = intParam(q.Get("limit"), "limit", 0, 1000); err == nil {
		if f.Offset, err = intParam(q.Get("offset"), "offset", 0, 1<<30); err == nil {
			f.Year, err = intParam(q.Get("year"), "year", 0, 9999)
		}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	if st := q.Get("status"); st != "" && st != patentbridge.DemandPublished {
		if err := patentbridge.CanModerateDemands(u); err != nil {
			s.error(w, r, err)
			return
		}
		switch st {
		case "all":
			f.Status = ""
		case patentbridge.DemandPending, patentbridge.DemandRejected, patentbridge.DemandClosed:
			f.Status = st
		default:
			s.error(w, r, patentbridge.FieldErrorf("status", "状态 %q 无效（可用：%s）", patentbridge.ClipValue(st),
				demandStatusChoices(patentbridge.DemandPending, patentbridge.DemandPublished, patentbridge.DemandRejected, patentbridge.DemandClosed, "all")))
			return
		}
		if u.Role == patentbridge.RoleCity {
			f.City = u.CityCode[:min(4, len(u.CityCode))]
		}
	}
	ds, total, err := s.Demands.ListDemands(ctx, f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.Demands.CountPublishedDemands(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := demandPage{Total: total, Limit: f.Limit, Offset: f.Offset, PublishedByYear: map[string]int{}, Items: []httpx.DemandView{}}
	if out.Limit == 0 {
		out.Limit = 50
	}
	for y, n := range counts {
		out.PublishedByYear[strconv.Itoa(y)] = n
	}
	for _, d := range ds {
		out.Items = append(out.Items, httpx.NewDemandView(d, u, s.Ref))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// intParam reads an optional integer query parameter within [lo, hi]. Returns EINVALID.
func intParam(v, name string, lo, hi int) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, patentbridge.FieldErrorf(name, "参数 %s=%q 无效（应为 %d 到 %d 的整数）", name, v, lo, hi)
	}
	return n, nil
}

// getDemand serves GET /api/v1/demands/{id}; anonymous callers get no contact.
func (s *Server) getDemand(w http.ResponseWriter, r *http.Request) {
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewDemandView(d, patentbridge.UserFrom(r.Context()), s.Ref))
}

// moderateInput is the body of POST /api/v1/demands/{id}/moderate.
type moderateInput struct {
	Action string `json:"action"` // publish or reject
	Note   string `json:"note"`   // required to reject
}

// moderateDemand serves POST /api/v1/demands/{id}/moderate (admins, and city
// users for their city's demands): publish or reject a pending demand.
func (s *Server) moderateDemand(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	var b moderateInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	if b.Action != "publish" && b.Action != "reject" {
		s.error(w, r, patentbridge.FieldErrorf("action", "审核操作应为发布（publish）或退回（reject）"))
		return
	}
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err == nil {
		err = s.Demands.ModerateDemand(ctx, d.ID, b.Action == "publish", b.Note)
	}
	if err == nil {
		d, err = s.Demands.FindDemand(ctx, d.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewDemandView(d, u, s.Ref))
}

// feedbackInput is the body of POST /api/v1/demands/{id}/feedback.
type feedbackInput struct {
	AppNo   string `json:"app_no"`
	Verdict string `json:"verdict"` // interested or irrelevant
}

// demandFeedback serves POST /api/v1/demands/{id}/feedback: the posting
// enterprise (or an admin) marks a matched patent 感兴趣 or 不相关.
func (s *Server) demandFeedback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var b feedbackInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: b.AppNo, Verdict: b.Verdict}
	if err := s.Feedback.SaveFeedback(ctx, f); err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, f)
}

// demandStatusChoices names demand states as API messages do: the Chinese name
// with the code to send in brackets, "待审核（pending）、…"; "all" is 全部.
func demandStatusChoices(codes ...string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		label := patentbridge.DemandStatusLabel(c)
		if c == "all" {
			label = "全部"
		}
		out[i] = label + "（" + c + "）"
	}
	return strings.Join(out, "、")
}
