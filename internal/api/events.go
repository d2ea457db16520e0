package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// eventRoutes are the endpoints of matching events: the admin's and the city
// users' (the service keeps a city user to its city's events and deals).
func (s *Server) eventRoutes() []httpx.Route {
	if s.Events == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/events", officials, s.listEvents),
		httpx.NewRoute("POST /api/v1/events", officials, s.createEvent),
		httpx.NewRoute("GET /api/v1/events/{id}", officials, s.getEvent),
		httpx.NewRoute("POST /api/v1/events/{id}/projects", officials, s.addEventProject),
		httpx.NewRoute("POST /api/v1/events/{id}/deals", officials, s.linkEventDeal),
		httpx.NewRoute("DELETE /api/v1/events/{id}/deals/{deal_id}", officials, s.unlinkEventDeal),
	}
}

// eventProjectRequest is one project presented at an event (the body of
// POST /api/v1/events/{id}/projects); its col tags name the template columns
// EventProject.Validate and the service name, which jsonField answers by the JSON key.
type eventProjectRequest struct {
	Title        string `json:"title" col:"项目名称"`
	AppNo        string `json:"app_no" col:"申请号"`
	Organization string `json:"organization" col:"项目单位"`
}

func (p eventProjectRequest) project() *patentbridge.EventProject {
	return &patentbridge.EventProject{Title: p.Title, AppNo: p.AppNo, OrgName: p.Organization}
}

// eventRequest is the body of POST /api/v1/events: the event template's
// columns, named in col tags for jsonField (a project's column names the
// top-level key "projects").
type eventRequest struct {
	Kind         string                `json:"kind" col:"活动类型"` // code or Chinese name
	Title        string                `json:"title" col:"活动名称"`
	City         string                `json:"city" col:"地区代码"`
	HeldOn       string                `json:"held_on" col:"活动日期"` // YYYY-MM-DD
	Organizer    string                `json:"organizer" col:"主办单位"`
	Participants int                   `json:"participants" col:"参与人数"`
	Projects     []eventProjectRequest `json:"projects" col:"项目名称,项目单位,申请号"`
}

// event turns the request into an event to store. Returns EINVALID naming the field.
func (b eventRequest) event() (*patentbridge.Event, error) {
	kind, ok := patentbridge.ParseEventKind(b.Kind)
	if !ok {
		kind = patentbridge.EventKind(b.Kind) // Validate names it
	}
	e := &patentbridge.Event{Kind: kind, Title: b.Title, City: b.City, Organizer: b.Organizer, Participants: b.Participants}
	if len(b.Projects) > patentbridge.EventProjectsMax {
		return nil, patentbridge.FieldErrorf("projects", "一场活动最多登记 %d 个项目", patentbridge.EventProjectsMax)
	}
	for _, p := range b.Projects {
		e.Projects = append(e.Projects, p.project())
	}
	var err error
	e.HeldOn, err = licDate("held_on", b.HeldOn)
	return e, err
}

// eventView is an event as the API returns it: its date as YYYY-MM-DD and
// the Chinese names of its kind and organizer type.
type eventView struct {
	*patentbridge.Event
	KindLabel          string `json:"kind_label"`
	HeldOn             string `json:"held_on"`
	OrganizerTypeLabel string `json:"organizer_type_label"`
	ByInstitution      bool   `json:"by_institution"`
}

func newEventView(e *patentbridge.Event) eventView {
	return eventView{e, e.Kind.Label(), optDate(e.HeldOn), e.OrganizerType.Label(), e.ByInstitution()}
}

// createEvent serves POST /api/v1/events.
func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) {
	var b eventRequest
	err := decodeBody(w, r, &b)
	var e *patentbridge.Event
	if err == nil {
		e, err = b.event()
	}
	if err == nil {
		err = s.Events.CreateEvent(r.Context(), e)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/events/%d", e.ID))
	httpx.JSON(w, http.StatusCreated, newEventView(e))
}

// getEvent serves GET /api/v1/events/{id}.
func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "活动")
	var e *patentbridge.Event
	if err == nil {
		e, err = s.Events.FindEvent(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newEventView(e))
}

// respondEvent answers an act on event id with the event as it now is.
func (s *Server) respondEvent(w http.ResponseWriter, r *http.Request, id int64, status int) {
	e, err := s.Events.FindEvent(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, status, newEventView(e))
}

// addEventProject serves POST /api/v1/events/{id}/projects.
func (s *Server) addEventProject(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "活动")
	var b eventProjectRequest
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	if err == nil {
		err = s.Events.AddEventProject(r.Context(), id, b.project())
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	s.respondEvent(w, r, id, http.StatusCreated)
}

// linkEventDeal serves POST /api/v1/events/{id}/deals {"deal_id": n}.
func (s *Server) linkEventDeal(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "活动")
	var b struct {
		DealID int64 `json:"deal_id" col:"关联交易编号"`
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	if err == nil && b.DealID <= 0 {
		err = patentbridge.FieldErrorf("deal_id", "请填写交易编号")
	}
	if err == nil {
		err = s.Events.LinkEventDeal(r.Context(), id, b.DealID)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	s.respondEvent(w, r, id, http.StatusOK)
}

// unlinkEventDeal serves DELETE /api/v1/events/{id}/deals/{deal_id}.
func (s *Server) unlinkEventDeal(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "活动")
	var deal int64
	if err == nil {
		deal, err = licPathID(r, "deal_id", "交易")
	}
	if err == nil {
		err = s.Events.UnlinkEventDeal(r.Context(), id, deal)
	}
	if err != nil {
		s.error(w, r, jsonField(err, struct {
			DealID int64 `json:"deal_id" col:"关联交易编号"`
		}{deal}))
		return
	}
	s.respondEvent(w, r, id, http.StatusOK)
}

// listEvents serves GET /api/v1/events?year=&city=&kind=&limit=&offset=.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	f, err := programmeFilter(r.URL.Query(), "活动类型", func(k string) (string, bool) {
		kind, ok := patentbridge.ParseEventKind(k)
		return string(kind), ok
	})
	var es []*patentbridge.Event
	var total int
	if err == nil {
		es, total, err = s.Events.ListEvents(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]eventView, len(es))
	for i, e := range es {
		items[i] = newEventView(e)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
