package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

var _ patentbridge.KPIService = (*DB)(nil)

// The years a figure may be asked for: those a record may be dated in
// (patentbridge.KPIFirstYear..KPILastYear).
const (
	minKPIYear = patentbridge.KPIFirstYear
	maxKPIYear = patentbridge.KPILastYear
)

// provinceCode and provinceName name the province's row of a report.
const (
	provinceCode = "510000"
	provinceName = "四川省"
)

// checkKPIYear refuses a year outside minKPIYear..maxKPIYear. Returns EINVALID.
func checkKPIYear(year int) error {
	if year < minKPIYear || year > maxKPIYear {
		return patentbridge.FieldErrorf("year", "统计年度应在 %d–%d 之间", minKPIYear, maxKPIYear)
	}
	return nil
}

// kpiReader admits the admin, city users and the platform's own commands
// (the report CLI) to the figures. Returns EUNAUTHORIZED, EFORBIDDEN.
func kpiReader(ctx context.Context) (*patentbridge.User, error) {
	u := patentbridge.UserFrom(ctx)
	if patentbridge.IsPlatform(ctx) {
		return nil, nil
	}
	return u, patentbridge.CityManager(u, "查看绩效评价指标")
}

// KPIReport computes every indicator for the year and the year before, per
// 市(州) and for the province (which also counts records whose city is not
// known), from the records in one read transaction, with each area's target
// and whether it is met. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) KPIReport(ctx context.Context, year int) (*patentbridge.KPIReport, error) {
	if _, err := kpiReader(ctx); err != nil {
		return nil, err
	}
	if err := checkKPIYear(year); err != nil {
		return nil, err
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqldb: kpi report: %w", err)
	}
	defer tx.Rollback()
	targets, err := db.kpiTargets(ctx, tx, year)
	if err != nil {
		return nil, err
	}
	cities := refdata.Default().Cities(patentbridge.DemandProvinceCode)
	asOf := db.now()
	today := patentbridge.FormatDay(asOf)
	rep := &patentbridge.KPIReport{Year: year, AsOf: asOf, Province: patentbridge.KPIArea{Code: provinceCode, Name: provinceName},
		Unassigned: patentbridge.KPIArea{Code: patentbridge.KPIUnassigned, Name: "未能归属市（州）"}}
	for _, c := range cities {
		rep.Cities = append(rep.Cities, patentbridge.KPIArea{Code: c.Code, Name: c.Name})
	}
	for _, k := range patentbridge.KPIs {
		now, err := db.kpiSums(ctx, tx, k, year, today)
		if err != nil {
			return nil, err
		}
		before, err := db.kpiSums(ctx, tx, k, year-1, today)
		if err != nil {
			return nil, err
		}
		rep.Province.Indicators = append(rep.Province.Indicators,
			patentbridge.EvaluateKPI(k, kpiValue(k, total(now)), kpiValue(k, total(before)), areaTarget(k, targets, "")))
		rep.Unassigned.Indicators = append(rep.Unassigned.Indicators,
			patentbridge.EvaluateKPI(k, kpiValue(k, unassigned(now, cities)), kpiValue(k, unassigned(before, cities)), nil))
		for i, c := range cities {
			rep.Cities[i].Indicators = append(rep.Cities[i].Indicators,
				patentbridge.EvaluateKPI(k, kpiValue(k, now[c.CityCode]), kpiValue(k, before[c.CityCode]), areaTarget(k, targets, c.CityCode)))
		}
	}
	return rep, nil
}

// kpiSums returns an indicator's figure for the year per 4-digit city ("" for
// records whose city is not known), in fen or as a count, on the report's
// day today.
func (db *DB) kpiSums(ctx context.Context, tx *sql.Tx, k patentbridge.KPI, year int, today string) (map[string]int64, error) {
	fact, ok := kpiFacts[k.ID]
	if !ok {
		return nil, fmt.Errorf("sqldb: no records query for indicator %s", k.ID)
	}
	q := db.dialect.newQuery().add("SELECT f.city, SUM(f.amount) FROM (")
	fact(q, yearWindow(year, k.Measure, today))
	q.add(") f GROUP BY f.city")
	out := map[string]int64{}
	err := eachRow(ctx, tx, q, func(s scanner) error {
		var city sql.NullString
		var sum int64
		if err := s.Scan(&city, &sum); err != nil {
			return err
		}
		out[city.String] += sum
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: indicator %s of %d: %w", k.ID, year, err)
	}
	return out, nil
}

// unassigned sums the figures of the records whose city is none of the
// province's 市(州): none given, or a code outside Sichuan.
func unassigned(m map[string]int64, cities []refdata.Region) int64 {
	n := total(m)
	for _, c := range cities {
		n -= m[c.CityCode]
	}
	return n
}

// total sums the figures of every city and of the records without one.
func total(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// kpiValue is a figure as reported: a count, or fen in 万元 exactly (six
// decimals), so that the cities add up to the province to the fen.
func kpiValue(k patentbridge.KPI, n int64) float64 {
	if k.Money {
		return float64(n) / 1e6
	}
	return float64(n)
}

// areaTarget is the year's target of an indicator for a city ("" for the
// province): the admin's when set, else the plan's where it applies.
func areaTarget(k patentbridge.KPI, set map[[2]string]float64, city string) *float64 {
	if t, ok := set[[2]string{k.ID, city}]; ok {
		return &t
	}
	if k.Target == 0 || (city != "" && !k.CityTargeted()) {
		return nil
	}
	t := k.Target
	return &t
}

// KPIRecords returns one page of the records behind a figure, by date, and
// their total (the figure itself for a count; for a money figure the sum of
// the records' amounts is the figure). A city user sees its own city's
// records only. Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) KPIRecords(ctx context.Context, f patentbridge.KPIFilter) ([]*patentbridge.KPIRecord, int, error) {
	u, err := kpiReader(ctx)
	if err != nil {
		return nil, 0, err
	}
	if strings.TrimSpace(f.ID) == "" {
		return nil, 0, patentbridge.FieldErrorf("id", "请指定指标 id")
	}
	k, ok := patentbridge.FindKPI(f.ID)
	if !ok {
		return nil, 0, &patentbridge.Error{Code: patentbridge.ENOTFOUND, Field: "id",
			Message: fmt.Sprintf("未知的指标 %q", patentbridge.ClipValue(f.ID))}
	}
	if err := checkKPIYear(f.Year); err != nil {
		return nil, 0, err
	}
	city, err := kpiCity(f.City)
	if err != nil {
		return nil, 0, err
	}
	if c := patentbridge.ScopeCity(u); c != "" {
		if city != "" && city != c {
			return nil, 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：市（州）管理员只能查看本市（州）指标的明细记录")
		}
		city = c
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	today := patentbridge.FormatDay(db.now())
	from := func(q *query) *query {
		q.add(" FROM (")
		kpiFacts[k.ID](q, yearWindow(f.Year, k.Measure, today))
		q.add(") f")
		switch city {
		case "":
		case patentbridge.KPIUnassigned:
			q.add(" WHERE (f.city IS NULL OR f.city NOT IN ").addList(sichuanCities()).add(")")
		default:
			q.add(" WHERE f.city = ?", city)
		}
		return q
	}
	count := from(db.dialect.newQuery().add("SELECT COUNT(*)"))
	list := from(db.dialect.newQuery().add("SELECT f.city, f.kind, f.id, f.on_date, f.title, f.party, f.amount")).
		add(" ORDER BY f.on_date, f.kind, f.id LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "kpi records", count, list, scanKPIRecord)
}

// sichuanCities are the 4-digit codes of the province's 市(州)
// (patentbridge.SichuanCities, the cities a programme record is stored in).
func sichuanCities() []string {
	var out []string
	for _, c := range patentbridge.SichuanCities() {
		out = append(out, c.Code)
	}
	return out
}

// kpiCity reads an area: "", "51" or "510000" is the province (""),
// KPIUnassigned itself, a Sichuan city code (read by
// patentbridge.ParseCityFilter, 4 or 6 digits) its 4-digit code. Returns
// EINVALID.
func kpiCity(code string) (string, error) {
	code = strings.TrimSpace(code)
	switch code {
	case "", patentbridge.DemandProvinceCode, provinceCode:
		return "", nil
	case patentbridge.KPIUnassigned:
		return code, nil
	}
	city, err := patentbridge.ParseCityFilter(code)
	if err != nil {
		return "", err
	}
	if patentbridge.SichuanCityName(city) == "" {
		return "", patentbridge.FieldErrorf("city", "未知的市（州）代码 %q：绩效评价只统计四川省的 21 个市（州）", patentbridge.ClipValue(code))
	}
	return city, nil
}

func scanKPIRecord(s scanner) (*patentbridge.KPIRecord, error) {
	var r patentbridge.KPIRecord
	var city, on, title, party sql.NullString
	if err := s.Scan(&city, &r.Kind, &r.ID, &on, &title, &party, &r.Amount); err != nil {
		return nil, err
	}
	r.City, r.Title, r.Party = city.String, title.String, party.String
	var err error
	if len(on.String) == len("2006-01-02") {
		var d time.Time
		if d, err = parseDate(on.String); err == nil {
			r.Date = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, patentbridge.Beijing)
		}
	} else if on.String != "" {
		r.Date, err = parseTime(on.String)
	}
	return &r, err
}
