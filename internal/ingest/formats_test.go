package ingest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"patentbridge"
)

var formatHeader = []string{"申请号", "专利名称", "申请日", "申请人", "分类号"}

// formatRows are two real-looking rows; title2 varies so GB18030 can carry a
// character GBK cannot.
func formatRows(title2 string) [][]string {
	return [][]string{
		formatHeader,
		{"CN202223220665.2", "一种锂离子电池极片干燥装置", "20221202", "河南省科学院应用物理研究所", "H01M 4/04;H01M10/0525"},
		{"201910123456.X", title2, "2019-02-15", "四川大学", "G06F16/35"},
	}
}

// outsideGBK is 𠮷 (U+20BB7), encodable in GB18030 but not in GBK.
const outsideGBK = "一种基于𠮷字识别的古籍数字化方法"

func TestImportTextEncodingsAndDelimiters(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	gb18030 := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	if _, err := simplifiedchinese.GBK.NewEncoder().String(outsideGBK); err == nil {
		t.Fatal("test premise: 𠮷 must not be encodable in GBK")
	}
	const gbkTitle = "一种川茶鲜叶杀青设备"
	tests := []struct {
		name, file, title2 string
		comma              rune
		encode             func(string) []byte
	}{
		{"UTF-8", "a.csv", outsideGBK, ',', func(s string) []byte { return []byte(s) }},
		{"UTF-8 with BOM", "a.csv", outsideGBK, ',', func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }},
		{"GBK", "a.csv", gbkTitle, ',', gbk},
		{"GB18030 beyond GBK", "a.csv", outsideGBK, ',', gb18030},
		{"TSV UTF-8", "a.tsv", outsideGBK, '\t', func(s string) []byte { return []byte(s) }},
		{"TSV GBK named .txt", "a.txt", gbkTitle, '\t', gbk},
		{"UTF-16 Unicode text", "a.txt", outsideGBK, '\t', utf16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := tt.encode(string(MustCSV(t, tt.comma, formatRows(tt.title2)...)))
			path := MustWriteFile(t, t.TempDir(), tt.file, content)
			store := newFakeStore(t)
			sum, rejects := MustImport(t, NewImporter(store, fakeRegions{}, nil), path)
			if sum.Read != 2 || sum.Inserted != 2 || sum.Rejected != 0 || len(rejects) != 0 {
				t.Fatalf("summary %+v, rejects %v", sum, rejects)
			}
			p := store.MustPatent(t, "2022232206652")
			if p.Title != "一种锂离子电池极片干燥装置" || p.Applicants[0].Name != "河南省科学院应用物理研究所" ||
				p.Applicants[0].Type != patentbridge.PartyInstitute {
				t.Errorf("first row read as %q %+v", p.Title, p.Applicants)
			}
			if got := strings.Join(p.IPC, " "); got != "H01M4/04 H01M10/0525" {
				t.Errorf("IPC = %q", got)
			}
			p2 := store.MustPatent(t, "201910123456X")
			if p2.Title != tt.title2 || !p2.AppDate.Equal(time.Date(2019, 2, 15, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("second row: title %q date %v", p2.Title, p2.AppDate)
			}
			if p2.Applicants[0].Type != patentbridge.PartyUniversity || p2.Kind != patentbridge.KindInvention {
				t.Errorf("second row: %+v kind %s", p2.Applicants, p2.Kind)
			}
		})
	}
}

// MustXLSX writes a workbook whose sheet holds the rows; cells given as float64
// are numbers, and the 申请日 column is formatted as a date.
func MustXLSX(tb testing.TB, path, sheet string, rows [][]any) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if _, err := f.NewSheet(sheet); err != nil {
			tb.Fatal(err)
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			tb.Fatal(err)
		}
		if i > 0 {
			c, _ := excelize.CoordinatesToCellName(3, i+1)
			f.SetCellStyle(sheet, c, c, dateStyle)
		}
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

func TestImportXLSX(t *testing.T) {
	rows := [][]any{
		{"申请号", "专利名称", "申请日", "申请人", "分类号", "备注日"},
		{"CN202223220665.2", "一种锂离子电池极片干燥装置", 44897, "河南省科学院应用物理研究所", "H01M4/04", 44897},
		{"CN202110987654.9", "校验位错误的行", 44260, "四川大学", "G06F16/35"},
		{},
		{"202110987654.8", "一种中文文本检索方法", "2021/3/5", "四川大学", "G06F16/35"},
	}
	t.Run("first sheet, serial and formatted dates, row numbers", func(t *testing.T) {
		path := t.TempDir() + "/export.xlsx"
		MustXLSX(t, path, "Sheet1", rows)
		store := newFakeStore(t)
		sum, rejects := MustImport(t, NewImporter(store, nil, nil), path)
		if sum.Read != 3 || sum.Inserted != 2 || sum.Rejected != 1 {
			t.Fatalf("summary %+v", sum)
		}
		if len(rejects) != 1 || rejects[0].Line != 3 || rejects[0].Column != "申请号" ||
			!strings.Contains(rejects[0].Reason, "校验位错误：应为 8，实际为 9") {
			t.Errorf("rejects = %+v", rejects)
		}
		p := store.MustPatent(t, "2022232206652")
		if got := patentbridge.FormatDate(p.AppDate); got != "2022-12-02" {
			t.Errorf("Excel serial date read as %s", got)
		}
		if p.Extra["备注日"] != "2022-12-02" {
			t.Errorf("unknown date column kept as %q", p.Extra["备注日"])
		}
		if got := patentbridge.FormatDate(store.MustPatent(t, "2021109876548").AppDate); got != "2021-03-05" {
			t.Errorf("formatted date read as %s", got)
		}
	})
	t.Run("named sheet, and a workbook named .csv", func(t *testing.T) {
		path := t.TempDir() + "/export.xlsx"
		MustXLSX(t, path, "专利", rows)
		store := newFakeStore(t)
		imp := NewImporter(store, nil, nil)
		sum, err := imp.ImportFiles(t.Context(), []string{path}, patentbridge.ImportOptions{Sheet: "专利"})
		if err != nil || sum.Inserted != 2 {
			t.Fatalf("named sheet: %+v %v", sum, err)
		}
		_, err = imp.ImportFiles(t.Context(), []string{path}, patentbridge.ImportOptions{Sheet: "不存在"})
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("missing sheet: %v", err)
		}
		lying := t.TempDir() + "/export.csv"
		MustXLSX(t, lying+".xlsx", "Sheet1", rows)
		if err := os.Rename(lying+".xlsx", lying); err != nil {
			t.Fatal(err)
		}
		if sum, _ := MustImport(t, NewImporter(newFakeStore(t), nil, nil), lying); sum.Inserted != 2 {
			t.Errorf("xlsx named .csv: %+v", sum)
		}
	})
}

func TestImportJSONLines(t *testing.T) {
	lines := []map[string]any{
		{"申请号": "CN202223220665.2", "专利名称": "一种锂离子电池极片干燥装置", "申请日": "2022-12-02",
			"发明人": []string{"张伟", "李娜"}, "引证数": 2, "备注": "重点专利"},
		{"申请号": "202110987654.8", "标题": "一种中文文本检索方法", "申请日": 20210305, "新字段": "x"},
	}
	var b strings.Builder
	for i, l := range lines {
		j, _ := json.Marshal(l)
		b.Write(j)
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("\n{not json}\n") // blank line 2, bad line 3
		}
	}
	for _, name := range []string{"a.jsonl", "a.ndjson", "a.dat"} {
		t.Run(name, func(t *testing.T) {
			path := MustWriteFile(t, t.TempDir(), name, []byte(b.String()))
			store := newFakeStore(t)
			sum, rejects := MustImport(t, NewImporter(store, nil, nil), path)
			if sum.Inserted != 2 || sum.Rejected != 1 || len(rejects) != 1 || rejects[0].Line != 3 {
				t.Fatalf("summary %+v rejects %+v", sum, rejects)
			}
			p := store.MustPatent(t, "2022232206652")
			if strings.Join(p.Inventors, ";") != "张伟;李娜" || p.BackwardCitations != 2 || p.Extra["备注"] != "重点专利" {
				t.Errorf("patent = %+v", p)
			}
			p2 := store.MustPatent(t, "2021109876548")
			if p2.Title != "一种中文文本检索方法" || p2.Extra["新字段"] != "x" || patentbridge.FormatDate(p2.AppDate) != "2021-03-05" {
				t.Errorf("second line: %q %v %v", p2.Title, p2.Extra, p2.AppDate)
			}
		})
	}
	t.Run("JSON array", func(t *testing.T) {
		j, _ := json.Marshal(lines)
		path := MustWriteFile(t, t.TempDir(), "a.json", j)
		store := newFakeStore(t)
		if sum, _ := MustImport(t, NewImporter(store, nil, nil), path); sum.Inserted != 2 {
			t.Errorf("summary %+v", sum)
		}
	})
}
