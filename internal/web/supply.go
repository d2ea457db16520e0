package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// yearCount is one year's count of published supply lists.
type yearCount struct {
	Year  int
	Count int
}

// supplyPageSize is the number of published lists per index page.
const supplyPageSize = 20

// supplyListsView is the data of the public supply-list index.
type supplyListsView struct {
	Years     []yearCount
	Lists     []httpx.SupplyListView // published and withdrawn, one page of them
	Drafts    []httpx.SupplyListView // the drafts the user may manage, on the first page
	CanCreate bool
	Pager     httpx.Pager
}

// supplyPage is the data of one list's page and of its printable view.
type supplyPage struct {
	httpx.SupplyListView
	CanManage bool
	CanPush   bool // a published list its managers may push to the registry's enterprises
	Notice    string
}

// supplyLists serves /supply?page=N: published and withdrawn lists, newest
// first, supplyPageSize a page, with the number published each year; managers
// also see their drafts on the first page.
func (s *Server) supplyLists(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	manager := patentbridge.AuthorizeSupplyList(u, nil) == nil
	offset, err := httpx.PageOffset(r.URL.Query(), supplyPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	lists, err := s.Supply.ListSupplyLists(ctx, manager)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	counts, err := s.Supply.CountPublishedLists(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := supplyListsView{CanCreate: manager}
	for y, n := range counts {
		v.Years = append(v.Years, yearCount{y, n})
	}
	sort.Slice(v.Years, func(i, j int) bool { return v.Years[i].Year > v.Years[j].Year })
	var public []*patentbridge.SupplyList
	for _, l := range lists {
		if l.Status != patentbridge.ListDraft {
			public = append(public, l)
		} else if offset == 0 { // the store returns the drafts the user may manage
			v.Drafts = append(v.Drafts, httpx.NewSupplyListView(l, s.Ref, false))
		}
	}
	for _, l := range public[min(offset, len(public)):min(offset+supplyPageSize, len(public))] {
		v.Lists = append(v.Lists, httpx.NewSupplyListView(l, s.Ref, false))
	}
	v.Pager = httpx.NewPager("/supply", url.Values{}, len(public), supplyPageSize, offset)
	s.render(w, r, http.StatusOK, "supply_lists", "专利技术供给清单", "supply", v)
}

// findVisibleList loads the list of the path's id; the store answers "not
// found" for a draft to anyone who may not manage it.
func (s *Server) findVisibleList(r *http.Request, id string) (*patentbridge.SupplyList, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %q 不存在", id)
	}
	return s.Supply.FindSupplyList(r.Context(), n)
}

// supplyDetail serves /supply/{id}, and /supply/{id}.xlsx as a workbook download.
func (s *Server) supplyDetail(w http.ResponseWriter, r *http.Request) {
	id, xlsx := strings.CutSuffix(r.PathValue("id"), ".xlsx")
	l, err := s.findVisibleList(r, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if xlsx {
		s.supplyXLSX(w, r, l)
		return
	}
	v := supplyPage{SupplyListView: httpx.NewSupplyListView(l, s.Ref, true),
		CanManage: patentbridge.AuthorizeSupplyList(patentbridge.UserFrom(r.Context()), l) == nil}
	v.CanPush = v.CanManage && s.EnterpriseRanker != nil && l.Status == patentbridge.ListPublished
	switch r.URL.Query().Get("done") {
	case "published":
		v.Notice = "清单已发布，编号为" + l.NumberLabel() + "。"
	case "withdrawn":
		v.Notice = "清单已撤回，仍公开可查并注明撤回原因。"
	}
	s.render(w, r, http.StatusOK, "supply", l.Title, "supply", v)
}

// supplyXLSX writes the list's workbook; it is built in memory first so that a
// failure is a clean error page, not a truncated file.
func (s *Server) supplyXLSX(w http.ResponseWriter, r *http.Request, l *patentbridge.SupplyList) {
	var buf bytes.Buffer
	if err := export.WriteSupplyListXLSX(&buf, l, s.Ref, s.Now()); err != nil {
		s.errorPage(w, r, err)
		return
	}
	name := fmt.Sprintf("供给清单-%d.xlsx", l.ID)
	if l.Year > 0 {
		name = httpx.NewSupplyListView(l, s.Ref, false).IssuerName + "专利技术供给清单-" + l.NumberLabel() + ".xlsx"
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"supply-list-%d.xlsx\"; filename*=UTF-8''%s", l.ID, url.PathEscape(name)))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	buf.WriteTo(w)
}

// supplyPrint serves /supply/{id}/print: the list alone, without navigation,
// with a print stylesheet.
func (s *Server) supplyPrint(w http.ResponseWriter, r *http.Request) {
	l, err := s.findVisibleList(r, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	p := page{Title: l.Title, Data: supplyPage{SupplyListView: httpx.NewSupplyListView(l, s.Ref, true)}}
	var buf bytes.Buffer
	if err := s.views["supply_print"].ExecuteTemplate(&buf, "print", p); err != nil {
		s.Logger.Error("web: render", "view", "supply_print", "err", err)
		http.Error(w, patentbridge.ErrorMessage(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	buf.WriteTo(w)
}
