package web

import (
	"net/http"
	"net/url"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// auditView is the data of the audit log page.
type auditView struct {
	Entries []*patentbridge.AuditEntry
	Total   int
	Query   url.Values
	CSV     string
	Pager   httpx.Pager
}

// auditPage serves /admin/audit: who changed what, when, from where, with the
// values before and after (the admin all entries, a city user its city's).
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := httpx.AuditFilterFromQuery(q)
	if err == nil {
		f.Offset, err = httpx.PageOffset(q, f.Limit)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	es, total, err := s.AuditLog.ListAudit(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := auditView{Entries: es, Total: total, Query: q, Pager: httpx.NewPager("/admin/audit", q, total, f.Limit, f.Offset)}
	csv := url.Values{}
	for k, vs := range q {
		if k != "page" && k != "offset" {
			csv[k] = vs
		}
	}
	v.CSV = "/admin/audit.csv?" + csv.Encode()
	s.render(w, r, http.StatusOK, "audit", "操作日志", "audit", v)
}

// auditCSV serves /admin/audit.csv: the filtered entries (at most
// httpx.MaxAuditCSVRows, newest first) as a CSV download.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.AuditFilterFromQuery(r.URL.Query())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f.Limit, f.Offset = httpx.MaxAuditCSVRows, 0
	es, _, err := s.AuditLog.ListAudit(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	httpx.WriteAuditCSV(w, es)
}
