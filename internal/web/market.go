package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// marketPageSize is the number of offers per market page.
const marketPageSize = 20

// marketView is the data of the public market (转化交易) and of the SOE shared list.
type marketView struct {
	Offers    []httpx.OfferView
	Total     int
	Query     url.Values
	Kinds     []patentbridge.OfferKind
	Years     []yearCount // offers (or SOE shared patents) published each year
	Pools     []*patentbridge.Pool
	Pager     httpx.Pager
	SOEShared bool
	CanOffer  bool // the user may offer (links the new-offer form)
}

// offerPage is the data of one offer's page.
type offerPage struct {
	httpx.OfferView
	Questions []*patentbridge.OfferQuestion
	CanManage bool
	CanAsk    bool // a signed-in enterprise user on a published offer
	// Notice confirms the owner's last act; Error and ErrorField are a refused act's.
	Notice, Error, ErrorField string
}

// offerNotices are the confirmations of the owner's acts (?done=).
var offerNotices = map[string]string{
	"created":   "报价草稿已保存。核对无误后点击“发布”，发布后记入公共账本。",
	"published": "报价已发布，已记入公共账本。",
	"withdrawn": "报价已撤回，撤回记录已记入公共账本。",
}

// poolsView is the data of the pool index and of one pool's page.
type poolsView struct {
	Pools []*patentbridge.Pool
	Pool  *patentbridge.Pool
	Years []yearCount
	// Notice confirms a manager's last act on Pool (?done=).
	Notice string
}

// poolNotices are the confirmations of a pool's acts (?done=).
var poolNotices = map[string]string{
	"created":   "专利池草稿已保存。核对无误后点击“发布专利池”，发布后记入公共账本。",
	"published": "专利池已发布，已记入公共账本。",
}

func years(counts map[int]int) []yearCount {
	var out []yearCount
	for y, n := range counts {
		out = append(out, yearCount{y, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out
}

// market serves /market?kind=&system=&industry=&city=&price_min=&price_max=&trl=&org_type=&soe_shared=
// (the API's filter, read by the same parser):
// published and withdrawn offers, the yearly counts and the pools.
func (s *Server) market(w http.ResponseWriter, r *http.Request) {
	s.marketPage(w, r, false)
}

// soeShared serves /market/soe-shared (国企共享成熟专利清单) and its .xlsx download.
func (s *Server) soeShared(w http.ResponseWriter, r *http.Request) {
	s.marketPage(w, r, true)
}

func (s *Server) marketPage(w http.ResponseWriter, r *http.Request, shared bool) {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := httpx.ParseOfferFilter(q)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	offset, err := httpx.PageOffset(q, marketPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f.Mine, f.SOEShared, f.Limit, f.Offset = false, f.SOEShared || shared, marketPageSize, offset
	v := marketView{Query: q, Kinds: patentbridge.OfferKinds, SOEShared: shared, CanOffer: patentbridge.CanOffer(patentbridge.UserFrom(ctx)) == nil}
	var counts map[int]int
	if shared {
		counts, err = s.Offers.CountSOEShared(ctx)
	} else {
		counts, err = s.Offers.CountOffers(ctx)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Years = years(counts)
	os, total, err := s.Offers.ListOffers(ctx, f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, o := range os {
		v.Offers = append(v.Offers, httpx.NewOfferView(o))
	}
	v.Total = total
	if s.Pools != nil && !shared {
		if v.Pools, err = s.Pools.ListPools(ctx); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	path, title := "/market", "转化交易"
	if shared {
		path, title = "/market/soe-shared", "国企共享成熟专利清单"
	}
	v.Pager = httpx.NewPager(path, q, total, marketPageSize, offset)
	s.render(w, r, http.StatusOK, "market", title, "market", v)
}

// soeSharedXLSX serves /market/soe-shared.xlsx: every shared offer's patents.
func (s *Server) soeSharedXLSX(w http.ResponseWriter, r *http.Request) {
	os, _, err := s.Offers.ListOffers(r.Context(), patentbridge.OfferFilter{SOEShared: true, Status: patentbridge.OfferPublished, Limit: 1000})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := export.WriteSOESharedXLSX(&buf, os, s.Now()); err != nil {
		s.errorPage(w, r, err)
		return
	}
	sendWorkbook(w, "soe-shared.xlsx", "国企共享成熟专利清单.xlsx", buf.Bytes())
}

// offerDetail serves /market/{id}: the offer, its ledger index, and the
// questions the user may read.
func (s *Server) offerDetail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "报价 %q 不存在", r.PathValue("id")))
		return
	}
	o, err := s.Offers.FindOffer(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderOffer(w, r, http.StatusOK, o, offerNotices[r.URL.Query().Get("done")], nil)
}

// renderOffer shows an offer's page with a notice or an act's refusal.
func (s *Server) renderOffer(w http.ResponseWriter, r *http.Request, status int, o *patentbridge.Offer, notice string, actErr error) {
	v := offerPage{OfferView: httpx.NewOfferView(o), Notice: notice}
	if actErr != nil {
		v.Error, v.ErrorField = patentbridge.ErrorMessage(actErr), patentbridge.ErrorField(actErr)
	}
	if u := patentbridge.UserFrom(r.Context()); u != nil {
		v.CanManage = u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleInstitution && u.OrgID == o.OrgID
		v.CanAsk = u.Role == patentbridge.RoleEnterprise && o.Status == patentbridge.OfferPublished && s.OfferQuestions != nil
	}
	if s.OfferQuestions != nil {
		var err error
		if v.Questions, err = s.OfferQuestions.ListOfferQuestions(r.Context(), o.ID); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	s.render(w, r, status, "offer", o.Title, "market", v)
}

// pools serves /pools, and /pools/{id} one pool.
func (s *Server) pools(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if id := r.PathValue("id"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利池 %q 不存在", id))
			return
		}
		p, err := s.Pools.FindPool(ctx, n)
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "pools", p.Name, "market", poolsView{Pool: p, Notice: poolNotices[r.URL.Query().Get("done")]})
		return
	}
	ps, err := s.Pools.ListPools(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	counts, err := s.Pools.CountPools(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "pools", fmt.Sprintf("专利池（%d个）", len(ps)), "market", poolsView{Pools: ps, Years: years(counts)})
}
