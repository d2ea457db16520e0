package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/chart"
	"patentbridge/internal/httpx"
	"patentbridge/internal/refdata"
)

// kpiRoutes are the pages of the performance evaluation (绩效评价): the
// officials' dashboard, each indicator, the records behind each figure, the
// report's download, and the admin's targets and publication.
func (s *Server) kpiRoutes() []httpx.Route {
	if s.KPIs == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /kpi", officials, s.kpiDashboard),
		httpx.NewRoute("GET /kpi/indicators/{id}", officials, s.kpiIndicator),
		httpx.NewRoute("GET /kpi/records", officials, s.kpiRecords),
		httpx.NewRoute("GET /kpi/report", officials, s.kpiReport),
		httpx.NewRoute("GET /kpi/targets", httpx.Admin, s.kpiTargets),
		httpx.NewRoute("POST /kpi/targets", httpx.Admin, limitForm(s.kpiSetTarget)),
		httpx.NewRoute("POST /kpi/publish", httpx.Admin, limitForm(s.kpiPublish)),
	}
}

// kpiCell is one figure as the pages show it, with the link to its records.
type kpiCell struct {
	patentbridge.KPIValue
	KPI    patentbridge.KPI
	Href   string // the records behind the figure
	Shown  string // the value with its unit's precision
	Target string // "增长 20%", "300", or "" without a target
}

// newKPICell dresses an area's value for the pages.
func newKPICell(k patentbridge.KPI, v patentbridge.KPIValue, year int, area string) kpiCell {
	c := kpiCell{KPIValue: v, KPI: k, Href: kpiRecordsHref(k.ID, year, area), Shown: v.Label(k)}
	if v.Target != nil {
		if k.TargetType == patentbridge.TargetGrowth {
			c.Target = "增长 " + strconv.FormatFloat(*v.Target, 'f', -1, 64) + "%"
		} else {
			c.Target = strconv.FormatFloat(*v.Target, 'f', -1, 64)
		}
	}
	return c
}

// MetLabel is 达标, 未达标 or "" (no target).
func (c kpiCell) MetLabel() string {
	switch {
	case c.Met == nil:
		return ""
	case *c.Met:
		return "达标"
	}
	return "未达标"
}

// kpiRecordsHref is the drill-down of a figure.
func kpiRecordsHref(id string, year int, area string) string {
	q := url.Values{"id": {id}, "year": {strconv.Itoa(year)}}
	if area != "" && area != "510000" {
		q.Set("city", area)
	}
	return "/kpi/records?" + q.Encode()
}

// kpiGroup is one indicator group's figures for an area.
type kpiGroup struct {
	Name  string
	Cells []kpiCell
}

// kpiCityRow is one 市(州) of the dashboard's table.
type kpiCityRow struct {
	Code, Name string
	Cells      []kpiCell
	Met, Goals int
}

// kpiDashboardView is the data of /kpi.
type kpiDashboardView struct {
	Year, PrevYear int
	Met, Goals     int
	Years          []int
	Report         *patentbridge.KPIReport
	Groups         []kpiGroup
	Trends         []chart.Columns
	Group          string   // the group the city table shows
	GroupNames     []string // every group, for the table's tabs
	Columns        []patentbridge.KPI
	Cities         []kpiCityRow
	Unassigned     kpiCityRow // the records of no known 市(州), counted in the province only
	Sort           string
	Desc           bool
	Admin          bool
	Published      *int64 // the ledger index just written, nil otherwise
}

// kpiYear reads ?year=, the current year by default. Returns EINVALID.
func (s *Server) kpiYear(q url.Values) (int, error) {
	if q.Get("year") == "" {
		return s.Now().In(beijing).Year(), nil
	}
	y, err := strconv.Atoi(q.Get("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, patentbridge.FieldErrorf("year", "年份应为 2000–2100 之间的整数")
	}
	return y, nil
}

// kpiYears reads ?year= and computes its report and the report of two years
// before (whose value and previous make the first half of a four-year trend).
func (s *Server) kpiYears(r *http.Request) (int, *patentbridge.KPIReport, *patentbridge.KPIReport, error) {
	year, err := s.kpiYear(r.URL.Query())
	if err != nil {
		return 0, nil, nil, err
	}
	rep, err := s.KPIs.KPIReport(r.Context(), year)
	if err != nil {
		return 0, nil, nil, err
	}
	earlier, err := s.KPIs.KPIReport(r.Context(), year-2)
	return year, rep, earlier, err
}

// kpiDashboard serves /kpi?year=Y&group=G&sort=ID&desc=1: the province's
// figures by group with the targets met, the trend of the growth indicators
// over four years, and the 21 市(州) sortable by any indicator of the group.
func (s *Server) kpiDashboard(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	year, rep, earlier, err := s.kpiYears(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	u := patentbridge.UserFrom(ctx)
	v := kpiDashboardView{Year: year, PrevYear: year - 1, Report: rep, GroupNames: patentbridge.KPIGroups, Sort: q.Get("sort"), Desc: q.Get("desc") == "1",
		Admin: u != nil && u.Role == patentbridge.RoleAdmin}
	if idx, err := strconv.ParseInt(q.Get("published"), 10, 64); err == nil && idx >= 0 {
		v.Published = &idx
	}
	for y := year - 4; y <= year+1; y++ {
		v.Years = append(v.Years, y)
	}
	for _, g := range patentbridge.KPIGroups {
		grp := kpiGroup{Name: g}
		for _, val := range rep.Province.Indicators {
			k, _ := patentbridge.FindKPI(val.ID)
			if k.Group != g {
				continue
			}
			c := newKPICell(k, val, year, "")
			grp.Cells = append(grp.Cells, c)
			if c.Met != nil {
				v.Goals++
				if *c.Met {
					v.Met++
				}
			}
			if k.TargetType == patentbridge.TargetGrowth {
				v.Trends = append(v.Trends, kpiTrend(k, year, rep.Province, earlier.Province))
			}
		}
		v.Groups = append(v.Groups, grp)
	}
	if v.Group = q.Get("group"); !slices.Contains(patentbridge.KPIGroups, v.Group) {
		v.Group = patentbridge.KPIGroupConversion
	}
	for _, k := range patentbridge.KPIs {
		if k.Group == v.Group {
			v.Columns = append(v.Columns, k)
		}
	}
	v.Cities = kpiCityRows(rep, v.Columns)
	sortCityRows(v.Cities, v.Sort, v.Desc)
	v.Unassigned = kpiAreaRow(rep.Unassigned, rep.Year, v.Columns)
	s.render(w, r, http.StatusOK, "kpi", strconv.Itoa(year)+" 年度绩效评价", "kpi", v)
}

// kpiTrend is an indicator's figures over four years, each column linking to its records.
func kpiTrend(k patentbridge.KPI, year int, now, earlier patentbridge.KPIArea) chart.Columns {
	c := chart.Columns{ID: "trend-" + k.ID, Title: k.Name + "（" + k.Unit + "）", Unit: k.Unit}
	a, _ := now.Find(k.ID)
	b, _ := earlier.Find(k.ID)
	for i, val := range []float64{b.Previous, b.Value, a.Previous, a.Value} {
		y := year - 3 + i
		c.Columns = append(c.Columns, chart.Bar{Label: strconv.Itoa(y), Value: val, Href: kpiRecordsHref(k.ID, y, "")})
	}
	return c
}

// kpiCityRows are the 市(州) rows of the columns' indicators.
func kpiCityRows(rep *patentbridge.KPIReport, cols []patentbridge.KPI) []kpiCityRow {
	rows := make([]kpiCityRow, 0, len(rep.Cities))
	for _, a := range rep.Cities {
		rows = append(rows, kpiAreaRow(a, rep.Year, cols))
	}
	return rows
}

// kpiAreaRow is an area's row of the columns' indicators.
func kpiAreaRow(a patentbridge.KPIArea, year int, cols []patentbridge.KPI) kpiCityRow {
	row := kpiCityRow{Code: a.Code, Name: a.Name}
	for _, k := range cols {
		val, _ := a.Find(k.ID)
		c := newKPICell(k, val, year, a.Code)
		row.Cells = append(row.Cells, c)
		if c.Met != nil {
			row.Goals++
			if *c.Met {
				row.Met++
			}
		}
	}
	return row
}

// sortCityRows orders the rows by an indicator's value (by code when by is
// not one of the row's indicators), descending when desc; ties by code.
func sortCityRows(rows []kpiCityRow, by string, desc bool) {
	slices.SortStableFunc(rows, func(a, b kpiCityRow) int {
		c := 0
		for i := range a.Cells {
			if a.Cells[i].ID == by {
				c = cmp.Compare(a.Cells[i].Value, b.Cells[i].Value)
			}
		}
		if by == "met" {
			c = cmp.Compare(a.Met, b.Met)
		}
		if desc {
			c = -c
		}
		return cmp.Or(c, strings.Compare(a.Code, b.Code))
	})
}

// SortHref is the link that sorts the city table by a column, flipping the
// order when it is already sorted by it.
func (v kpiDashboardView) SortHref(by string) string {
	q := url.Values{"year": {strconv.Itoa(v.Year)}, "group": {v.Group}, "sort": {by}}
	if v.Sort != by || !v.Desc {
		q.Set("desc", "1")
	}
	return "/kpi?" + q.Encode() + "#cities"
}

// GroupHref is the link to the city table of another group.
func (v kpiDashboardView) GroupHref(g string) string {
	return "/kpi?" + url.Values{"year": {strconv.Itoa(v.Year)}, "group": {g}}.Encode() + "#cities"
}

// kpiIndicatorView is the data of /kpi/indicators/{id}.
type kpiIndicatorView struct {
	Year     int
	KPI      patentbridge.KPI
	Province kpiCell
	Trend    chart.Columns
	ByCity   chart.Bars
	Cities   []kpiCityRow
}

// kpiIndicator serves /kpi/indicators/{id}?year=Y: the indicator's
// definition, its trend over four years, and its figure in each 市(州).
func (s *Server) kpiIndicator(w http.ResponseWriter, r *http.Request) {
	k, ok := patentbridge.FindKPI(r.PathValue("id"))
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "未知的指标 %q", patentbridge.ClipValue(r.PathValue("id"))))
		return
	}
	year, rep, earlier, err := s.kpiYears(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	val, _ := rep.Province.Find(k.ID)
	v := kpiIndicatorView{Year: year, KPI: k, Province: newKPICell(k, val, year, ""), Trend: kpiTrend(k, year, rep.Province, earlier.Province),
		ByCity: chart.Bars{ID: "by-city", Title: strconv.Itoa(year) + " 年各市（州）" + k.Name, Unit: k.Unit},
		Cities: kpiCityRows(rep, []patentbridge.KPI{k})}
	if k.TargetType == patentbridge.TargetAbsolute && val.Target != nil {
		v.Trend.Target, v.Trend.TargetLabel = *val.Target, "全省目标 "+strconv.FormatFloat(*val.Target, 'f', -1, 64)
	}
	sortCityRows(v.Cities, k.ID, true)
	for _, c := range v.Cities {
		v.ByCity.Bars = append(v.ByCity.Bars, chart.Bar{Label: c.Name, Value: c.Cells[0].Value, Href: c.Cells[0].Href})
	}
	s.render(w, r, http.StatusOK, "kpi_indicator", k.Name, "kpi", v)
}

// kpiRecordsView is the data of /kpi/records.
type kpiRecordsView struct {
	Year     int
	KPI      patentbridge.KPI
	Area     string // the area's name
	Figure   kpiCell
	Records  []kpiRecordRow
	Total    int
	Pager    httpx.Pager
	AmountOK bool // for a money figure: the records' amounts add up to it (this page's when one page)
}

// kpiRecordRow is one record behind a figure, with the page that shows it.
type kpiRecordRow struct {
	*patentbridge.KPIRecord
	KindLabel, CityName, Href, Amount string
}

// kpiRecordsPageSize is the number of records per page of /kpi/records.
const kpiRecordsPageSize = 50

// kpiRecords serves /kpi/records?id=&year=&city=&page=: the records behind
// one figure, whose count is the figure.
func (s *Server) kpiRecords(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	k, ok := patentbridge.FindKPI(q.Get("id"))
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "未知的指标 %q", patentbridge.ClipValue(q.Get("id"))))
		return
	}
	year, err := s.kpiYear(q)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	offset, err := httpx.PageOffset(q, kpiRecordsPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	city := q.Get("city")
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); c != "" {
		city = c + "00"
	}
	recs, total, err := s.KPIs.KPIRecords(ctx, patentbridge.KPIFilter{ID: k.ID, Year: year, City: city, Limit: kpiRecordsPageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	rep, err := s.KPIs.KPIReport(ctx, year)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	area := rep.Province
	for _, a := range append(rep.Cities, rep.Unassigned) {
		if city != "" && len(city) >= 4 && a.Code[:4] == city[:4] {
			area = a
		}
	}
	val, _ := area.Find(k.ID)
	v := kpiRecordsView{Year: year, KPI: k, Area: area.Name, Figure: newKPICell(k, val, year, area.Code), Total: total,
		Pager: httpx.NewPager("/kpi/records", q, total, kpiRecordsPageSize, offset)}
	names := refdata.Default()
	for _, rec := range recs {
		row := kpiRecordRow{KPIRecord: rec, KindLabel: patentbridge.KPIRecordKindLabel(rec.Kind), CityName: names.CityName(rec.City),
			Href: kpiRecordHref(rec), Amount: strconv.FormatInt(rec.Amount, 10)}
		if k.Money {
			row.Amount = strconv.FormatFloat(float64(rec.Amount)/1e6, 'f', 2, 64)
		}
		v.Records = append(v.Records, row)
	}
	s.render(w, r, http.StatusOK, "kpi_records", k.Name+"：明细", "kpi", v)
}

// kpiRecordHref is the page of a record behind a figure, "" when it has none.
func kpiRecordHref(r *patentbridge.KPIRecord) string {
	id := strconv.FormatInt(r.ID, 10)
	switch r.Kind {
	case "deal":
		return "/deals/" + id
	case "supply_list":
		return "/supply/" + id
	case "offer":
		return "/market/" + id
	case "pool":
		return "/pools/" + id
	case "demand":
		return "/demands/" + id
	case "event":
		return "/events/" + id
	case "case":
		return "/cases/" + id
	case "patent":
		no, _, _ := strings.Cut(r.Title, " ")
		return "/patents/" + url.PathEscape(no)
	case "organization":
		if r.ID > 0 {
			return "/organizations/" + id
		}
	}
	return ""
}

// MetClass is the figure's CSS class suffix: yes, no or none.
func (c kpiCell) MetClass() string {
	switch {
	case c.Met == nil:
		return "none"
	case *c.Met:
		return "yes"
	}
	return "no"
}
