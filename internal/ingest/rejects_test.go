package ingest

import (
	"bytes"
	"strings"
	"testing"

	"patentbridge"
)

func TestRejectedRowsAreReportedWithTheirLines(t *testing.T) {
	content := "申请号,专利名称,申请日,分类号,摘要\n" + // line 1
		"CN202223220665.2,一种锂离子电池极片干燥装置,20221202,H01M10/0525,\"第一行摘要\n" + // 2
		"第二行摘要\"\n" + // 3
		"CN202223220665.3,校验位错误,20221202,H01M10/0525,x\n" + // 4
		"202110987654.8,日期不存在,20210230,G06F16/35,x\n" + // 5
		"202020345678.4,分类号错误,20200101,G06FXX;G06F16/35,x\n" + // 6
		",没有申请号,20200101,G06F16/35,x\n" + // 7
		"\n" + // 8: blank, skipped
		"20211098765,位数不对,20200101,G06F16/35,x\n" + // 9
		"201910123456.X,好的,20190215,\"G06F 16/35;G06F40/30\",x\n" + // 10
		"202130111222.1,外观设计,2021-13-01,23-01,x\n" + // 11
		"202130111222.1,外观设计,2021-03-01,23-01,x\n" // 12: Locarno class, not IPC
	path := MustWriteFile(t, t.TempDir(), "混合.csv", []byte(content))
	store := newFakeStore(t)
	sum, rejects := MustImport(t, NewImporter(store, nil, nil), path)
	if sum.Read != 9 || sum.Inserted != 3 || sum.Rejected != 6 {
		t.Errorf("summary %+v", sum)
	}
	want := []patentbridge.Reject{
		{File: "混合.csv", Line: 4, Column: "申请号", Value: "CN202223220665.3", Reason: `申请号 "CN202223220665.3" 校验位错误：应为 2，实际为 3`},
		{File: "混合.csv", Line: 5, Column: "申请日", Value: "20210230", Reason: `日期 "20210230" 不存在`},
		{File: "混合.csv", Line: 6, Column: "分类号", Value: "G06FXX", Reason: `IPC分类号 "G06FXX" 格式不正确（应如 G06F、G06F16/35）`},
		{File: "混合.csv", Line: 7, Column: "申请号", Value: "", Reason: "申请号为空"},
		{File: "混合.csv", Line: 9, Column: "申请号", Value: "20211098765", Reason: `申请号 "20211098765" 位数不对：应为12位数字加1位校验位（或2003年前的8位数字，校验位可省略）`},
		{File: "混合.csv", Line: 11, Column: "申请日", Value: "2021-13-01", Reason: `日期 "2021-13-01" 不存在`},
	}
	if len(rejects) != len(want) {
		t.Fatalf("rejects:\n%+v\nwant\n%+v", rejects, want)
	}
	for i := range want {
		if rejects[i] != want[i] {
			t.Errorf("reject %d = %+v\nwant        %+v", i, rejects[i], want[i])
		}
	}
	if p := store.MustPatent(t, "2022232206652"); p.Abstract != "第一行摘要\n第二行摘要" {
		t.Errorf("multi-line abstract = %q", p.Abstract)
	}
	if p := store.MustPatent(t, "2021301112221"); p.Kind != patentbridge.KindDesign || p.IPC != nil || p.Extra["分类号"] != "23-01" {
		t.Errorf("design: kind %s IPC %v extra %v", p.Kind, p.IPC, p.Extra)
	}
}

func TestRowWithSeveralProblemsIsOneRejectedRow(t *testing.T) {
	content := "申请号,申请日,授权公告日,分类号,转让日期,法律事件\n" +
		"202223220665.2,20221301,2023-02-29,H01M,20230915;20231340,2023-02-30 专利权的转移\n"
	path := MustWriteFile(t, t.TempDir(), "a.csv", []byte(content))
	sum, rejects := MustImport(t, NewImporter(newFakeStore(t), nil, nil), path)
	if sum.Rejected != 1 || sum.Inserted != 0 {
		t.Errorf("summary %+v", sum)
	}
	var cols []string
	for _, r := range rejects {
		if r.Line != 2 {
			t.Errorf("line %d, want 2", r.Line)
		}
		cols = append(cols, r.Column)
	}
	if got := strings.Join(cols, ","); got != "申请日,授权公告日,转让日期,法律事件" {
		t.Errorf("columns = %s", got)
	}
}

func TestFilesThatAreNotExports(t *testing.T) {
	dir := t.TempDir()
	good := MustWriteFile(t, dir, "good.csv", MustCSV(t, ',', formatRows("一种装置")...))
	tests := []struct {
		name, file string
		content    []byte
		message    string
	}{
		{"no 申请号 column", "names.csv", []byte("名称,地址\n四川大学,成都市武侯区\n"), `文件 names.csv 不是专利导出文件：找不到"申请号"列`},
		{"empty file", "empty.csv", nil, `文件 empty.csv 不是专利导出文件：找不到"申请号"列`},
		{"corrupt xlsx", "broken.xlsx", []byte("PK\x03\x04 this is not a workbook"), "文件 broken.xlsx 不是有效的 Excel（.xlsx）文件，可能已损坏"},
		{"text named xlsx", "text.xlsx", []byte("申请号\n2022232206652\n"), "文件 text.xlsx 不是有效的 Excel（.xlsx）文件，可能已损坏"},
		{"old xls", "old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "文件 old.xls 是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV 后再导入"},
		{"JSON lines without 申请号", "x.jsonl", []byte(`{"名称":"四川大学"}` + "\n"), `文件 x.jsonl 不是专利导出文件：找不到"申请号"列`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := MustWriteFile(t, dir, tt.file, tt.content)
			store := newFakeStore(t)
			var rej bytes.Buffer
			// The good file comes first: nothing of it may land either.
			_, err := NewImporter(store, nil, nil).ImportFiles(t.Context(), []string{good, bad}, patentbridge.ImportOptions{Rejects: &rej})
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorMessage(err) != tt.message {
				t.Errorf("error = %v, want EINVALID %q", err, tt.message)
			}
			if len(store.batches) != 0 || rej.Len() != 0 {
				t.Errorf("something was written: %d batches, rejects %q", len(store.batches), rej.String())
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		_, err := NewImporter(newFakeStore(t), nil, nil).ImportFiles(t.Context(), []string{dir + "/nope.csv"}, patentbridge.ImportOptions{})
		if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("error = %v", err)
		}
	})
}

// A rejected value that a spreadsheet would run as a formula is reported as
// text: the reject report is opened in Excel and WPS.
func TestRejectReportDefusesFormulaCells(t *testing.T) {
	content := "申请号,专利名称\n=cmd|' /C calc'!A0,恶意\n"
	path := MustWriteFile(t, t.TempDir(), "恶意.csv", []byte(content))
	_, rejects := MustImport(t, NewImporter(newFakeStore(t), nil, nil), path)
	if len(rejects) != 1 || rejects[0].Value != "'=cmd|' /C calc'!A0" || rejects[0].Column != "申请号" {
		t.Errorf("rejects = %+v; want the value quoted as text", rejects)
	}
}
