package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// pilotBaseRoutes are the endpoints of pilot bases (中试熟化基地), the officials'.
func (s *Server) pilotBaseRoutes() []httpx.Route {
	if s.PilotBases == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/pilot-bases", officials, s.listPilotBases),
		httpx.NewRoute("POST /api/v1/pilot-bases", officials, s.createPilotBase),
		httpx.NewRoute("GET /api/v1/pilot-bases/{id}", officials, s.getPilotBase),
	}
}

// pilotBaseView is a base as the API returns it, its date as YYYY-MM-DD.
type pilotBaseView struct {
	*patentbridge.PilotBase
	EstablishedOn string `json:"established_on"`
}

func newPilotBaseView(b *patentbridge.PilotBase) pilotBaseView {
	return pilotBaseView{b, optDate(b.EstablishedOn)}
}

// createPilotBase serves POST /api/v1/pilot-bases.
func (s *Server) createPilotBase(w http.ResponseWriter, r *http.Request) {
	var body struct { // col: the template columns PilotBase.Validate names, for jsonField
		Name          string `json:"name" col:"基地名称"`
		Organization  string `json:"organization" col:"依托单位"`
		City          string `json:"city" col:"地区代码"`
		EstablishedOn string `json:"established_on" col:"成立日期"`
	}
	err := decodeBody(w, r, &body)
	b := &patentbridge.PilotBase{Name: body.Name, OrgName: body.Organization, City: body.City}
	if err == nil {
		b.EstablishedOn, err = licDate("established_on", body.EstablishedOn)
	}
	if err == nil {
		err = s.PilotBases.CreatePilotBase(r.Context(), b)
	}
	if err != nil {
		s.error(w, r, jsonField(err, body))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/pilot-bases/%d", b.ID))
	httpx.JSON(w, http.StatusCreated, newPilotBaseView(b))
}

// getPilotBase serves GET /api/v1/pilot-bases/{id}.
func (s *Server) getPilotBase(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "基地")
	var b *patentbridge.PilotBase
	if err == nil {
		b, err = s.PilotBases.FindPilotBase(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newPilotBaseView(b))
}

// listPilotBases serves GET /api/v1/pilot-bases?year=&city=&limit=&offset=.
func (s *Server) listPilotBases(w http.ResponseWriter, r *http.Request) {
	f, err := programmeFilter(r.URL.Query(), "", func(string) (string, bool) { return "", false })
	var bs []*patentbridge.PilotBase
	var total int
	if err == nil {
		bs, total, err = s.PilotBases.ListPilotBases(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]pilotBaseView, len(bs))
	for i, b := range bs {
		items[i] = newPilotBaseView(b)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
