package web

import (
	"net/http"
	"net/url"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// myPatentsView is the data of an institution's 我的专利 page.
type myPatentsView struct {
	Org              string
	Screening        bool // the sleeping-patent database is configured
	Offers           bool // the market is configured: each owned patent links the new-offer form
	SleepingOnly     bool // only the patents sleeping in the latest run
	AllURL, SleepURL string
	RunAsOf          string
	Total, From, To  int
	Pager            httpx.Pager
	Items            []myPatentRow
}

// myPatentRow is one of the institution's patents with its latest screening result.
type myPatentRow struct {
	httpx.PatentView
	Owned     bool                 // the organization is an exact current owner
	Screening *httpx.ScreeningView // nil: not screened
}

// myPatents lists the patents whose current owner names contain the user's
// organization, each with its latest screening result (status and grade) and a
// link to declare; ?sleeping=1 keeps only those sleeping in the latest run.
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
	v := myPatentsView{Org: org, Screening: s.Screening != nil && s.Sleeping != nil, Offers: s.Offers != nil}
	v.SleepingOnly = v.Screening && (q.Get("sleeping") == "1" || q.Get("sleeping") == "on")
	if org == "" {
		s.render(w, r, http.StatusOK, "mypatents", "我的专利", "mypatents", v)
		return
	}
	base := url.Values{}
	if u.Role == patentbridge.RoleAdmin {
		base.Set("owner", org)
	}
	v.AllURL = "/my/patents?" + base.Encode()
	base.Set("sleeping", "1")
	v.SleepURL = "/my/patents?" + base.Encode()
	offset, err := httpx.PageOffset(url.Values{"page": q["page"]}, httpx.DefaultLimit)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if v.Screening {
		if run, err := s.Screening.LatestRun(r.Context()); err == nil {
			v.RunAsOf = patentbridge.FormatDate(run.AsOf)
		}
	}
	if v.SleepingOnly {
		err = s.mySleeping(r, &v, u, offset)
	} else {
		err = s.myAll(r, &v, u, offset)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if len(v.Items) > 0 {
		v.From, v.To = offset+1, offset+len(v.Items)
	}
	pq := url.Values{}
	if v.SleepingOnly {
		pq.Set("sleeping", "1")
	}
	if u.Role == patentbridge.RoleAdmin {
		pq.Set("owner", org)
	}
	v.Pager = httpx.NewPager("/my/patents", pq, v.Total, httpx.DefaultLimit, offset)
	s.render(w, r, http.StatusOK, "mypatents", "我的专利", "mypatents", v)
}

// myAll fills one page of all the organization's patents, newest grant first,
// each with its latest screening result. By the registry when the account is
// bound to an organization (its child organizations included; a name substring
// would also take 四川大学锦城学院).
func (s *Server) myAll(r *http.Request, v *myPatentsView, u *patentbridge.User, offset int) error {
	f := patentbridge.PatentFilter{Owner: v.Org, Limit: httpx.DefaultLimit, Offset: offset, Sort: "-grant_date"}
	if u.OrgID != 0 {
		f.Owner, f.OrgID = "", u.OrgID
	}
	ps, total, err := s.Patents.ListPatents(r.Context(), f)
	if err != nil {
		return err
	}
	v.Total = total
	for _, p := range ps {
		row := myPatentRow{PatentView: httpx.NewPatentView(p, s.Ref), Owned: p.HasOwner(v.Org)}
		if s.Screening != nil {
			res, err := s.Screening.FindScreeningResult(r.Context(), 0, p.AppNo)
			if err == nil {
				row.Screening = httpx.NewScreeningView(res, p, s.Ref)
			} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
				return err
			}
		}
		v.Items = append(v.Items, row)
	}
	return nil
}

// mySleeping fills one page of the organization's patents sleeping in the
// latest run, in the database's order (grade, then score); no run yet lists none.
func (s *Server) mySleeping(r *http.Request, v *myPatentsView, u *patentbridge.User, offset int) error {
	f := patentbridge.SleepingFilter{Institution: v.Org, Limit: httpx.DefaultLimit, Offset: offset}
	if u.OrgID != 0 {
		f.Institution, f.OrgID = "", u.OrgID
	}
	items, total, err := s.Sleeping.ListSleeping(r.Context(), f)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	v.Total = total
	for _, it := range items {
		v.Items = append(v.Items, myPatentRow{PatentView: httpx.NewPatentView(it.Patent, s.Ref), Owned: it.Patent.HasOwner(v.Org),
			Screening: httpx.NewScreeningView(it.Result, it.Patent, s.Ref)})
	}
	return nil
}
