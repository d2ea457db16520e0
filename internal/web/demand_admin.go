package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandAdminView is the data of the moderation queue.
type demandAdminView struct {
	Pending   []httpx.DemandView
	Total     int
	CityName  string // a city user's city
	Notice    string
	CanImport bool
}

// demandAdmin serves /admin/demands: the pending demands (a city user's city
// only), oldest first, with publish and reject.
func (s *Server) demandAdmin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	f := patentbridge.DemandFilter{Status: patentbridge.DemandPending, Limit: 200}
	v := demandAdminView{CanImport: s.ReadDemands != nil}
	if u.Role == patentbridge.RoleCity {
		f.City = u.CityCode
		if s.Ref != nil {
			v.CityName = s.Ref.CityName(u.CityCode[:min(4, len(u.CityCode))])
		}
	}
	ds, total, err := s.Demands.ListDemands(ctx, f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Total = total
	for i := len(ds) - 1; i >= 0; i-- {
		v.Pending = append(v.Pending, httpx.NewDemandView(ds[i], u, s.Ref))
	}
	switch r.URL.Query().Get("done") {
	case "publish":
		v.Notice = "需求已发布。"
	case "reject":
		v.Notice = "需求已退回，需求单位可看到退回原因。"
	}
	s.render(w, r, http.StatusOK, "demand_admin", "技术需求审核", "demand_admin", v)
}

// demandModerate serves POST /admin/demands/{id}/moderate with action=publish
// or action=reject and a note.
func (s *Server) demandModerate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	action := r.PostFormValue("action")
	if action != "publish" && action != "reject" {
		s.errorPage(w, r, patentbridge.FieldErrorf("action", "审核操作应为发布或退回"))
		return
	}
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err == nil {
		err = s.Demands.ModerateDemand(ctx, d.ID, action == "publish", r.PostFormValue("note"))
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/demands?done="+action, http.StatusSeeOther)
}
