package httpx

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
)

// noPark names the sheet of enterprises without a 所属园区.
const noPark = "未注明园区"

var pushHeader = []any{"排名", "企业名称", "统一社会信用代码", "所属园区", "行业", "地区代码", "中小微企业", "申请号", "专利名称", "匹配度（%）", "推荐理由"}

// WritePushListXLSX writes a push list (专利进园区企业) as a workbook with one
// sheet per park, enterprises ranked within each, one row per patent pushed to
// an enterprise with its one reason, streamed row by row; title is the first
// line of every sheet (the patent or supply list pushed); now is the export time.
func WritePushListXLSX(w io.Writer, title string, rows []patentbridge.EnterprisePush, now time.Time) error {
	byPark := map[string][]patentbridge.EnterprisePush{}
	for _, r := range rows {
		park := strings.TrimSpace(r.Enterprise.Park)
		if park == "" {
			park = noPark
		}
		byPark[park] = append(byPark[park], r)
	}
	parks := make([]string, 0, len(byPark))
	for p := range byPark {
		parks = append(parks, p)
	}
	sort.Strings(parks)
	if len(parks) == 0 {
		parks = []string{noPark}
	}
	f, err := export.NewWorkbook(now)
	if err != nil {
		return err
	}
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, park := range parks {
		name := sheetName(park, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		if err := writePushSheet(f, name, title+" · "+park, byPark[park], bold); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writePushSheet(f *excelize.File, name, title string, rows []patentbridge.EnterprisePush, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 36); err != nil {
		return err
	}
	if err := sw.SetColWidth(8, 8, 17); err != nil {
		return err
	}
	if err := sw.SetColWidth(9, 9, 48); err != nil {
		return err
	}
	if err := sw.SetColWidth(11, 11, 48); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{Value: title, StyleID: bold}}); err != nil {
		return err
	}
	header := make([]any, len(pushHeader))
	for i, h := range pushHeader {
		header[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetRow("A2", header); err != nil {
		return err
	}
	line := 3
	for i, r := range rows {
		e := r.Enterprise
		sme := "否"
		if e.SME {
			sme = "是"
		}
		for _, it := range r.Items {
			cell, _ := excelize.CoordinatesToCellName(1, line)
			line++
			if err := sw.SetRow(cell, patentbridge.SafeRow([]any{i + 1, e.Name, e.CreditCode, e.Park, e.Industry, e.RegionCode, sme,
				patentbridge.FormatAppNo(it.AppNo), it.Title, PushPercent(it.Score), it.Reason})); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// PushPercent shows a push score (0..1) as the 匹配度 percentage the pages show.
func PushPercent(score float64) int { return int(score*100 + 0.5) }

// sheetName makes a park name a valid, unique worksheet name (31 characters, no []:*?/\).
func sheetName(park string, used map[string]bool) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, park)
	if r := []rune(s); len(r) > 28 {
		s = string(r[:28])
	}
	name := s
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s(%d)", s, n)
	}
	used[name] = true
	return name
}
