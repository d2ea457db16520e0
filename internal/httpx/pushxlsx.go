package httpx

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
)

// noPark names the sheet of enterprises without a 所属园区.
const noPark = "未注明园区"

var pushHeader = []any{"排名", "企业名称", "统一社会信用代码", "所属园区", "行业", "地区代码", "中小微企业", "匹配度", "推荐理由", "推荐专利"}

// WritePushListXLSX writes a push list (专利进园区企业) as a workbook with one
// sheet per park, enterprises ranked within each, streamed row by row; title is
// the first line of every sheet (the patent or supply list pushed).
func WritePushListXLSX(w io.Writer, title string, rows []PushRow) error {
	byPark := map[string][]PushRow{}
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
	f, err := export.NewWorkbook()
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

func writePushSheet(f *excelize.File, name, title string, rows []PushRow, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 36); err != nil {
		return err
	}
	if err := sw.SetColWidth(9, 10, 60); err != nil {
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
	for i, r := range rows {
		e := r.Enterprise
		sme := "否"
		if e.SME {
			sme = "是"
		}
		patents := make([]string, len(r.Patents))
		for k, a := range r.Patents {
			patents[k] = patentbridge.FormatAppNo(a)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, patentbridge.SafeRow([]any{i + 1, e.Name, e.CreditCode, e.Park, e.Industry, e.RegionCode, sme,
			fmt.Sprintf("%.2f", r.Score), strings.Join(r.Reasons, "；"), strings.Join(patents, "、")})); err != nil {
			return err
		}
	}
	return sw.Flush()
}

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
