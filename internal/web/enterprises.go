package web

import (
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// maxEnterpriseUpload caps a registry imported from the browser; larger
// registries go through `patentbridge import --kind enterprises`.
const maxEnterpriseUpload = 8 << 20

// enterprisePageSize is the number of enterprises per list page.
const enterprisePageSize = 50

// enterprisesView is the data of the registry page.
type enterprisesView struct {
	importResult
	Enterprises []*patentbridge.Enterprise
	Total       int
	Park, Q     string
	Pager       httpx.Pager
	CanImport   bool
	CanPush     bool
}

// enterprisePage serves /admin/enterprises: the registry filtered by park and keyword.
func (s *Server) enterprisePage(w http.ResponseWriter, r *http.Request) {
	s.renderEnterprises(w, r, http.StatusOK, enterprisesView{})
}

func (s *Server) renderEnterprises(w http.ResponseWriter, r *http.Request, status int, v enterprisesView) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, enterprisePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Park, v.Q = strings.TrimSpace(q.Get("park")), strings.TrimSpace(q.Get("q"))
	v.CanImport, v.CanPush = s.ImportEnterprises != nil, s.EnterpriseRanker != nil
	es, total, err := s.Enterprises.ListEnterprises(r.Context(), patentbridge.EnterpriseFilter{Park: v.Park, Query: v.Q,
		Limit: enterprisePageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Enterprises, v.Total = es, total
	v.Pager = httpx.NewPager("/admin/enterprises", url.Values{"park": {v.Park}, "q": {v.Q}}, total, enterprisePageSize, offset)
	s.render(w, r, status, "enterprises", "企业名录", "enterprises", v)
}

// enterpriseImport serves POST /admin/enterprises: the uploaded registry is
// imported inline; the page shows the counts and offers the rejects as CSV.
func (s *Server) enterpriseImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxEnterpriseUpload,
		"（网页导入限 8 MB，更大的名录请用命令 patentbridge import --kind enterprises 文件）", s.ImportEnterprises)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderEnterprises(w, r, status, enterprisesView{importResult: res})
}
