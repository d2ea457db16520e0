package web

import (
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// openLicenceRoutes are the open-licence pages: the public list and detail,
// the declaration form and the acts of patentees and reviewers.
func (s *Server) openLicenceRoutes() []httpx.Route {
	if s.OpenLicences == nil {
		return nil
	}
	owner := httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	return []httpx.Route{
		httpx.NewRoute("GET /open-licences", httpx.Anyone, s.openLicenceList),
		httpx.NewRoute("GET /open-licences/{id}", httpx.Anyone, s.openLicenceDetail),
		httpx.NewRoute("GET /open-licences/new", owner, s.openLicenceNew),
		httpx.NewRoute("GET /open-licences/import", owner, s.openLicenceImportPage),
		httpx.NewRoute("POST /open-licences/import", owner, s.openLicenceImport),
		httpx.NewRoute("GET /open-licences/import/template.xlsx", owner, s.openLicenceTemplate),
		httpx.NewRoute("POST /open-licences/new", owner, limitForm(s.openLicenceCreate)),
		httpx.NewRoute("GET /open-licences/{id}/edit", owner, s.openLicenceEdit),
		httpx.NewRoute("POST /open-licences/{id}/edit", owner, limitForm(s.openLicenceSave)),
		httpx.NewRoute("POST /open-licences/{id}/consent", owner, limitForm(s.openLicenceConsent)),
		httpx.NewRoute("POST /open-licences/{id}/review", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), limitForm(s.openLicenceReview)),
		httpx.NewRoute("POST /open-licences/{id}/withdraw", owner, limitForm(s.openLicenceWithdraw)),
	}
}

// openLicenceListView is the data of /open-licences.
type openLicenceListView struct {
	Items   []httpx.OpenLicenceView
	Pending []httpx.OpenLicenceView // drafts and submitted ones the user may see
	Methods []option
	Status  string
	Total   int
	Pager   httpx.Pager
	CanNew  bool
}

const openLicencePageSize = 20

// openLicenceList serves /open-licences?method=&status=&page=: announced and
// withdrawn declarations; signed-in users also see the drafts and submitted
// ones they may (their organizations', or to review).
func (s *Server) openLicenceList(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	offset, err := httpx.PageOffset(q, openLicencePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := openLicenceListView{Status: q.Get("status")}
	if v.Status != patentbridge.OpenWithdrawn {
		v.Status = patentbridge.OpenAnnounced
	}
	method := patentbridge.FeeMethod(q.Get("method"))
	v.Methods = append(v.Methods, option{"", "全部支付方式", method == ""})
	for _, m := range patentbridge.FeeMethods {
		v.Methods = append(v.Methods, option{string(m), m.Label(), m == method})
	}
	items, total, err := s.OpenLicences.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{Status: v.Status, Method: method,
		Limit: openLicencePageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, ol := range items {
		v.Items = append(v.Items, httpx.NewOpenLicenceView(ol, false))
	}
	v.Total = total
	if u := patentbridge.UserFrom(ctx); u != nil {
		v.CanNew = u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise
		for _, st := range []string{patentbridge.OpenSubmitted, patentbridge.OpenDraft} {
			more, _, err := s.OpenLicences.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{Status: st, Limit: 100})
			if err != nil {
				s.errorPage(w, r, err)
				return
			}
			for _, ol := range more {
				v.Pending = append(v.Pending, httpx.NewOpenLicenceView(ol, false))
			}
		}
	}
	keep := url.Values{}
	for _, k := range []string{"status", "method"} {
		if q.Get(k) != "" {
			keep.Set(k, q.Get(k))
		}
	}
	v.Pager = httpx.NewPager("/open-licences", keep, total, openLicencePageSize, offset)
	s.render(w, r, http.StatusOK, "open_licences", "专利开放许可", "open_licences", v)
}

// openLicenceDetailView is the data of /open-licences/{id}.
type openLicenceDetailView struct {
	httpx.OpenLicenceView
	Owners     []consentRow
	CanEdit    bool // a draft its patentees (or the admin) may change and submit
	CanReview  bool
	CanConsent bool // to the withdrawal
	CanTake    bool // an announced one an enterprise (or a visitor, after signing in) may take
	IsAdmin    bool
	Notice     string
	Error      string
	ErrorField string
}

// consentRow is one patentee organization with its consents.
type consentRow struct {
	OrgID             int64
	Name              string
	Declared, Withdrw string // how it consented ("" not yet)
}

// openLicenceDetail serves /open-licences/{id}: the announced terms, the
// dates, the ledger index; for those who manage it, the consents and actions.
func (s *Server) openLicenceDetail(w http.ResponseWriter, r *http.Request) {
	ol, err := s.findOpenLicence(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := s.detailView(r, ol)
	switch r.URL.Query().Get("done") {
	case "submitted":
		v.Notice = "声明已提交审核。"
	case "announced":
		v.Notice = "声明已公告，并已记入公共账本。"
	case "rejected":
		v.Notice = "声明已退回修改。"
	case "withdrawn":
		v.Notice = "声明已撤回；撤回前已取得的许可不受影响。"
	case "consented":
		v.Notice = "已记录同意。"
	}
	s.render(w, r, http.StatusOK, "open_licence", "开放许可声明："+ol.Title, "open_licences", v)
}

func (s *Server) detailView(r *http.Request, ol *patentbridge.OpenLicence) openLicenceDetailView {
	u := patentbridge.UserFrom(r.Context())
	full := ol.Status == patentbridge.OpenDraft || ol.Status == patentbridge.OpenSubmitted || u != nil
	v := openLicenceDetailView{OpenLicenceView: httpx.NewOpenLicenceView(ol, full)}
	v.IsAdmin = u != nil && u.Role == patentbridge.RoleAdmin
	member := u != nil && (u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise || v.IsAdmin)
	v.CanEdit = member && ol.Status == patentbridge.OpenDraft
	v.CanReview = u != nil && (v.IsAdmin || u.Role == patentbridge.RoleCity) && ol.Status == patentbridge.OpenSubmitted
	v.CanConsent = member && ol.Status == patentbridge.OpenAnnounced
	v.CanTake = ol.Status == patentbridge.OpenAnnounced && s.Licences != nil && (u == nil || u.Role == patentbridge.RoleEnterprise)
	names := map[int64]string{}
	for _, c := range ol.Consents {
		names[c.OrgID] = c.OrgName
	}
	for _, id := range ol.OrgIDs {
		row := consentRow{OrgID: id, Name: names[id]}
		if row.Name == "" {
			row.Name = "单位 " + strconv.FormatInt(id, 10)
		}
		for _, c := range ol.Consents {
			if c.OrgID != id {
				continue
			}
			how := "平台确认 " + patentbridge.FormatDate(c.At)
			if c.WrittenRef != "" {
				how = "书面同意（" + c.WrittenRef + "）" + patentbridge.FormatDate(c.At)
			}
			if c.Purpose == patentbridge.ConsentDeclare {
				row.Declared = how
			} else {
				row.Withdrw = how
			}
		}
		v.Owners = append(v.Owners, row)
	}
	return v
}

func (s *Server) findOpenLicence(r *http.Request) (*patentbridge.OpenLicence, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "开放许可声明 %q 不存在", patentbridge.ClipValue(r.PathValue("id")))
	}
	return s.OpenLicences.FindOpenLicence(r.Context(), id)
}
