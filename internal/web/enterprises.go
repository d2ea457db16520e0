package web

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
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
	Error       string
	File        string
	Summary     *patentbridge.ImportSummary
	RejectsURL  template.URL // data: URL of the rejects CSV
	Enterprises []*patentbridge.Enterprise
	Total       int
	Park, Q     string
	Prev, Next  string
	CanImport   bool
	CanPush     bool
}

// enterprisePage serves /admin/enterprises: the registry filtered by park and keyword.
func (s *Server) enterprisePage(w http.ResponseWriter, r *http.Request) {
	s.renderEnterprises(w, r, http.StatusOK, enterprisesView{})
}

func (s *Server) renderEnterprises(w http.ResponseWriter, r *http.Request, status int, v enterprisesView) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	offset = max(0, offset)
	v.Park, v.Q = strings.TrimSpace(q.Get("park")), strings.TrimSpace(q.Get("q"))
	v.CanImport, v.CanPush = s.ImportEnterprises != nil, s.EnterpriseRanker != nil
	es, total, err := s.Enterprises.ListEnterprises(r.Context(), patentbridge.EnterpriseFilter{Park: v.Park, Query: v.Q,
		Limit: enterprisePageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Enterprises, v.Total = es, total
	page := func(off int) string {
		p := url.Values{"park": {v.Park}, "q": {v.Q}, "offset": {strconv.Itoa(off)}}
		return "/admin/enterprises?" + p.Encode()
	}
	if offset > 0 {
		v.Prev = page(max(0, offset-enterprisePageSize))
	}
	if offset+enterprisePageSize < total {
		v.Next = page(offset + enterprisePageSize)
	}
	s.render(w, r, status, "enterprises", "企业名录", "enterprises", v)
}

// enterpriseImport serves POST /admin/enterprises: the uploaded registry is
// imported inline; the page shows the counts and offers the rejects as CSV.
func (s *Server) enterpriseImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name, path, err := httpx.SaveUpload(w, r, maxEnterpriseUpload, s.UploadDir)
	if err != nil {
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			s.errorPage(w, r, err)
			return
		}
		s.renderEnterprises(w, r, http.StatusBadRequest, enterprisesView{Error: patentbridge.ErrorMessage(err) +
			"（网页导入限 8 MB，更大的名录请用命令 patentbridge import --kind enterprises 文件）"})
		return
	}
	defer os.Remove(path)
	// The importer names rejects by file: give it the operator's file name.
	dir, err := os.MkdirTemp(s.UploadDir, "pb-enterprises-*")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	named := filepath.Join(dir, name)
	if err := os.Rename(path, named); err != nil {
		s.errorPage(w, r, err)
		return
	}
	path = named
	var rejects bytes.Buffer
	sum, err := s.ImportEnterprises(ctx, path, &rejects)
	if err != nil {
		if code := patentbridge.ErrorCode(err); code != patentbridge.EINVALID && code != patentbridge.ENOTFOUND {
			s.errorPage(w, r, err)
			return
		}
		s.renderEnterprises(w, r, http.StatusBadRequest, enterprisesView{File: name, Error: patentbridge.ErrorMessage(err)})
		return
	}
	v := enterprisesView{File: name, Summary: &sum}
	if sum.Rejected > 0 {
		// The BOM lets Excel open the UTF-8 report with the Chinese intact.
		v.RejectsURL = template.URL("data:text/csv;charset=utf-8;base64," +
			base64.StdEncoding.EncodeToString(append([]byte("\ufeff"), rejects.Bytes()...)))
	}
	s.renderEnterprises(w, r, http.StatusOK, v)
}
