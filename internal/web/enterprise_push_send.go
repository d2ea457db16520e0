package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// offerSend fills the sending part of a list's push page for those who may
// manage the list: the form when there is someone to send to (any), when the
// list was last sent, and with justSent the notice of that sending.
func (s *Server) offerSend(r *http.Request, v *pushView, any, justSent bool) {
	if s.Push == nil || !v.manages {
		return
	}
	v.CanSend = any
	last, err := s.Push.LastPushSent(r.Context(), v.ListID)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return // never sent
	} else if err != nil {
		httpx.LogError(r, err, s.Logger)
		return
	}
	v.LastSent = last.At.In(beijing).Format("2006-01-02 15:04") + "，" + last.Summary()
	if justSent {
		v.Notice = last.Summary() + "。"
	}
}

// enterprisePushSend serves POST /admin/enterprises/push/send with list, per
// and park as the push page was asked: it recomputes that push list on the
// server (never trusting posted patents), sends each enterprise shown its
// message (patentbridge.PushService.SendPush) and goes back to the page, which
// tells what was sent.
func (s *Server) enterprisePushSend(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	f := r.PostForm
	list, park := strings.TrimSpace(f.Get("list")), strings.TrimSpace(f.Get("park"))
	if utf8.RuneCountInString(park) > 100 {
		s.errorPage(w, r, patentbridge.FieldErrorf("park", "园区名称不能超过100个字"))
		return
	}
	per, err := patentbridge.ParsePushPerEnterprise(f.Get("per"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := pushView{List: list, Per: per, Park: park}
	pushes, err := s.pushForList(r, &v)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	shown := filterPark(pushes, park, &v.Parks)
	if _, err := s.Push.SendPush(r.Context(), v.ListID, shown); err != nil {
		s.errorPage(w, r, err)
		return
	}
	q := url.Values{"list": {list}, "per": {strconv.Itoa(per)}, "done": {"sent"}}
	if park != "" {
		q.Set("park", park)
	}
	http.Redirect(w, r, "/admin/enterprises/push?"+q.Encode(), http.StatusSeeOther)
}
