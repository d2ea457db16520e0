package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// pushPerPatent is how many enterprises a patent is pushed to at most.
const pushPerPatent = 100

// pushView is the data of the push-list page.
type pushView struct {
	Title  string // what is pushed: the patent, or the list's heading and title
	AppNo  string
	List   string // the list as asked ("2026年第2期")
	Per    int    // patents per enterprise at most, for a list
	PerMax int
	// Threshold is patentbridge.PushFitThreshold as the page's percentage.
	Threshold int
	Park      string
	Parks     []string
	Lists     []string // headings of the published lists, offered in the form
	Groups    []pushGroup
	Pairs     int // patent-enterprise pairs shown
	XLSXLink  string
	Empty     bool // no patent or list asked for yet
	ByList    bool
	Error     string
	// Choices, when the number asked is several issuers', link to each list's push.
	Choices []pushChoice
	// ListID is the pushed list's id; CanSend offers its managers the form that
	// sends the shown enterprises their messages, LastSent says when it was
	// last sent ("" never) and Notice what the sending just did.
	ListID   int64
	CanSend  bool
	LastSent string
	Notice   string
	manages  bool // the user may manage the list (patentbridge.AuthorizeSupplyList)
}

// pushChoice is one list a bare number may mean, and the link to its push.
type pushChoice struct {
	Label string // "成都市2026年第1期"
	Link  string
}

// pushGroup is one enterprise of the page with the patents pushed to it.
type pushGroup struct {
	Rank  int
	Span  int // rows the enterprise's cells span
	First pushLine
	Rest  []pushLine
	patentbridge.EnterprisePush
}

// pushLine is one patent pushed to an enterprise.
type pushLine struct {
	patentbridge.PushItem
	AppNoLabel string
	Percent    int
}

// enterprisePush serves /admin/enterprises/push?app_no=… or ?list=2026年第2期&per=10:
// the registry enterprises whose 经营范围 or 行业 fits a patent, or for a
// published supply list every fitting enterprise with at most per of its
// patents ranked by fit, filtered by park; &format=xlsx downloads it with one
// sheet per park and one row per patent pushed.
func (s *Server) enterprisePush(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := pushView{Park: strings.TrimSpace(q.Get("park")), List: strings.TrimSpace(q.Get("list")),
		Per: patentbridge.PushDefaultPerEnterprise, PerMax: patentbridge.PushMaxPerEnterprise,
		Threshold: httpx.PushPercent(patentbridge.PushFitThreshold)}
	s.offerLists(r, &v)
	if utf8.RuneCountInString(v.Park) > 100 {
		v.Park = "" // no park is named so; the filter is a select of the parks seen
	}
	var pushes []patentbridge.EnterprisePush
	var err error
	switch {
	case q.Get("app_no") != "":
		pushes, err = s.pushForPatent(r, q.Get("app_no"), &v)
	case q.Has("list"):
		v.ByList = true
		var per int
		if per, err = patentbridge.ParsePushPerEnterprise(q.Get("per")); err == nil {
			v.Per = per
			pushes, err = s.pushForList(r, &v)
		}
	default:
		v.Empty = true
		s.render(w, r, http.StatusOK, "enterprise_push", "专利进园区企业", "enterprises", v)
		return
	}
	if patentbridge.ErrorField(err) != "" || patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND && v.ByList {
		v.Empty, v.Error = true, patentbridge.ErrorMessage(err)
		var a *patentbridge.AmbiguousSupplyNumber
		if errors.As(err, &a) {
			for _, c := range a.Choices {
				x := url.Values{"list": {c}, "per": {strconv.Itoa(v.Per)}}
				if v.Park != "" {
					x.Set("park", v.Park)
				}
				v.Choices = append(v.Choices, pushChoice{Label: c, Link: "/admin/enterprises/push?" + x.Encode()})
			}
		}
		s.render(w, r, httpx.Status(err), "enterprise_push", "专利进园区企业", "enterprises", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	shown := filterPark(pushes, v.Park, &v.Parks)
	// Telling the shown enterprises is an act: the form POSTs to
	// enterprisePushSend, which recomputes this list; never this GET.
	if q.Get("format") == "xlsx" {
		s.pushXLSX(w, r, v.Title, shown)
		return
	}
	for i, p := range shown {
		g := pushGroup{Rank: i + 1, Span: len(p.Items), EnterprisePush: p}
		for j, it := range p.Items {
			l := pushLine{PushItem: it, AppNoLabel: patentbridge.FormatAppNo(it.AppNo), Percent: httpx.PushPercent(it.Score)}
			if j == 0 {
				g.First = l
			} else {
				g.Rest = append(g.Rest, l)
			}
		}
		v.Pairs += len(p.Items)
		v.Groups = append(v.Groups, g)
	}
	if v.ByList {
		s.offerSend(r, &v, len(shown) > 0, q.Get("done") == "sent")
	}
	x := url.Values{}
	for k, vs := range q {
		x[k] = vs
	}
	x.Set("format", "xlsx")
	v.XLSXLink = "/admin/enterprises/push?" + x.Encode()
	s.render(w, r, http.StatusOK, "enterprise_push", "专利进园区企业", "enterprises", v)
}

// filterPark keeps the pushes of one park ("" all) and lists every park seen.
func filterPark(pushes []patentbridge.EnterprisePush, park string, parks *[]string) []patentbridge.EnterprisePush {
	seen := map[string]bool{}
	var out []patentbridge.EnterprisePush
	for _, p := range pushes {
		if e := p.Enterprise.Park; e != "" && !seen[e] {
			seen[e] = true
			*parks = append(*parks, e)
		}
		if park == "" || p.Enterprise.Park == park {
			out = append(out, p)
		}
	}
	sort.Strings(*parks)
	return out
}

// offerLists puts the headings of the published supply lists in the form.
func (s *Server) offerLists(r *http.Request, v *pushView) {
	if s.Supply == nil {
		return
	}
	lists, err := s.Supply.ListSupplyLists(r.Context(), false)
	if err != nil {
		httpx.LogError(r, err, s.Logger)
		return
	}
	for _, l := range lists {
		if l.Status == patentbridge.ListPublished {
			v.Lists = append(v.Lists, httpx.NewSupplyListView(l, s.Ref, false).Heading)
		}
	}
}

func (s *Server) pushForPatent(r *http.Request, raw string, v *pushView) ([]patentbridge.EnterprisePush, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(raw)
	if err != nil {
		return nil, err
	}
	p, err := s.Patents.FindPatent(r.Context(), appNo)
	if err != nil {
		return nil, err
	}
	v.AppNo, v.Title = appNo, patentbridge.FormatAppNo(appNo)+" "+p.Title
	ms, err := s.EnterpriseRanker.RankForPatent(r.Context(), appNo, pushPerPatent)
	if err != nil {
		return nil, err
	}
	out := make([]patentbridge.EnterprisePush, len(ms))
	for i, m := range ms {
		out[i] = patentbridge.EnterprisePush{Enterprise: m.Enterprise,
			Items: []patentbridge.PushItem{{AppNo: appNo, Title: p.Title, Score: m.Score, Reason: m.Reason}}}
	}
	return out, nil
}

// pushForList pushes the published supply list the user cites by its number.
func (s *Server) pushForList(r *http.Request, v *pushView) ([]patentbridge.EnterprisePush, error) {
	if s.Supply == nil {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单服务未启用")
	}
	l, pushes, err := httpx.PushSupplyList(r.Context(), s.Supply, s.EnterpriseRanker, s.Ref, v.List, v.Per)
	if err != nil {
		return nil, err
	}
	v.Title = httpx.NewSupplyListView(l, s.Ref, false).Heading + " " + l.Title
	v.ListID, v.manages = l.ID, patentbridge.AuthorizeSupplyList(patentbridge.UserFrom(r.Context()), l) == nil
	return pushes, nil
}

// pushXLSX writes the push list; it is built in memory first so that a failure
// is a clean error page, not a truncated file.
func (s *Server) pushXLSX(w http.ResponseWriter, r *http.Request, title string, pushes []patentbridge.EnterprisePush) {
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "专利进园区企业推送清单："+title, pushes, s.Now()); err != nil {
		s.errorPage(w, r, err)
		return
	}
	name := "专利进园区企业推送清单.xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"push-list.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	buf.WriteTo(w)
}
