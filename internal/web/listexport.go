package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// MaxPageExportRows caps the rows of a list exported from its page (the
// sleeping-patent database, search results); a larger result is cut, and the
// page and the file say so. The full database exports with `patentbridge export`.
const MaxPageExportRows = 5000

// exportURL is the address of a list's export with the page's filters (its
// page and offset left out: the export starts from the first row).
func exportURL(path string, q url.Values) string {
	c := url.Values{}
	for k, vs := range q {
		if k == "page" || k == "offset" || k == "limit" || len(vs) == 0 || (len(vs) == 1 && strings.TrimSpace(vs[0]) == "") {
			continue
		}
		c[k] = vs
	}
	if len(c) == 0 {
		return path
	}
	return path + "?" + c.Encode()
}

// exportNote tells, beside an export link, that the export is cut to its cap.
func exportNote(total int) string {
	if total <= MaxPageExportRows {
		return ""
	}
	return fmt.Sprintf("结果共 %s 件，导出文件只含前 %s 件", formatInt(total), formatInt(MaxPageExportRows))
}

// sleepingXLSX serves /sleeping.xlsx: the sleeping patents of the page's
// filters (at most MaxPageExportRows, in the page's order) as a workbook.
func (s *Server) sleepingXLSX(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ParseSleepingFilter(withoutOffset(sleepingQuery(r.URL.Query())))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	var buf bytes.Buffer
	x, err := export.NewSleepingXLSX(&buf, s.Ref, s.Now())
	if err == nil {
		_, _, err = export.WriteSleepingUpTo(r.Context(), s.Sleeping, f, x, MaxPageExportRows)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	name := "沉睡专利"
	if f.Excluded {
		name = "沉睡专利-已排除"
	}
	s.sendXLSX(w, "sleeping", name, &buf)
}

// searchXLSX serves /search.xlsx: the hits of the page's query and filters, in
// the page's order (at most MaxPageExportRows), as a workbook whose first line
// states the query.
func (s *Server) searchXLSX(w http.ResponseWriter, r *http.Request) {
	q, err := httpx.ParseSearchQuery(withoutOffset(r.URL.Query()))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	q.Filter.Limit, q.Filter.Offset = MaxPageExportRows, 0
	res, err := s.Search.Search(r.Context(), q)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	note := "全文检索结果：" + s.searchConditions(q)
	var buf bytes.Buffer
	x, err := export.NewPatentsXLSX(&buf, "检索结果", note, s.Ref, s.Now())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	n := 0
	for _, h := range res.Hits {
		if h.Patent == nil {
			continue
		}
		if err = x.Write(h.Patent, h.Grade); err != nil {
			break
		}
		n++
	}
	if err == nil && res.Total > n {
		err = x.Note(export.CapNote(res.Total, n))
	}
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.sendXLSX(w, "search", "全文检索结果", &buf)
}

// sendXLSX answers with a workbook download named name plus today's date.
func (s *Server) sendXLSX(w http.ResponseWriter, ascii, name string, buf *bytes.Buffer) {
	day := s.Now().Format("20060102")
	sendWorkbook(w, ascii+"-"+day+".xlsx", name+"-"+day+".xlsx", buf.Bytes())
}

// sendWorkbook answers with a workbook download: ascii is the file name for
// old browsers, name the Chinese one (RFC 6266 filename*).
func sendWorkbook(w http.ResponseWriter, ascii, name string, b []byte) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, url.PathEscape(name)))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// exportLink is what a list page shows to export its rows.
type exportLink struct {
	URL, Note string
}

// newExportLink is the export of a list of total rows at path with the filters q.
func newExportLink(path string, q url.Values, total int) *exportLink {
	if total == 0 {
		return nil
	}
	return &exportLink{URL: exportURL(path, q), Note: exportNote(total)}
}

// searchConditions states a search's text, filters and order in Chinese.
func (s *Server) searchConditions(q patentbridge.SearchQuery) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+"："+v)
		}
	}
	f := q.Filter
	add("检索词", q.Text)
	if f.Kind != "" {
		add("专利类型", f.Kind.Label())
	}
	if f.OwnerType != "" {
		add("权利人类型", f.OwnerType.Label())
	}
	add("权利人", f.Owner)
	if f.City != "" && s.Ref != nil {
		add("城市", s.Ref.CityName(f.City))
	}
	add("IPC前缀", f.IPCPrefix)
	if f.Status != "" {
		add("法律状态", f.Status.Label())
	}
	add("分级", q.Grade)
	add("产业", q.Industry)
	if f.GrantYearFrom > 0 {
		add("授权年份（起）", strconv.Itoa(f.GrantYearFrom))
	}
	if f.GrantYearTo > 0 {
		add("授权年份（止）", strconv.Itoa(f.GrantYearTo))
	}
	for _, o := range patentbridge.SearchSorts {
		if o.Value == q.Sort {
			add("排序", o.Label)
		}
	}
	return strings.Join(parts, "；")
}
