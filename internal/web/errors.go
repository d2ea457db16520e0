package web

import (
	"net/http"
	"net/url"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Heading string
	Message string
}

var errorHeadings = map[int]string{
	http.StatusBadRequest:          "请求有误",
	http.StatusForbidden:           "没有权限",
	http.StatusNotFound:            "页面不存在",
	http.StatusConflict:            "数据冲突",
	http.StatusTooManyRequests:     "请求过于频繁",
	http.StatusInternalServerError: "服务器错误",
	http.StatusServiceUnavailable:  "服务暂不可用",
}

// errorPage answers err: anonymous visitors asked to sign in go to the login
// page (and come back after it); every other error gets the Chinese error page
// with the status of its code. Internal errors are logged, never shown.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.Status(err)
	if status == http.StatusUnauthorized {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	httpx.LogError(r, err, s.Logger)
	httpx.SetRetryAfter(w, err)
	v := errorView{Status: status, Heading: errorHeadings[status], Message: patentbridge.ErrorMessage(err)}
	if v.Heading == "" {
		v.Heading = "出错了"
	}
	s.render(w, r, status, "error", v.Heading, "", v)
}

// notFound serves the 404 page for every path no route takes.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "您访问的页面 %s 不存在。", r.URL.Path))
}
