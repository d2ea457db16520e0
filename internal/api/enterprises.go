package api

import (
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// enterprisePage is the body of GET /api/v1/enterprises.
type enterprisePage struct {
	Total  int                        `json:"total"`
	Limit  int                        `json:"limit"`
	Offset int                        `json:"offset"`
	Items  []*patentbridge.Enterprise `json:"items"`
}

// listEnterprises serves GET /api/v1/enterprises (admins and city users; a city
// user sees its city's enterprises): the registry filtered by park, city and q.
func (s *Server) listEnterprises(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.EnterpriseFilter{Park: q.Get("park"), City: q.Get("city"), Query: q.Get("q")}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	es, total, err := s.Enterprises.ListEnterprises(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := enterprisePage{Total: total, Limit: f.Limit, Offset: f.Offset, Items: es}
	if out.Limit == 0 {
		out.Limit = 50
	}
	if out.Items == nil {
		out.Items = []*patentbridge.Enterprise{}
	}
	httpx.JSON(w, http.StatusOK, out)
}

// pushEnterprises serves GET /api/v1/enterprises/push?app_no=…&limit=… (admins
// and city users): registry enterprises that fit a patent, each with its score
// (0..1) and one reason; or ?list=2026年第2期&per=10: for a published supply list
// every fitting enterprise with at most per of its patents, best first.
func (s *Server) pushEnterprises(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Has("list") {
		s.pushSupplyList(w, r)
		return
	}
	appNo, _, err := patentbridge.NormalizeAppNo(q.Get("app_no"))
	if err != nil {
		s.error(w, r, patentbridge.FieldErrorf("app_no", "%s", patentbridge.ErrorMessage(err)))
		return
	}
	limit, err := intParam(q.Get("limit"), "limit", 0, 500)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if limit == 0 {
		limit = 50
	}
	ms, err := s.EnterpriseRanker.RankForPatent(r.Context(), appNo, limit)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if ms == nil {
		ms = []patentbridge.EnterpriseMatch{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"app_no": appNo, "items": ms})
}

// pushSupplyList answers pushEnterprises for a supply list cited by its number.
func (s *Server) pushSupplyList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if s.Supply == nil {
		s.error(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单服务未启用"))
		return
	}
	per, err := patentbridge.ParsePushPerEnterprise(q.Get("per"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	l, pushes, err := httpx.PushSupplyList(r.Context(), s.Supply, s.EnterpriseRanker, s.Ref, q.Get("list"), per)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if pushes == nil {
		pushes = []patentbridge.EnterprisePush{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"list": httpx.NewSupplyListView(l, s.Ref, false), "per": per, "items": pushes})
}

// pushSendRequest is the body of POST /api/v1/enterprises/push/send.
type pushSendRequest struct {
	List string `json:"list"` // the list's number, "2026年第2期"
	Per  int    `json:"per"`  // patents per enterprise at most; 0: the default
}

// pushSendResponse answers it: the list, what was sent and the notice.
type pushSendResponse struct {
	List httpx.SupplyListView `json:"list"`
	Per  int                  `json:"per"`
	*patentbridge.PushSent
	Summary string `json:"summary"` // "已发送给 3 家企业；2 家企业未在平台注册，未能送达"
}

// sendPush serves POST /api/v1/enterprises/push/send {"list":"2026年第1期","per":10}:
// the push list of the published list is computed as GET
// /api/v1/enterprises/push?list=…&per=… computes it, and each of its enterprises
// registered on the platform is sent one message (站内信) of its patents, once
// per list (patentbridge.PushService.SendPush).
func (s *Server) sendPush(w http.ResponseWriter, r *http.Request) {
	var b pushSendRequest
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	per := patentbridge.PushDefaultPerEnterprise
	if b.Per != 0 {
		var err error
		if per, err = patentbridge.ParsePushPerEnterprise(strconv.Itoa(b.Per)); err != nil {
			s.error(w, r, err)
			return
		}
	}
	l, pushes, err := httpx.PushSupplyList(r.Context(), s.Supply, s.EnterpriseRanker, s.Ref, b.List, per)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sent, err := s.Push.SendPush(r.Context(), l.ID, pushes)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, pushSendResponse{List: httpx.NewSupplyListView(l, s.Ref, false), Per: per, PushSent: sent, Summary: sent.Summary()})
}
