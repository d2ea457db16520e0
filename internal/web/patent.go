package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// patentDetail serves one patent's page; the application number may be in any
// usual form, and a wrong check character is explained on a 400 page.
func (s *Server) patentDetail(w http.ResponseWriter, r *http.Request) {
	appNo, _, err := patentbridge.NormalizeAppNo(r.PathValue("app_no"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	p, err := s.Patents.FindPatent(r.Context(), appNo)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := httpx.NewPatentDetail(p, s.Ref)
	s.render(w, r, http.StatusOK, "patent", p.Title, "patents", v)
}
