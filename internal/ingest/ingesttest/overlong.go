// Package ingesttest builds export files for tests of the importer's field
// limits, for the ingest package and the end-to-end tests of the CLI and the
// upload.
package ingesttest

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/workbook/workbooktest"
)

// Overlong is one row of an OverlongExport the importer must reject: its line,
// the column it must name and a part of the Chinese reason.
type Overlong struct {
	AppNo  string
	Line   int
	Column string
	Reason string
}

// extraColumns is how many unmapped columns an OverlongExport has.
const extraColumns = patentbridge.MaxExtraColumns + 10

// AppNo returns a valid 12-digit invention application number for serial n.
func AppNo(n int) string {
	d := fmt.Sprintf("20211%07d", n)
	return d + patentbridge.AppNoCheckChar(d)
}

// OverlongExport returns the records (header first) of an export whose first
// data row has every value at its limit (in Chinese characters, so limits count
// characters, not bytes), whose last row is ordinary, and whose other rows each
// have one value over a limit; good lists the 申请号 that must land.
func OverlongExport() (records [][]string, good []string, rejected []Overlong) {
	header := []string{"申请号", "专利名称", "摘要", "主权项", "申请人", "发明人", "申请人地址", "专利代理机构", "法律事件", "分类号"}
	for i := 1; i <= extraColumns; i++ {
		header = append(header, fmt.Sprintf("附加列%d", i))
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	row := func(n int, set map[string]string) []string {
		r := make([]string, len(header))
		r[0], r[1], r[4] = AppNo(n), "一种测试装置", "四川大学"
		for k, v := range set {
			r[col[k]] = v
		}
		return r
	}
	long := func(n int) string { return strings.Repeat("专", n) }
	atLimits := map[string]string{"专利名称": long(patentbridge.MaxTitle), "摘要": long(patentbridge.MaxAbstract),
		"主权项": long(patentbridge.MaxLongText), "申请人": "四川大学;" + long(patentbridge.MaxName), "发明人": long(patentbridge.MaxName),
		"申请人地址": long(patentbridge.MaxAddress), "专利代理机构": long(patentbridge.MaxName), "法律事件": long(patentbridge.MaxLongText),
		"附加列1": long(patentbridge.MaxLongText)}
	for i := 2; i <= patentbridge.MaxExtraColumns; i++ {
		atLimits[fmt.Sprintf("附加列%d", i)] = "x"
	}
	records = [][]string{header, row(1, atLimits)}
	good = []string{AppNo(1)}
	cases := []struct {
		column, reason string
		set            map[string]string
	}{
		{"专利名称", "导入上限为 500 个字符", map[string]string{"专利名称": long(patentbridge.MaxTitle + 1)}},
		{"摘要", "导入上限为 20000 个字符", map[string]string{"摘要": long(patentbridge.MaxAbstract + 1)}},
		{"主权项", "导入上限为 100000 个字符", map[string]string{"主权项": long(patentbridge.MaxLongText + 1)}},
		{"申请人", "其中一个名称“申请人”过长", map[string]string{"申请人": "四川大学;" + long(patentbridge.MaxName+1)}},
		{"发明人", "导入上限为 200 个字符", map[string]string{"发明人": "张三;" + long(patentbridge.MaxName+1)}},
		{"申请人地址", "导入上限为 500 个字符", map[string]string{"申请人地址": long(patentbridge.MaxAddress + 1)}},
		{"专利代理机构", "导入上限为 200 个字符", map[string]string{"专利代理机构": long(patentbridge.MaxName + 1)}},
		{"法律事件", "导入上限为 100000 个字符", map[string]string{"法律事件": long(patentbridge.MaxLongText + 1)}},
		{"分类号", "导入上限为 10000 个字符", map[string]string{"分类号": strings.Repeat("G06F16/35;", patentbridge.MaxField/10+1)}},
		{"附加列7", "导入上限为 100000 个字符", map[string]string{"附加列7": strings.Repeat("x", patentbridge.MaxLongText+1)}},
		{fmt.Sprintf("附加列%d", patentbridge.MaxExtraColumns+1), "未识别的列过多", manyExtras(patentbridge.MaxExtraColumns + 1)},
		{"附加列6", "未识别的列合计过大", bigExtras(6)},
	}
	for i, c := range cases {
		n := i + 2
		records = append(records, row(n, c.set))
		rejected = append(rejected, Overlong{AppNo: AppNo(n), Line: n + 1, Column: c.column, Reason: c.reason})
	}
	last := len(cases) + 2
	records = append(records, row(last, map[string]string{"摘要": "一种普通的摘要。"}))
	good = append(good, AppNo(last))
	return records, good, rejected
}

// manyExtras fills the first n unmapped columns.
func manyExtras(n int) map[string]string {
	m := map[string]string{}
	for i := 1; i <= n; i++ {
		m[fmt.Sprintf("附加列%d", i)] = "x"
	}
	return m
}

// bigExtras fills n unmapped columns with values at MaxLongText (ASCII), which
// together pass MaxExtraBytes at the n-th.
func bigExtras(n int) map[string]string {
	m := map[string]string{}
	for i := 1; i <= n; i++ {
		m[fmt.Sprintf("附加列%d", i)] = strings.Repeat("y", patentbridge.MaxLongText)
	}
	return m
}

// MustWriteOverlongCSV writes OverlongExport as a UTF-8 CSV file at path.
func MustWriteOverlongCSV(tb testing.TB, path string) (good []string, rejected []Overlong) {
	tb.Helper()
	records, good, rejected := OverlongExport()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := csv.NewWriter(f).WriteAll(records); err != nil {
		tb.Fatal(err)
	}
	return good, rejected
}

// MustWriteOverlongXLSX writes OverlongExport as a workbook of inline strings at
// path; Excel would not write a cell over 32,767 characters, other programs do.
func MustWriteOverlongXLSX(tb testing.TB, path string) (good []string, rejected []Overlong) {
	tb.Helper()
	records, good, rejected := OverlongExport()
	workbooktest.MustWriteWorkbook(tb, path, func(w io.Writer) {
		for _, rec := range records {
			io.WriteString(w, "<row>")
			for _, v := range rec {
				if v == "" {
					io.WriteString(w, "<c/>")
					continue
				}
				io.WriteString(w, `<c t="inlineStr"><is><t>`)
				xml.EscapeText(w, []byte(v))
				io.WriteString(w, "</t></is></c>")
			}
			io.WriteString(w, "</row>")
		}
	}, nil)
	return good, rejected
}
