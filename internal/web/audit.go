package web

import (
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// auditView is the data of the audit log page.
type auditView struct {
	Entries    []*patentbridge.AuditEntry
	Total      int
	Query      url.Values
	CSV        string
	Prev, Next string
}

// auditPage serves /admin/audit: who changed what, when, from where, with the
// values before and after (the admin all entries, a city user its city's).
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := httpx.AuditFilterFromQuery(q)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	es, total, err := s.AuditLog.ListAudit(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := auditView{Entries: es, Total: total, Query: q}
	page := func(off int) string {
		c := url.Values{}
		for k, vs := range q {
			c[k] = vs
		}
		c.Set("offset", strconv.Itoa(off))
		return "/admin/audit?" + c.Encode()
	}
	if f.Offset > 0 {
		v.Prev = page(max(0, f.Offset-f.Limit))
	}
	if f.Offset+f.Limit < total {
		v.Next = page(f.Offset + f.Limit)
	}
	v.CSV = "/admin/audit.csv?" + q.Encode()
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
