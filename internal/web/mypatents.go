package web

import (
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// myPatentsView is the data of an institution's 我的专利 page.
type myPatentsView struct {
	Org                          string
	Screening                    bool // the sleeping-patent database is configured
	RunAsOf                      string
	Total, From, To, Page, Pages int
	PrevURL, NextURL             string
	Items                        []myPatentRow
}

// myPatentRow is one of the institution's patents with its latest screening result.
type myPatentRow struct {
	httpx.PatentView
	Owned     bool                 // the organization is an exact current owner
	Screening *httpx.ScreeningView // nil: not screened
}

// myPatents lists the patents whose current owner names contain the user's
// organization, each with its latest screening result and a link to declare.
// Administrators choose the organization with ?owner=.
func (s *Server) myPatents(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	q := r.URL.Query()
	org := u.OrgName
	if u.Role == patentbridge.RoleAdmin {
		org = q.Get("owner")
	}
	org = patentbridge.NormalizeOrgName(org)
	if org == "" && u.Role != patentbridge.RoleAdmin {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EFORBIDDEN, "您的账号没有登记所属单位，请联系管理员补充后再查看本单位专利"))
		return
	}
	v := myPatentsView{Org: org, Screening: s.Screening != nil}
	if org == "" {
		s.render(w, r, http.StatusOK, "mypatents", "我的专利", "mypatents", v)
		return
	}
	// By the registry when the account is bound to an organization (its child
	// organizations included; a name substring would also take 四川大学锦城学院).
	f := patentbridge.PatentFilter{Owner: org, Limit: httpx.DefaultLimit, Sort: "-grant_date"}
	if u.OrgID != 0 {
		f.Owner, f.OrgID = "", u.OrgID
	}
	if err := applyPage(&f, q.Get("page")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	ps, total, err := s.Patents.ListPatents(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if s.Screening != nil {
		if run, err := s.Screening.LatestRun(r.Context()); err == nil {
			v.RunAsOf = patentbridge.FormatDate(run.AsOf)
		}
	}
	for _, p := range ps {
		row := myPatentRow{PatentView: httpx.NewPatentView(p, s.Ref), Owned: p.HasOwner(org)}
		if s.Screening != nil {
			res, err := s.Screening.FindScreeningResult(r.Context(), 0, p.AppNo)
			if err == nil {
				row.Screening = httpx.NewScreeningView(res, p, s.Ref)
			} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
				s.errorPage(w, r, err)
				return
			}
		}
		v.Items = append(v.Items, row)
	}
	v.Total, v.Page = total, f.Offset/f.Limit+1
	v.Pages = max(1, (total+f.Limit-1)/f.Limit)
	if len(ps) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(ps)
	}
	link := func(page int) string {
		c := url.Values{"page": {strconv.Itoa(page)}}
		if u.Role == patentbridge.RoleAdmin {
			c.Set("owner", org)
		}
		return "/my/patents?" + c.Encode()
	}
	if v.Page > 1 {
		v.PrevURL = link(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = link(v.Page + 1)
	}
	s.render(w, r, http.StatusOK, "mypatents", "我的专利", "mypatents", v)
}
