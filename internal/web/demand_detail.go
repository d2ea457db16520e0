package web

import (
	"fmt"
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandMatch is one matched patent on a demand's page, with the verdict given.
type demandMatch struct {
	patentbridge.Match
	AppNoLabel string
	Percent    int
	Verdict    string // interested, irrelevant or ""
}

// demandView is the data of a demand's page.
type demandView struct {
	httpx.DemandView
	SignedIn    bool
	LoginNext   string
	IsAuthor    bool
	CanEdit     bool // the poster may edit and (re)submit it
	CanClose    bool // the poster may close it
	CanModerate bool
	CanFeedback bool
	Notice      string
	Matches     []demandMatch
	IPC         []patentbridge.IPCPrediction
	Industries  []string
	Keywords    []string
	MatchError  string
	HasMatching bool
	// AllMatches: the matches include every patent (?all=1), not only the
	// granted patents in force of institutions and SOEs.
	AllMatches bool
}

// demandDetail serves /demands/{id}: the demand, its contact for signed-in
// users, and its matched patents with reasons and the 感兴趣 / 不相关 buttons for
// the posting enterprise (or an admin).
func (s *Server) demandDetail(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := demandView{DemandView: httpx.NewDemandView(d, u, s.Ref), SignedIn: u != nil, LoginNext: "/login?next=" + r.URL.Path,
		IsAuthor: patentbridge.IsDemandPoster(u, d), CanModerate: patentbridge.CanModerateDemand(u, d) == nil,
		CanFeedback: s.Feedback != nil && patentbridge.CanUseDemandFeedback(u, d), HasMatching: s.Search != nil && d.Status != patentbridge.DemandClosed}
	if patentbridge.CanManageDemand(u, d) == nil {
		v.CanEdit, v.CanClose = d.CanDemand(patentbridge.DemandActEdit), d.CanDemand(patentbridge.DemandActClose)
	}
	switch r.URL.Query().Get("done") {
	case "created", "submitted":
		v.Notice = "需求已提交，审核通过后将公开发布。"
	case "draft", "saved":
		v.Notice = "已保存，尚未提交审核；可在“我的需求”中继续编辑。"
	case "closed":
		v.Notice = "需求已关闭，不再公开展示和匹配；本单位仍可在“我的需求”中查看。"
	case "feedback":
		v.Notice = "反馈已保存，将用于改进匹配结果。"
	}
	if v.HasMatching {
		v.AllMatches = r.URL.Query().Get("all") == "1"
		s.demandMatches(r, d, &v)
	}
	s.render(w, r, http.StatusOK, "demand", d.Title, "demands", v)
}

// demandMatches fills the page's matches; a matching failure is shown on the
// page (and logged), never hides the demand itself.
func (s *Server) demandMatches(r *http.Request, d *patentbridge.Demand, v *demandView) {
	ctx := r.Context()
	res, err := s.Search.Match(ctx, patentbridge.DemandMatchRequest(d, v.AllMatches))
	if err != nil {
		httpx.LogError(r, err, s.Logger)
		v.MatchError = "暂时无法计算匹配结果：" + patentbridge.ErrorMessage(err)
		return
	}
	verdicts := map[string]string{}
	if s.Feedback != nil && v.CanFeedback {
		if verdicts, err = s.Feedback.DemandFeedback(ctx, d.ID); err != nil {
			httpx.LogError(r, err, s.Logger)
		}
	}
	for _, m := range res.Items {
		v.Matches = append(v.Matches, demandMatch{Match: m, AppNoLabel: patentbridge.FormatAppNo(m.AppNo),
			Percent: relativePercent(m.Score, res.Items[0].Score), Verdict: verdicts[m.AppNo]})
	}
	v.IPC, v.Industries, v.Keywords = res.IPCPredictions, res.Industries, res.Keywords
}

// demandFeedback serves POST /demands/{id}/feedback: the posting enterprise (or
// an admin) marks a matched patent 感兴趣 or 不相关; a new verdict replaces the
// old; the service refuses a patent that is not among the demand's matches.
func (s *Server) demandFeedback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: strings.TrimSpace(r.PostFormValue("app_no")),
		Verdict: r.PostFormValue("verdict")}
	if err := s.Feedback.SaveFeedback(ctx, f); err != nil {
		s.errorPage(w, r, err)
		return
	}
	all := ""
	if r.PostFormValue("all") == "1" {
		all = "&all=1" // back to the list the verdict was given on
	}
	http.Redirect(w, r, fmt.Sprintf("/demands/%d?done=feedback%s#matches", d.ID, all), http.StatusSeeOther)
}

// relativePercent shows a match's score as a share of the best match's (the best is
// 100%): scores combine several signals and have no absolute scale.
func relativePercent(score, best float64) int {
	if best <= 0 {
		return 0
	}
	return int(score/best*100 + 0.5)
}
