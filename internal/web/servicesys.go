package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/ingest"
)

// servicePageSize is the number of rows per page of the 服务体系 lists.
const servicePageSize = 50

// maxServiceUpload caps a filing, commissioner or service file uploaded from
// the browser; larger files go through `patentbridge import`.
const maxServiceUpload = 8 << 20

// serviceNav is the 服务体系 section's own links, shown atop each of its pages.
type serviceNav struct {
	Key, Label, Href string
}

// serviceTabs are the pages of the 服务体系 section, in the order shown.
var serviceTabs = []serviceNav{
	{"filings", "专利产品备案", "/filings"},
	{"commissioners", "知识产权专员", "/commissioners"},
	{"services", "专员服务记录", "/service-records"},
	{"outlets", "服务机构与网点", "/service-outlets"},
	{"managers", "技术经理人", "/tech-managers"},
}

// serviceSection is embedded in every 服务体系 page's data: its tabs with the
// current one marked.
type serviceSection struct {
	Tab  string
	Tabs []serviceNav
}

// section returns the section data with tab current.
func section(tab string) serviceSection { return serviceSection{Tab: tab, Tabs: serviceTabs} }

// yearFilter reads a list's 年份 filter ("" is none; patentbridge.ParseRecordYear).
func yearFilter(v string) (int, error) { return patentbridge.ParseRecordYear("year", v) }

// listCity is the 市(州) a list filters by: the query's, a city user's own
// when it asks for none (the store refuses another city's); own is the city
// user's city by name ("" for the admin).
func (s *Server) listCity(r *http.Request, asked string) (city, own string) {
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())); c != "" {
		if asked == "" {
			asked = c
		}
		return asked, s.cityName(c)
	}
	return asked, ""
}

// cityFilter reads a list page's 市(州) filter by
// patentbridge.ParseCityFilter and narrows it as listCity does. Returns
// EINVALID naming "city" for a malformed code.
func (s *Server) cityFilter(r *http.Request, asked string) (city, own string, err error) {
	if asked, err = patentbridge.ParseCityFilter(asked); err != nil {
		return "", "", err
	}
	city, own = s.listCity(r, asked)
	return city, own, nil
}

// cityOptions lists the province's 市(州) with selected marked.
func (s *Server) cityOptions(selected string) []option {
	var out []option
	if s.Ref != nil {
		for _, c := range s.Ref.Cities(patentbridge.DemandProvinceCode) {
			out = append(out, option{Value: c.CityCode, Label: c.Name, Selected: c.CityCode == selected})
		}
	}
	return out
}

// recordID reads the {id} of a path, or answers ENOTFOUND naming what.
func recordID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到%s %s", what, patentbridge.ClipValue(r.PathValue("id")))
	}
	return id, nil
}

// formValues trims the named form fields into their destinations.
func formValues(r *http.Request, fields map[string]*string) {
	for name, dst := range fields {
		*dst = strings.TrimSpace(r.PostFormValue(name))
	}
}

// recordDate reads a form date, "" being the zero time; a bad one is EINVALID
// naming the template column col.
func recordDate(col, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := patentbridge.ParseDate(v)
	if err != nil {
		return time.Time{}, patentbridge.FieldErrorf(col, "%s无法识别，请用 YYYY-MM-DD", col)
	}
	return d, nil
}

// filingTemplate, commissionerTemplate and serviceTemplate are the templates
// of the filing, commissioner and service files.
var (
	filingTemplate       = recordTemplate{ingest.FilingColumns, "专利产品备案", "filings-template", "专利产品备案导入模板"}
	commissionerTemplate = recordTemplate{ingest.CommissionerColumns, "知识产权专员", "commissioners-template", "知识产权专员名册导入模板"}
	serviceTemplate      = recordTemplate{ingest.ServiceColumns, "专员服务记录", "services-template", "专员服务记录导入模板"}
)
