package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
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
			rs = append(rs, httpx.NewRoute("POST /events/import", officials, s.eventImport))
		}
	}
	if s.Cases != nil {
		rs = append(rs,
			httpx.NewRoute("GET /cases", httpx.Anyone, s.caseList),
			httpx.NewRoute("GET /cases/new", officials, s.caseNew),
			httpx.NewRoute("POST /cases/new", officials, limitForm(s.caseCreate)),
			httpx.NewRoute("GET /cases/{id}", httpx.Anyone, s.caseDetail))
		if s.ImportCases != nil {
			rs = append(rs, httpx.NewRoute("POST /cases/import", officials, s.caseImport))
		}
	}
	if s.PilotBases != nil {
		rs = append(rs,
			httpx.NewRoute("GET /pilot-bases", officials, s.pilotBaseList),
			httpx.NewRoute("POST /pilot-bases", officials, limitForm(s.pilotBaseCreate)))
	}
	if s.Listings != nil {
		rs = append(rs,
			httpx.NewRoute("GET /listings", officials, s.listingList),
			httpx.NewRoute("POST /listings", officials, limitForm(s.listingCreate)),
			httpx.NewRoute("POST /listings/{id}/advance", officials, limitForm(s.listingAdvance)))
	}
	return rs
}

// programmeFilter reads a list page's 年份 (year), 市州 (city) and kind
// filters and its page; a city user's list is its city's whatever it asks.
// Returns EINVALID naming the filter.
func (s *Server) programmeFilter(r *http.Request, kind string) (patentbridge.ProgrammeFilter, error) {
	q := r.URL.Query()
	f := patentbridge.ProgrammeFilter{City: strings.TrimSpace(q.Get("city")), Kind: kind, Limit: programmePageSize}
	if y := strings.TrimSpace(q.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			return f, patentbridge.FieldErrorf("年份", "年份应为 2000–2100 之间的整数")
		}
		f.Year = n
	}
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())); c != "" {
		f.City = c
	}
	var err error
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

// cityName is the display name of a 4-digit 市(州) code, the code itself when unknown.
func (s *Server) cityName(code string) string {
	if s.Ref != nil {
		if n := s.Ref.CityName(code); n != "" {
			return n
		}
	}
	return code
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

// uploadForm is a list page's bulk upload: where it posts, the inline import's
// result and, once the record kind has a downloadable template, where to get
// it (TemplateHref is left "" until the generic template writer of the deal
// pages is in: the event and case pages then serve ingest.EventTemplateRows
// and ingest.CaseTemplateRows through it).
type uploadForm struct {
	importResult
	Action       string // "" hides the upload
	TemplateHref string // "" hides the template links; the XLSX is TemplateHref+".xlsx", the CSV +".csv"
	Columns      string // the columns the importer reads, for the page's hint
}

// formDay reads a required date field of a form. Returns EINVALID naming the column.
func formDay(field, s string) (d time.Time, err error) {
	if strings.TrimSpace(s) == "" {
		return d, patentbridge.FieldErrorf(field, "请填写%s", field)
	}
	return formDate(field, s)
}
