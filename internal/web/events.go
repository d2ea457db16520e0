package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// eventRow is one event as the list shows it.
type eventRow struct {
	*patentbridge.Event
	CityName string
}

// eventsView is the data of /events.
type eventsView struct {
	Tabs         []programmeTab
	Upload       uploadForm
	Years, Kinds []option
	Cities       []option
	CityLocked   bool // a city user sees its city only
	Items        []eventRow
	Total        int
	Pager        httpx.Pager
}

// eventList serves /events?year=&city=&kind=: the events of the official's
// scope, latest first, with the bulk upload of an event file.
func (s *Server) eventList(w http.ResponseWriter, r *http.Request) {
	s.renderEvents(w, r, http.StatusOK, importResult{})
}

// eventImport serves POST /events/import: an event file (one row per project
// presented) imported inline, with the counts and the rejects as CSV.
func (s *Server) eventImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxProgrammeUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind events 文件）", s.ImportEvents)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderEvents(w, r, status, res)
}

func (s *Server) renderEvents(w http.ResponseWriter, r *http.Request, status int, res importResult) {
	q := r.URL.Query()
	kind := q.Get("kind")
	if k, ok := patentbridge.ParseEventKind(kind); ok {
		kind = string(k)
	} else if kind != "" {
		s.errorPage(w, r, patentbridge.FieldErrorf("活动类型", "活动类型 %q 无效：应为路演、对接会、入园惠企或高校专利展示", patentbridge.ClipValue(kind)))
		return
	}
	f, err := s.programmeFilter(r, kind)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	es, total, err := s.Events.ListEvents(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := eventsView{Years: s.programmeYears(f.Year), Cities: s.sichuanCities(f.City), Total: total,
		CityLocked: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())) != "",
		Pager:      httpx.NewPager("/events", filterValues(f, "kind"), total, programmePageSize, f.Offset)}
	if s.ImportEvents != nil {
		v.Upload = uploadForm{importResult: res, Action: "/events/import", TemplateHref: "/events/template",
			Columns: "活动名称、活动类型、地区代码、活动日期、主办单位、参与人数、项目名称、申请号、项目单位（每个项目一行，同名同日的行归入同一场活动）"}
	}
	for _, k := range patentbridge.EventKinds {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), string(k) == f.Kind})
	}
	for _, e := range es {
		v.Items = append(v.Items, eventRow{Event: e, CityName: s.cityName(e.City)})
	}
	v.Tabs = s.programmeTabs("/events")
	s.render(w, r, status, "events", "对接活动", "events", v)
}

// projectRow is one project row of the event form, as typed.
type projectRow struct {
	N                 int // the row's number on the form, from 1
	Title, AppNo, Org string
}

// eventForm is the data of /events/new: the values typed and the error.
type eventForm struct {
	formError
	Kind, Title, City, HeldOn, Organizer, Participants string
	Projects                                           []projectRow
	Kinds, Cities                                      []option
	CityLocked                                         bool
}

// eventFormRows is how many project rows the event form offers beyond those typed.
const eventFormRows = 3

// eventNew serves the event form, a city user's city chosen.
func (s *Server) eventNew(w http.ResponseWriter, r *http.Request) {
	s.renderEventForm(w, r, http.StatusOK, eventForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))})
}

func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, v eventForm) {
	for _, k := range patentbridge.EventKinds {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), string(k) == v.Kind})
	}
	v.Cities = s.sichuanCities(v.City)
	v.CityLocked = patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())) != ""
	for range eventFormRows {
		v.Projects = append(v.Projects, projectRow{})
	}
	for i := range v.Projects {
		v.Projects[i].N = i + 1
	}
	s.render(w, r, status, "event_new", "登记对接活动", "events", v)
}

// eventCreate stores the form's event with its projects (the rows with a
// 项目名称 or 申请号) and shows it.
func (s *Server) eventCreate(w http.ResponseWriter, r *http.Request) {
	v := eventForm{Kind: r.PostFormValue("kind"), Title: r.PostFormValue("title"), City: strings.TrimSpace(r.PostFormValue("city")),
		HeldOn: r.PostFormValue("held_on"), Organizer: r.PostFormValue("organizer"), Participants: strings.TrimSpace(r.PostFormValue("participants"))}
	titles, apps, orgs := r.PostForm["project_title"], r.PostForm["project_app_no"], r.PostForm["project_org"]
	for i, t := range titles {
		p := projectRow{Title: t}
		if i < len(apps) {
			p.AppNo = apps[i]
		}
		if i < len(orgs) {
			p.Org = orgs[i]
		}
		if strings.TrimSpace(p.Title+p.AppNo+p.Org) != "" {
			v.Projects = append(v.Projects, p)
		}
	}
	e, err := v.event()
	if err == nil {
		err = s.Events.CreateEvent(r.Context(), e)
	}
	if formRefusal(err) {
		v.formError = formError{patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)}
		s.renderEventForm(w, r, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d?done=created", e.ID), http.StatusSeeOther)
}

// event converts the form into an event. Returns EINVALID naming the template column.
func (v eventForm) event() (*patentbridge.Event, error) {
	if len(v.Projects) > patentbridge.EventProjectsMax {
		return nil, patentbridge.FieldErrorf("项目名称", "一场活动最多登记 %d 个项目", patentbridge.EventProjectsMax)
	}
	e := &patentbridge.Event{Title: v.Title, City: v.City, Organizer: v.Organizer}
	k, ok := patentbridge.ParseEventKind(v.Kind)
	if !ok {
		return nil, patentbridge.FieldErrorf("活动类型", "请选择活动类型：路演、对接会、入园惠企或高校专利展示")
	}
	e.Kind = k
	var err error
	if e.HeldOn, err = formDay("活动日期", v.HeldOn); err != nil {
		return nil, err
	}
	if v.Participants != "" {
		if e.Participants, err = strconv.Atoi(v.Participants); err != nil {
			return nil, patentbridge.FieldErrorf("参与人数", "参与人数应为非负整数")
		}
	}
	for _, p := range v.Projects {
		e.Projects = append(e.Projects, &patentbridge.EventProject{Title: p.Title, AppNo: p.AppNo, OrgName: p.Org})
	}
	return e, nil
}

// eventView is the data of /events/{id}.
type eventView struct {
	*patentbridge.Event
	formError
	CityName    string
	Done        string
	ProjectForm projectRow // the project typed into the add form, kept when refused
	DealNo      string     // the deal number typed into the link form, kept when refused
	Deals       []eventDeal
}

// eventDeal is a deal that followed an event: its number, and the deal
// itself when the deal service is configured and the user may read it.
type eventDeal struct {
	ID   int64
	Deal *dealRow
}

// eventDealsShown is the most deals the event page reads in full; further ones show by number.
const eventDealsShown = 100

// eventDeals reads the event's deals for its page.
func (s *Server) eventDeals(ctx context.Context, ids []int64) ([]eventDeal, error) {
	out := make([]eventDeal, 0, len(ids))
	for i, id := range ids {
		ed := eventDeal{ID: id}
		if s.Deals != nil && i < eventDealsShown {
			d, err := s.Deals.FindDeal(ctx, id)
			if code := patentbridge.ErrorCode(err); err != nil && code != patentbridge.ENOTFOUND && code != patentbridge.EFORBIDDEN {
				return nil, err
			} else if err == nil {
				ed.Deal = &dealRow{Deal: d, City: s.cityName(d.ToCity)}
			}
		}
		out = append(out, ed)
	}
	return out, nil
}

// eventDetail serves /events/{id}: the event, its projects and the deals that
// followed, with the forms that add a project and link a deal.
func (s *Server) eventDetail(w http.ResponseWriter, r *http.Request) {
	s.renderEvent(w, r, http.StatusOK, eventView{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, v eventView) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "对接活动 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	e, err := s.Events.FindEvent(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Event, v.CityName = e, s.cityName(e.City)
	if v.Deals, err = s.eventDeals(r.Context(), e.DealIDs); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "event", e.Title, "events", v)
}

// eventAct runs an act on the event of the path and shows its page again:
// after a redirect when it succeeded, else with the refusal's message and
// status (the typed values kept).
func (s *Server) eventAct(w http.ResponseWriter, r *http.Request, v eventView, done string, act func(ctx context.Context, id int64) error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "对接活动 %q 不存在", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	err := act(r.Context(), id)
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/events/%d?done=%s", id, done), http.StatusSeeOther)
	case formRefusal(err): // the event not found (or not the user's) gets the error page from renderEvent
		v.formError = formError{patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)}
		s.renderEvent(w, r, httpx.Status(err), v)
	default:
		s.errorPage(w, r, err)
	}
}

// eventAddProject serves POST /events/{id}/projects: a project added to the event.
func (s *Server) eventAddProject(w http.ResponseWriter, r *http.Request) {
	p := projectRow{Title: r.PostFormValue("project_title"), AppNo: r.PostFormValue("project_app_no"), Org: r.PostFormValue("project_org")}
	s.eventAct(w, r, eventView{ProjectForm: p}, "project", func(ctx context.Context, id int64) error {
		return s.Events.AddEventProject(ctx, id, &patentbridge.EventProject{Title: p.Title, AppNo: p.AppNo, OrgName: p.Org})
	})
}

// eventLinkDeal serves POST /events/{id}/deals: the deal of the number typed
// (deal_id) recorded as following the event.
func (s *Server) eventLinkDeal(w http.ResponseWriter, r *http.Request) {
	no := strings.TrimSpace(r.PostFormValue("deal_id"))
	s.eventAct(w, r, eventView{DealNo: no}, "deal", func(ctx context.Context, id int64) error {
		deal, ok := httpx.ParseID(strings.TrimPrefix(no, "#"))
		if !ok {
			return patentbridge.FieldErrorf("交易编号", "交易编号 %q 无效：应为交易页面上的编号（正整数）", patentbridge.ClipValue(no))
		}
		return s.Events.LinkEventDeal(ctx, id, deal)
	})
}

// eventUnlinkDeal serves POST /events/{id}/deals/{deal}/unlink: the deal removed from the event.
func (s *Server) eventUnlinkDeal(w http.ResponseWriter, r *http.Request) {
	s.eventAct(w, r, eventView{}, "unlinked", func(ctx context.Context, id int64) error {
		deal, ok := httpx.PathID(r, "deal")
		if !ok {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "交易 %q 不存在", patentbridge.ClipValue(r.PathValue("deal")))
		}
		return s.Events.UnlinkEventDeal(ctx, id, deal)
	})
}
