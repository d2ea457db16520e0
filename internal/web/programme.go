package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
	"patentbridge/internal/ingest"
)

// programmePageSize is the number of programme records (events, cases, pilot
// bases, the 科创板 pipeline) per list page.
const programmePageSize = 50

// maxProgrammeUpload caps an event or case file imported from the browser.
const maxProgrammeUpload = 8 << 20

// programmeRoutes are the pages of the programme's records: matching events
// (对接活动), typical cases (典型案例, public once published), pilot bases
// (中试熟化基地) and the 科创板 pipeline; each is left out when its service is nil.
func (s *Server) programmeRoutes() []httpx.Route {
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	var rs []httpx.Route
	if s.Events != nil {
		rs = append(rs,
			httpx.NewRoute("GET /events", officials, s.eventList),
			httpx.NewRoute("GET /events/new", officials, s.eventNew),
			httpx.NewRoute("POST /events/new", officials, limitForm(s.eventCreate)),
			httpx.NewRoute("GET /events/{id}", officials, s.eventDetail),
			httpx.NewRoute("POST /events/{id}/projects", officials, limitForm(s.eventAddProject)),
			httpx.NewRoute("POST /events/{id}/deals", officials, limitForm(s.eventLinkDeal)),
			httpx.NewRoute("POST /events/{id}/deals/{deal}/unlink", officials, limitForm(s.eventUnlinkDeal)))
		if s.ImportEvents != nil {
			rs = append(rs, httpx.NewRoute("POST /events/import", officials, s.eventImport),
				httpx.NewRoute("GET /events/template.xlsx", officials, eventTemplate.xlsx(s)),
				httpx.NewRoute("GET /events/template.csv", officials, eventTemplate.csv(s)))
		}
	}
	if s.Cases != nil {
		rs = append(rs,
			httpx.NewRoute("GET /cases", httpx.Anyone, s.caseList),
			httpx.NewRoute("GET /cases/new", officials, s.caseNew),
			httpx.NewRoute("POST /cases/new", officials, limitForm(s.caseCreate)),
			httpx.NewRoute("GET /cases/{id}", httpx.Anyone, s.caseDetail))
		if s.ImportCases != nil {
			rs = append(rs, httpx.NewRoute("POST /cases/import", officials, s.caseImport),
				httpx.NewRoute("GET /cases/template.xlsx", officials, caseTemplate.xlsx(s)),
				httpx.NewRoute("GET /cases/template.csv", officials, caseTemplate.csv(s)))
		}
	}
	if s.PilotBases != nil {
		rs = append(rs,
			httpx.NewRoute("GET /pilot-bases", officials, s.pilotBaseList),
			httpx.NewRoute("POST /pilot-bases", officials, limitForm(s.pilotBaseCreate)))
		rs = append(rs, importRoutes("/pilot-bases", s.ImportPilotBases, s.pilotBaseImport, pilotBaseTemplate, s, officials)...)
	}
	if s.Listings != nil {
		rs = append(rs,
			httpx.NewRoute("GET /listings", officials, s.listingList),
			httpx.NewRoute("POST /listings", officials, limitForm(s.listingCreate)),
			httpx.NewRoute("POST /listings/{id}/advance", officials, limitForm(s.listingAdvance)))
		rs = append(rs, importRoutes("/listings", s.ImportListings, s.listingImport, listingTemplate, s, officials)...)
	}
	return rs
}

// programmeFilter reads a list page's 年份 (year), 市州 (city) and kind
// filters and its page; a city user's list is its city's when it asks for
// none (listCity). Returns EINVALID naming the filter.
func (s *Server) programmeFilter(r *http.Request, kind string) (patentbridge.ProgrammeFilter, error) {
	q := r.URL.Query()
	f := patentbridge.ProgrammeFilter{Kind: kind, Limit: programmePageSize}
	var err error
	if f.City, err = patentbridge.ParseCityFilter(q.Get("city")); err != nil {
		return f, err
	}
	if f.Year, err = patentbridge.ParseRecordYear("年份", q.Get("year")); err != nil {
		return f, err
	}
	f.City, _ = s.listCity(r, f.City)
	f.Offset, err = httpx.PageOffset(q, programmePageSize)
	return f, err
}

// filterValues are a filter's query, for the pager's links.
func filterValues(f patentbridge.ProgrammeFilter, kindParam string) url.Values {
	q := url.Values{"city": {f.City}}
	if f.Year != 0 {
		q.Set("year", strconv.Itoa(f.Year))
	}
	if kindParam != "" {
		q.Set(kindParam, f.Kind)
	}
	return q
}

// programmeYears are the years a list's 年份 filter offers: this year and the four before.
func (s *Server) programmeYears(selected int) []option {
	this := s.Now().In(beijing).Year()
	var out []option
	for y := this; y > this-5; y-- {
		out = append(out, option{strconv.Itoa(y), strconv.Itoa(y) + " 年", y == selected})
	}
	return out
}

// formError is a form's failure as its page shows it: the Chinese message and
// the template column it names.
type formError struct {
	Error, Field string
}

// programmeTab is one tab of the officials' programme pages (对接活动,
// 中试熟化基地, 科创板培育), which share one navigation entry.
type programmeTab struct {
	Href, Label string
	Active      bool
}

// programmeTabs are the tabs of the programme pages whose service is configured, active the one at href.
func (s *Server) programmeTabs(href string) []programmeTab {
	var out []programmeTab
	for _, t := range []struct {
		href, label string
		on          bool
	}{{"/events", "对接活动", s.Events != nil}, {"/pilot-bases", "中试熟化基地", s.PilotBases != nil}, {"/listings", "科创板培育", s.Listings != nil}} {
		if t.on {
			out = append(out, programmeTab{t.href, t.label, t.href == href})
		}
	}
	return out
}

// formRefusal reports whether the service refused a form's record for what
// was typed (bad input, a record already stored, a deal or organization not
// found, another city's record) so that the form comes back with the message
// and the values typed, rather than the error page.
func formRefusal(err error) bool {
	switch patentbridge.ErrorCode(err) {
	case patentbridge.EINVALID, patentbridge.ECONFLICT, patentbridge.ENOTFOUND, patentbridge.EFORBIDDEN:
		return true
	}
	return false
}

// uploadForm is a list page's bulk upload: where it posts, the inline
// import's result and where to download the record kind's template.
type uploadForm struct {
	importResult
	Action       string // "" hides the upload
	TemplateHref string // the XLSX is TemplateHref+".xlsx", the CSV TemplateHref+".csv"
	Columns      string // the columns the importer reads, for the page's hint
}

// formDay reads a required date field of a form. Returns EINVALID naming the column.
func formDay(field, s string) (d time.Time, err error) {
	if strings.TrimSpace(s) == "" {
		return d, patentbridge.FieldErrorf(field, "请填写%s", field)
	}
	return formDate(field, s)
}

// recordTemplate is a record kind's bulk-upload template, written from its
// importer's columns by the generic template writers (export).
type recordTemplate struct {
	columns []ingest.TemplateColumn
	sheet   string // the XLSX's sheet
	ascii   string // the file's name without its extension, for old browsers
	name    string // the file's Chinese name without its extension
}

// dealTemplate, eventTemplate and caseTemplate are the templates of the deal, event and case files.
var (
	dealTemplate  = recordTemplate{ingest.DealColumns, "转移转化", "deals-template", "转移转化（交易）记录导入模板"}
	eventTemplate = recordTemplate{ingest.EventColumns, "对接活动", "events-template", "对接活动登记导入模板"}
	caseTemplate  = recordTemplate{ingest.CaseColumns, "典型案例", "cases-template", "典型案例导入模板"}
)

// xlsx serves the template as a workbook: the header row and a sheet of instructions.
func (t recordTemplate) xlsx(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		header, example, required, synonyms := ingest.TemplateRows(t.columns)
		var buf bytes.Buffer
		if err := export.WriteTemplateXLSX(&buf, t.sheet, header, example, required, synonyms, s.Now()); err != nil {
			s.errorPage(w, r, err)
			return
		}
		sendWorkbook(w, t.ascii+".xlsx", t.name+".xlsx", buf.Bytes())
	}
}

// csv serves the template as CSV: its header row.
func (t recordTemplate) csv(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		header, _, _, _ := ingest.TemplateRows(t.columns)
		var buf bytes.Buffer
		if err := export.WriteTemplateCSV(&buf, header); err != nil {
			s.errorPage(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"%s.csv\"; filename*=UTF-8''%s", t.ascii, url.PathEscape(t.name+".csv")))
		w.Write(buf.Bytes())
	}
}
