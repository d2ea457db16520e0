package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// KPIRecordLister lists the records behind a figure, page by page.
type KPIRecordLister interface {
	// KPIRecords returns one page of a figure's records and their total.
	KPIRecords(ctx context.Context, f patentbridge.KPIFilter) ([]*patentbridge.KPIRecord, int, error)
}

// OnlyCity narrows a report to one 市(州) (a 4- or 6-digit code), keeping the
// province's figures beside it; "" keeps every city. Returns EINVALID for a
// code that is not one of the report's cities.
func OnlyCity(rep *patentbridge.KPIReport, asked string) (*patentbridge.KPIReport, error) {
	city, err := patentbridge.ParseCityFilter(asked)
	if err != nil {
		return nil, err
	}
	if city == "" {
		return rep, nil
	}
	for _, c := range rep.Cities {
		if c.Code[:4] == city {
			out := *rep
			out.Cities = []patentbridge.KPIArea{c}
			return &out, nil
		}
	}
	return nil, patentbridge.FieldErrorf("city", "未知的市（州）代码 %q：绩效评价只统计四川省的 21 个市（州）", patentbridge.ClipValue(asked))
}

// WriteKPIJSON writes the report as one JSON document:
// {"year":Y,"province":{…},"cities":[{"code":"510100","name":"成都市","indicators":[…]}]}.
func WriteKPIJSON(w io.Writer, rep *patentbridge.KPIReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// kpiRecordColumns are the columns of the record sheets.
var kpiRecordColumns = []column{{"指标", 28}, {"市（州）", 14}, {"记录类型", 16}, {"编号", 10}, {"日期", 12},
	{"名称", 40}, {"当事方", 44}, {"计入数额", 12}}

// WriteKPIXLSX writes the report as a workbook: a summary sheet (every
// indicator's figure, previous year, growth, target and met, for the
// province or the one city of a narrowed report) with a native chart, a
// sheet of every indicator by 市(州) with charts, and one sheet per indicator
// group listing the records behind each figure (the report's area's).
func WriteKPIXLSX(ctx context.Context, w io.Writer, rep *patentbridge.KPIReport, records KPIRecordLister, cityName func(string) string) error {
	f, err := NewWorkbook(rep.AsOf)
	if err != nil {
		return err
	}
	defer f.Close()
	area := rep.Province
	if len(rep.Cities) == 1 {
		area = rep.Cities[0]
	}
	if err := kpiSummarySheet(f, rep, area); err != nil {
		return err
	}
	if err := kpiCitySheet(f, rep); err != nil {
		return err
	}
	for _, g := range patentbridge.KPIGroups {
		if err := kpiRecordSheet(ctx, f, rep.Year, area.Code, g, records, cityName); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// kpiSummarySheet writes the area's figures and a chart of this year's and
// last year's counts.
func kpiSummarySheet(f *excelize.File, rep *patentbridge.KPIReport, area patentbridge.KPIArea) error {
	const name = "汇总"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	head, err := headerStyle(f)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%s专利转化专项计划绩效评价（%d 年度）", area.Name, rep.Year)
	if err := f.SetSheetRow(name, "A1", &[]any{title}); err != nil {
		return err
	}
	if err := f.SetSheetRow(name, "A2", &[]any{"数据截至 " + rep.AsOf.In(patentbridge.Beijing).Format("2006-01-02 15:04") + "，每个数字均由平台记录计算，明细见各分组工作表"}); err != nil {
		return err
	}
	header := []any{"指标编号", "指标", "分组", "单位", fmt.Sprint(rep.Year), fmt.Sprint(rep.Year - 1), "增长", "目标", "是否达标", "口径"}
	if err := f.SetSheetRow(name, "A4", &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A4", "J4", head); err != nil {
		return err
	}
	for i, v := range area.Indicators {
		k, _ := patentbridge.FindKPI(v.ID)
		row := []any{k.ID, k.Name, k.Group, k.Unit, v.Value, v.Previous, v.GrowthLabel(), targetCell(k, v), metCell(v), k.Definition}
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", 5+i), &row); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 26, "B": 30, "C": 10, "D": 6, "E": 12, "F": 12, "G": 10, "H": 12, "I": 10, "J": 80} {
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	last := 4 + len(area.Indicators)
	cats := fmt.Sprintf("'%s'!$B$5:$B$%d", name, last)
	return f.AddChart(name, "L4", &excelize.Chart{Type: excelize.Bar,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("'%s'!$E$4", name), Categories: cats, Values: fmt.Sprintf("'%s'!$E$5:$E$%d", name, last)},
			{Name: fmt.Sprintf("'%s'!$F$4", name), Categories: cats, Values: fmt.Sprintf("'%s'!$F$5:$F$%d", name, last)},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%s各项指标：%d 年与 %d 年", area.Name, rep.Year, rep.Year-1)}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 900},
	})
}

// kpiCitySheet writes every indicator's figure per 市(州) and a chart of the
// first indicator of each group by city.
func kpiCitySheet(f *excelize.File, rep *patentbridge.KPIReport) error {
	const name = "各市（州）"
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	head, err := headerStyle(f)
	if err != nil {
		return err
	}
	header := []any{"代码", "市（州）"}
	for _, k := range patentbridge.KPIs {
		header = append(header, fmt.Sprintf("%s（%s）", k.Name, k.Unit))
	}
	if err := f.SetSheetRow(name, "A1", &header); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(header))
	if err := f.SetCellStyle(name, "A1", lastCol+"1", head); err != nil {
		return err
	}
	areas := append(append([]patentbridge.KPIArea{}, rep.Cities...), rep.Unassigned, rep.Province)
	for i, a := range areas {
		row := []any{a.Code, a.Name}
		for _, v := range a.Indicators {
			row = append(row, v.Value)
		}
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", 2+i), &row); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(name, "B", lastCol, 14); err != nil {
		return err
	}
	last := 1 + len(rep.Cities) // the province's row stays out of the charts
	at := 3 + len(areas)
	for _, g := range patentbridge.KPIGroups {
		i := firstOfGroup(g)
		col, _ := excelize.ColumnNumberToName(3 + i)
		k := patentbridge.KPIs[i]
		err := f.AddChart(name, fmt.Sprintf("B%d", at), &excelize.Chart{Type: excelize.Col,
			Series: []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$%s$1", name, col),
				Categories: fmt.Sprintf("'%s'!$B$2:$B$%d", name, last), Values: fmt.Sprintf("'%s'!$%s$2:$%s$%d", name, col, col, last)}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("各市（州）%s（%d 年，%s）", k.Name, rep.Year, k.Unit)}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 900, Height: 320},
		})
		if err != nil {
			return err
		}
		at += 18
	}
	return nil
}

// firstOfGroup is the index in KPIs of the group's first indicator.
func firstOfGroup(g string) int {
	for i, k := range patentbridge.KPIs {
		if k.Group == g {
			return i
		}
	}
	return 0
}

// kpiRecordSheet streams the records behind each figure of the group.
func kpiRecordSheet(ctx context.Context, f *excelize.File, year int, area, group string, records KPIRecordLister, cityName func(string) string) error {
	name := group + "明细"
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	s := &sheet{f: f, name: name, cols: kpiRecordColumns}
	var err error
	if s.header, err = headerStyle(f); err != nil {
		return err
	}
	format := DateFormat
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		return err
	}
	if s.sw, err = f.NewStreamWriter(name); err != nil {
		return err
	}
	for i, c := range s.cols {
		if err := s.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	for _, k := range patentbridge.KPIs {
		if k.Group != group {
			continue
		}
		for offset := 0; ; {
			page, total, err := records.KPIRecords(ctx, patentbridge.KPIFilter{ID: k.ID, Year: year, City: area, Limit: 1000, Offset: offset})
			if err != nil {
				return err
			}
			for _, r := range page {
				amount := any(r.Amount)
				if k.Money {
					amount = float64(r.Amount) / 1e6
				}
				no := any(r.ID)
				if r.ID <= 0 {
					no = r.Number() // 未入名录, never a made-up 0
				}
				if err := s.writeRow([]any{k.Name, cityName(r.City), patentbridge.KPIRecordKindLabel(r.Kind), no, r.Date, r.Title, r.Party, amount}); err != nil {
					return err
				}
			}
			if offset += len(page); len(page) == 0 || offset >= total {
				break
			}
		}
	}
	return s.sw.Flush()
}

// headerStyle is the style of the header rows.
func headerStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
}

// targetCell shows a target: "+20%" for growth, the value for absolute, "" for none.
func targetCell(k patentbridge.KPI, v patentbridge.KPIValue) any {
	switch {
	case v.Target == nil:
		return ""
	case k.TargetType == patentbridge.TargetGrowth:
		return fmt.Sprintf("增长 %v%%", *v.Target)
	}
	return *v.Target
}

// metCell shows 达标, 未达标, or "" without a target.
func metCell(v patentbridge.KPIValue) string {
	switch {
	case v.Met == nil:
		return ""
	case *v.Met:
		return "达标"
	}
	return "未达标"
}
