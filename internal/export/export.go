// Package export writes PatentBridge's tabular exports: the sleeping-patent
// database and published supply lists, as CSV (UTF-8 with a byte-order mark, so
// Excel opens the Chinese text correctly) and as XLSX with real date cells,
// Chinese headers, a header style and column widths.
package export

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// Ref resolves city names; *refdata.Data and httpx.RefData implement it.
type Ref interface {
	// CityName returns the name of a 4-digit city code, or "".
	CityName(code4 string) string
}

// column is one column of an export: its Chinese header and XLSX width.
type column struct {
	Header string
	Width  float64
}

// sleepingColumns are the columns of the sleeping-patent export, in order.
var sleepingColumns = []column{
	{"申请号", 17}, {"专利名称", 48}, {"专利类型", 10}, {"专利权人", 32}, {"权利人类型", 14},
	{"城市", 12}, {"授权公告日", 12}, {"等级", 6}, {"分值", 8}, {"所属产业", 40}, {"高价值标志", 28},
}

// sleepingRow returns one export row; the grant date is a time.Time (nil when
// unknown) and the score a float64, so XLSX gets typed cells.
func sleepingRow(it *patentbridge.SleepingItem, ref Ref) []any {
	p := it.Patent
	owners := p.Owners()
	var grade string
	var score float64
	var industries, flags []string
	if r := it.Result; r != nil {
		grade, score = r.Grade, r.Score
		industries, flags = r.Classes.IndustryLabels(), r.Flags
	}
	city := cityName(ref, it.City())
	return []any{patentbridge.FormatAppNo(p.AppNo), p.Title, p.Kind.Label(), patentbridge.PartyNames(owners), partyTypes(owners),
		city, dateValue(p.GrantDate), grade, round1(score), strings.Join(industries, "；"), strings.Join(flags, "；")}
}

// partyTypes lists the distinct Chinese type labels of the parties.
func partyTypes(ps []patentbridge.Party) string {
	var labels []string
	for _, p := range ps {
		if l := p.Type.Label(); p.Type != "" && !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	return strings.Join(labels, "；")
}

// cityName resolves a 4-digit code, keeping a value that is already a name.
func cityName(ref Ref, code string) string {
	if code == "" || ref == nil {
		return code
	}
	if n := ref.CityName(code); n != "" {
		return n
	}
	return code
}

// dateValue is nil for the zero time, so that no cell is written.
func dateValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// dayValue is the day, in Beijing, of an instant such as a publication time;
// nil for the zero time.
func dayValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	b := t.In(patentbridge.Beijing)
	return time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
}

func round1(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 1, 64), 64)
	return v
}

// text renders a row value for CSV: dates as YYYY-MM-DD, numbers without
// trailing zeros, nil as empty.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return patentbridge.FormatDate(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	}
	return ""
}
