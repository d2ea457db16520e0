package ingest

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/ingest/ingesttest"
)

// quoteExport is a patent export whose third line opens a quote never closed,
// followed by n good rows: the shape of a file cut by a stray quote.
func quoteExport(n int) string {
	var b strings.Builder
	b.WriteString("申请号,专利名称,申请人\n")
	b.WriteString(ingesttest.AppNo(1) + ",一种装置,四川大学\n")
	b.WriteString(ingesttest.AppNo(2) + ",\"QA未闭合,四川大学\n")
	for i := range n {
		b.WriteString(ingesttest.AppNo(3+i) + ",一种胶膜平整机构的改进结构与方法,成都芯动科技有限公司\n")
	}
	return b.String()
}

// A quote never closed is one reject naming the line it opened on and the
// lines lost, not a giant cell that swallows the rest of the file silently.
func TestUnclosedQuoteIsRejectedWithTheLinesLost(t *testing.T) {
	path := MustWriteFile(t, t.TempDir(), "quote.csv", []byte(quoteExport(60000)))
	store := newFakeStore(t)
	sum, rej := MustImport(t, NewImporter(store, nil, nil), path)
	if sum.Read != 2 || sum.Inserted != 1 || sum.Rejected != 1 || len(rej) != 1 {
		t.Fatalf("summary %+v, rejects %+v", sum, rej)
	}
	want := "引号未闭合：第 3 行开始的引号直到文件末尾都没有闭合，之后的 60000 行未能读取（引号在“专利名称”列）"
	if rej[0].Line != 3 || !strings.Contains(rej[0].Reason, want) {
		t.Errorf("reject %+v; want line 3 and %q", rej[0], want)
	}
	store.MustPatent(t, ingesttest.AppNo(1))
}

// The same, for a quote opened on the last line, for a programme file read
// through the same reader, and for a quote on the header line, which refuses
// the file.
func TestUnclosedQuoteShortAndInTables(t *testing.T) {
	dir := t.TempDir()
	path := MustWriteFile(t, dir, "末行.csv", []byte("申请号,专利名称\n"+ingesttest.AppNo(1)+",好\n"+ingesttest.AppNo(2)+",\"没有闭合"))
	sum, rej := MustImport(t, NewImporter(newFakeStore(t), nil, nil), path)
	if sum.Inserted != 1 || len(rej) != 1 || rej[0].Line != 3 || rej[0].Column != "专利名称" || !strings.Contains(rej[0].Reason, "第 3 行开始的引号直到文件末尾都没有闭合") || strings.Contains(rej[0].Reason, "之后的") {
		t.Errorf("summary %+v, rejects %+v", sum, rej)
	}

	tbl, err := openTable(MustWriteFile(t, dir, "表.csv", []byte("名称,地址\n甲,成都\n\"乙,绵阳\n丙,德阳\n丁,宜宾\n")), "", "登记表", []tableColumn{{"名称", []string{"名称"}}}, "名称")
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.close()
	var names, bad []string
	err = tbl.eachRow(func(r row) error { names = append(names, tbl.get(r, "名称").value); return nil },
		func(line int, p problem) error { bad = append(bad, p.column+"|"+p.reason); return nil })
	if err != nil || strings.Join(names, "|") != "甲" || len(bad) != 1 || !strings.HasPrefix(bad[0], "名称|") || !strings.Contains(bad[0], "第 3 行开始的引号直到文件末尾都没有闭合，之后的 2 行未能读取") {
		t.Errorf("rows %q, bad %q, err %v", names, bad, err)
	}

	_, err = openSource(MustWriteFile(t, dir, "表头.csv", []byte("申请号,\"专利名称\n"+ingesttest.AppNo(1)+",好\n")), "")
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "文件 表头.csv 的表头无法读取：引号未闭合：第 1 行开始的引号") {
		t.Errorf("header with an open quote: %v", err)
	}
}

// A quoted cell that spans lines legitimately (as Excel writes a cell with a
// line break), doubled quotes and a bare quote inside a plain cell all read as
// before; the rows after keep their own line numbers.
func TestQuotedCellsOverSeveralLines(t *testing.T) {
	content := "申请号,专利名称,摘要\r\n" +
		ingesttest.AppNo(1) + ",\"一种\"\"新型\"\"装置\",\"第一行\r\n第二行\n\n第四行\"\r\n" +
		"\n" +
		ingesttest.AppNo(2) + ",一种\"新\"装置,摘要,\r\n" +
		ingesttest.AppNo(3) + ",\"带逗号,的名称\",\"末尾\"\n"
	path := MustWriteFile(t, t.TempDir(), "多行.csv", []byte(content))
	src, err := openSource(path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	want := []row{
		{2, []string{ingesttest.AppNo(1), `一种"新型"装置`, "第一行\n第二行\n\n第四行"}},
		{7, []string{ingesttest.AppNo(2), `一种"新"装置`, "摘要", ""}},
		{8, []string{ingesttest.AppNo(3), "带逗号,的名称", "末尾"}},
	}
	for _, w := range want {
		got, err := src.next()
		if err != nil || got.line != w.line || strings.Join(got.values, "|") != strings.Join(w.values, "|") {
			t.Fatalf("row %+v, %v; want %+v", got, err, w)
		}
	}
	if _, err := src.next(); err == nil {
		t.Error("a row after the last")
	}
}

// A quote that closes only far below, after a cell longer than any column
// accepts, is one reject naming both lines, and the rows after it import.
func TestQuoteClosedFarBelow(t *testing.T) {
	var b strings.Builder
	b.WriteString("申请号,专利名称\n" + ingesttest.AppNo(1) + ",\"开头\n")
	for b.Len() < 4*patentbridge.MaxLongText {
		b.WriteString("被吞掉的一行文字\n")
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("末尾\",多余\n" + ingesttest.AppNo(2) + ",好\n")
	store := newFakeStore(t)
	sum, rej := MustImport(t, NewImporter(store, nil, nil), MustWriteFile(t, t.TempDir(), "远.csv", []byte(b.String())))
	if sum.Inserted != 1 || len(rej) != 1 || rej[0].Line != 2 {
		t.Fatalf("summary %+v, rejects %+v", sum, rej)
	}
	if want := "引号可能未闭合：第 2 行开始的引号到第 " + strconv.Itoa(lines+1) + " 行才闭合"; !strings.Contains(rej[0].Reason, want) || !strings.Contains(rej[0].Reason, "（引号在“专利名称”列）") {
		t.Errorf("reason %q; want %q", rej[0].Reason, want)
	}
	if p := store.MustPatent(t, ingesttest.AppNo(2)); p.Title != "好" {
		t.Errorf("row after: %+v", p)
	}
}

// Reading a 3 MB file whose quote is never closed does not hold the rest of the
// file: what the reader allocates stays far below the file's size.
func TestUnclosedQuoteMemoryIsBounded(t *testing.T) {
	content := quoteExport(60000)
	path := MustWriteFile(t, t.TempDir(), "quote.csv", []byte(content))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src, err := openSource(path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	n := 0
	for {
		_, err := src.next()
		if err != nil {
			if _, ok := err.(*badRow); ok {
				n++
				continue
			}
			break
		}
		n++
	}
	runtime.ReadMemStats(&after)
	t.Logf("allocated %d KB reading a %d KB file", (after.TotalAlloc-before.TotalAlloc)>>10, len(content)>>10)
	if n != 2 {
		t.Errorf("%d rows read, want 2", n)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(content))/3 {
		t.Errorf("allocated %d KB reading a %d KB file", alloc>>10, len(content)>>10)
	}
}
