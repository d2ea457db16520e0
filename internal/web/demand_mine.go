package web

import (
	"net/http"
	"slices"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandTab is one status tab of 我的需求, with its count.
type demandTab struct {
	Status, Label, Href string
	Count               int
	Active              bool
}

// myDemandsView is the data of 我的需求.
type myDemandsView struct {
	Tabs    []demandTab
	Status  string
	Demands []httpx.DemandView
	Total   int
	Notice  string
	Pager   httpx.Pager
}

// myDemands serves /my/demands: the demands of the user's organization in
// every state (草稿, 待审核, 已发布, 已退回, 已关闭), one state per tab with its
// count, newest first, with what can be done to each.
func (s *Server) myDemands(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && !slices.Contains(patentbridge.DemandStatuses, status) {
		s.errorPage(w, r, patentbridge.FieldErrorf("status", "状态 %q 无效", status))
		return
	}
	offset, err := httpx.PageOffset(q, demandPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	counts, err := s.Demands.CountMyDemands(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	ds, total, err := s.Demands.ListDemands(ctx, patentbridge.DemandFilter{Mine: true, Status: status, Limit: demandPageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := myDemandsView{Status: status, Total: total}
	all := 0
	for _, st := range patentbridge.DemandStatuses {
		all += counts[st]
	}
	v.Tabs = append(v.Tabs, demandTab{Label: "全部", Href: "/my/demands", Count: all, Active: status == ""})
	for _, st := range patentbridge.DemandStatuses {
		v.Tabs = append(v.Tabs, demandTab{Status: st, Label: patentbridge.DemandStatusLabel(st), Href: "/my/demands?status=" + st,
			Count: counts[st], Active: status == st})
	}
	for _, d := range ds {
		v.Demands = append(v.Demands, httpx.NewDemandView(d, u, s.Ref))
	}
	v.Pager = httpx.NewPager("/my/demands", q, total, demandPageSize, offset)
	s.render(w, r, http.StatusOK, "demand_mine", "我的需求", "mydemands", v)
}
