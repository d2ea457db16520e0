package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// auditPage is the body of GET /api/v1/audit.
type auditPage struct {
	Total  int                        `json:"total"`
	Limit  int                        `json:"limit"`
	Offset int                        `json:"offset"`
	Items  []*patentbridge.AuditEntry `json:"items"`
}

// listAudit serves GET /api/v1/audit?actor=&object=&action=&from=&to=&limit=&offset=
// (admin: all entries; city: its city's), as JSON or, with format=csv, a CSV
// download of up to httpx.MaxAuditCSVRows entries from offset.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.AuditFilterFromQuery(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	csv := r.URL.Query().Get("format") == "csv"
	if csv {
		f.Limit = httpx.MaxAuditCSVRows
	}
	es, total, err := s.AuditLog.ListAudit(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if csv {
		httpx.WriteAuditCSV(w, es)
		return
	}
	httpx.JSON(w, http.StatusOK, auditPage{Total: total, Limit: f.Limit, Offset: f.Offset, Items: es})
}
