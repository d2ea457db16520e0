package api

import (
	"errors"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// patentList is the page returned by GET /api/v1/patents.
type patentList struct {
	Total  int                `json:"total"`
	Limit  int                `json:"limit"`
	Offset int                `json:"offset"`
	Items  []httpx.PatentView `json:"items"`
}

// listPatents serves GET /api/v1/patents with the filters of httpx.ParsePatentFilter.
func (s *Server) listPatents(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ParsePatentFilter(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	ps, total, err := s.Patents.ListPatents(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := patentList{Total: total, Limit: f.Limit, Offset: f.Offset, Items: make([]httpx.PatentView, 0, len(ps))}
	for _, p := range ps {
		out.Items = append(out.Items, httpx.NewPatentView(p, s.Ref))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// getPatent serves GET /api/v1/patents/{app_no}, accepting any usual form of the
// application number.
func (s *Server) getPatent(w http.ResponseWriter, r *http.Request) {
	appNo, _, err := patentbridge.NormalizeAppNo(r.PathValue("app_no"))
	if err != nil {
		s.error(w, r, patentbridge.FieldErrorf("app_no", "%s", patentbridge.ErrorMessage(err)))
		return
	}
	p, err := s.Patents.FindPatent(r.Context(), appNo)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := patentDetail{PatentView: httpx.NewPatentDetail(p, s.Ref)}
	if s.Screening != nil {
		res, err := s.Screening.FindScreeningResult(r.Context(), 0, p.AppNo)
		if err == nil {
			out.Screening = httpx.NewScreeningView(res, p, s.Ref)
		} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			s.error(w, r, err)
			return
		}
	}
	httpx.JSON(w, http.StatusOK, out)
}

// patentDetail is the body of GET /api/v1/patents/{app_no}: the patent and its
// result in the latest finished screening (null when not screened).
type patentDetail struct {
	httpx.PatentView
	Screening *httpx.ScreeningView `json:"screening"`
}

// getIPC serves GET /api/v1/ipc/{code...}: the code's title hierarchy and industries.
func (s *Server) getIPC(w http.ResponseWriter, r *http.Request) {
	if s.Ref == nil {
		s.error(w, r, errors.New("api: reference data not configured"))
		return
	}
	info, err := s.Ref.IPC(r.PathValue("code"))
	if err != nil {
		if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
			err = patentbridge.FieldErrorf("code", "%s", patentbridge.ErrorMessage(err))
		}
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, info)
}
