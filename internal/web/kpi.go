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
	KPI   patentbridge.KPI
	Href  string // the records behind the figure
	Shown string // the value with its unit's precision
	// ShownPrevious is the previous year's value so.
	ShownPrevious string
	Target        string // "增长 20%", "300", or "" without a target
}

// newKPICell dresses an area's value for the pages.
func newKPICell(k patentbridge.KPI, v patentbridge.KPIValue, year int, area string) kpiCell {
	c := kpiCell{KPIValue: v, KPI: k, Href: kpiRecordsHref(k.ID, year, area), Shown: v.Label(k), ShownPrevious: v.PreviousLabel(k)}
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
	// CityOnly says the user is a city official: the province's figures are
	// shown without their drill-down (ProvinceOnlyNote), its city's keep theirs.
	CityOnly  bool
	Published *int64 // the ledger index just written, nil otherwise
}

// provinceOnlyNote is why a city official's province figures link nowhere.
const provinceOnlyNote = "省级明细仅省级管理员可查看"

// ProvinceOnlyNote is why a city official's province figures link nowhere.
func (kpiDashboardView) ProvinceOnlyNote() string { return provinceOnlyNote }

// ProvinceOnlyNote is why a city official's province figure links nowhere.
func (kpiIndicatorView) ProvinceOnlyNote() string { return provinceOnlyNote }

// provinceLinked reports whether the user may open the records behind the
// province's figures: a city official reads its own city's records only, so
// that every figure it can click opens exactly the records that make it.
func provinceLinked(u *patentbridge.User) bool { return patentbridge.ScopeCity(u) == "" }

// unlinkProvince drops the drill-down of the province's figures and trend
// columns for a user who may not open them.
func unlinkProvince(u *patentbridge.User, cells []kpiCell, trends []chart.Columns) {
	if provinceLinked(u) {
		return
	}
	for i := range cells {
		cells[i].Href = ""
	}
	for _, t := range trends {
		for i := range t.Columns {
			t.Columns[i].Href = ""
		}
	}
}

// kpiYear reads ?year=, the current year by default. Returns EINVALID.
func (s *Server) kpiYear(q url.Values) (int, error) {
	if q.Get("year") == "" {
		return s.Now().In(beijing).Year(), nil
	}
	return patentbridge.ParseKPIYear("year", q.Get("year"))
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
	if year-2 < patentbridge.KPIFirstYear { // no record is dated before the floor: those years are zero
		return year, rep, &patentbridge.KPIReport{Year: year - 2}, nil
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
		Admin: u != nil && u.Role == patentbridge.RoleAdmin, CityOnly: !provinceLinked(u)}
	if idx, err := strconv.ParseInt(q.Get("published"), 10, 64); err == nil && idx >= 0 {
		v.Published = &idx
	}
	for y := year - 4; y <= max(year, s.Now().In(beijing).Year()); y++ {
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
		unlinkProvince(u, grp.Cells, nil)
		v.Groups = append(v.Groups, grp)
	}
	unlinkProvince(u, nil, v.Trends)
	if v.Group = q.Get("group"); !slices.Contains(patentbridge.KPIGroups, v.Group) {
		v.Group = patentbridge.KPIGroupConversion
	}
	for _, k := range patentbridge.KPIs {
		if k.Group == v.Group {
			v.Columns = append(v.Columns, k)
		}
	}
	v.Cities = kpiCityRows(rep, v.Columns)
	linkOwnCity(v.Cities, u)
	sortCityRows(v.Cities, v.Sort, v.Desc)
	v.Unassigned = kpiAreaRow(rep.Unassigned, rep.Year, v.Columns)
	linkOwnCity([]kpiCityRow{v.Unassigned}, u)
	s.render(w, r, http.StatusOK, "kpi", strconv.Itoa(year)+" 年度绩效评价", "kpi", v)
}

// kpiTrend is an indicator's figures over four years, each column linking to its records.
func kpiTrend(k patentbridge.KPI, year int, now, earlier patentbridge.KPIArea) chart.Columns {
	c := chart.Columns{ID: "trend-" + k.ID, Title: k.Name + "（" + k.Unit + "）", Unit: k.Unit, Format: kpiFormat(k)}
	a, _ := now.Find(k.ID)
	b, _ := earlier.Find(k.ID)
	for i, val := range []float64{b.Previous, b.Value, a.Previous, a.Value} {
		y := year - 3 + i
		bar := chart.Bar{Label: strconv.Itoa(y), Value: val}
		if y >= patentbridge.KPIFirstYear {
			bar.Href = kpiRecordsHref(k.ID, y, "")
		}
		c.Columns = append(c.Columns, bar)
	}
	return c
}

// kpiFormat writes an indicator's values in its charts' labels as the
// figures show them (万元 exactly).
func kpiFormat(k patentbridge.KPI) func(float64) string {
	return func(x float64) string { return patentbridge.KPIFigureLabel(k, x) }
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

// linkOwnCity leaves a city official the drill-down links of its own city
// only: the records of other cities are not theirs to read.
func linkOwnCity(rows []kpiCityRow, u *patentbridge.User) {
	c := patentbridge.ScopeCity(u)
	if c == "" {
		return
	}
	for _, row := range rows {
		if row.Code[:4] != c {
			for i := range row.Cells {
				row.Cells[i].Href = ""
			}
		}
	}
}

// sortCityRows orders the rows by an indicator's value (by code when by is
// not one of the row's indicators), descending when desc; ties by code,
// ascending.
func sortCityRows(rows []kpiCityRow, by string, desc bool) {
	slices.SortStableFunc(rows, func(a, b kpiCityRow) int {
		c := strings.Compare(a.Code, b.Code)
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
	CityOnly bool // a city official: the province's figure links nowhere (ProvinceOnlyNote)
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
		ByCity: chart.Bars{ID: "by-city", Title: strconv.Itoa(year) + " 年各市（州）" + k.Name, Unit: k.Unit, Format: kpiFormat(k)},
		Cities: kpiCityRows(rep, []patentbridge.KPI{k})}
	u := patentbridge.UserFrom(r.Context())
	v.CityOnly = !provinceLinked(u)
	cells := []kpiCell{v.Province}
	unlinkProvince(u, cells, []chart.Columns{v.Trend})
	v.Province = cells[0]
	if k.TargetType == patentbridge.TargetAbsolute && val.Target != nil {
		v.Trend.Target, v.Trend.TargetLabel = *val.Target, "全省目标 "+patentbridge.KPIFigureLabel(k, *val.Target)
	}
	linkOwnCity(v.Cities, u)
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
	No                                string // the 编号: the ID, 未入名录 or "" (KPIRecord.Number), never 0
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
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); c != "" && city == "" {
		city = c + "00" // a city official's drill-down of the province's figure is its city's
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
			Href: kpiRecordHref(rec), Amount: rec.AmountLabel(k), No: rec.Number()}
		v.Records = append(v.Records, row)
	}
	s.render(w, r, http.StatusOK, "kpi_records", k.Name+"：明细", "kpi", v)
}

// kpiRecordHref is the page of a record behind a figure, "" when it has none
// (no page, or no ID: an enterprise not in the registry).
func kpiRecordHref(r *patentbridge.KPIRecord) string {
	if r.ID <= 0 {
		return ""
	}
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
		return "/organizations/" + id
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
