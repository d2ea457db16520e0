package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importJSON is what `import --json` prints, errors included.
type importJSON struct {
	Files, Read, Inserted, Rejected int
	Errors                          []struct{ File, Code, Message string }
}

func mustImportJSON(t *testing.T, stdout string) importJSON {
	t.Helper()
	var r importJSON
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("import --json printed %q: %v", stdout, err)
	}
	return r
}

// A file that cannot be imported (empty, an unknown header) is reported in the
// JSON with its name and a Chinese message, exits 1, leaves a reject report
// with its header row, and does not stop the other files from importing.
func TestImportFailureReportsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	header := "基地名称,依托单位,地区代码,成立日期\n"
	mA := write("mA.csv", header+"成都中试基地甲,四川大学,510100,2024-01-05\n")
	mB := write("mB.csv", header+"绵阳中试基地乙,西南科技大学,510700,2024-02-05\n,缺名称,510700,2024-02-05\n")
	unk := write("unk.csv", "名字,地方\n甲,乙\n")
	empty := write("empty.csv", "")

	rejects := filepath.Join(dir, "rq.csv")
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "pilot_bases", "--db", dsn, "--json", "--rejects", rejects, empty)
	r := mustImportJSON(t, stdout)
	if code != 1 || len(r.Errors) != 1 || r.Errors[0].File != "empty.csv" || r.Errors[0].Code != "EINVALID" || !strings.Contains(r.Errors[0].Message, "empty.csv") {
		t.Fatalf("empty file: %d %+v %q", code, r, stderr)
	}
	if b, _ := os.ReadFile(rejects); string(b) != "\ufeff文件,行,列,值,原因\n" {
		t.Errorf("rejects of a failed import: %q", b)
	}

	code, stdout, stderr = MustRun(t, nil, "import", "--kind", "pilot_bases", "--db", dsn, "--json", "--rejects", rejects, mA, unk, mB)
	r = mustImportJSON(t, stdout)
	if code != 1 || r.Files != 2 || r.Inserted != 2 || r.Rejected != 1 || len(r.Errors) != 1 || r.Errors[0].File != "unk.csv" || !strings.Contains(r.Errors[0].Message, "基地名称") {
		t.Fatalf("mA unk mB: %d %+v %q", code, r, stderr)
	}
	b, _ := os.ReadFile(rejects)
	if got := string(b); strings.Count(got, "文件,行,列,值,原因") != 1 || !strings.HasPrefix(got, "\ufeff文件,行,列,值,原因\n") || !strings.Contains(got, "mB.csv,3,") {
		t.Errorf("rejects:\n%s", got)
	}

	code, stdout, stderr = MustRun(t, nil, "import", "--kind", "pilot_bases", "--db", dsn, mA, unk)
	if code != 1 || !strings.Contains(stderr, "unk.csv") || !strings.Contains(stdout, "文件 1 个，读取 1 行：新增 0，更新 0，未变 1") {
		t.Errorf("text output: %d %q %q", code, stdout, stderr)
	}
}

// A quote never closed in a programme file is one reject naming where it opened
// and the lines lost; the rows before it import.
func TestImportUnclosedQuote(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("基地名称,依托单位,地区代码,成立日期\n成都中试基地甲,四川大学,510100,2024-01-05\n\"QA未闭合,四川大学,510100,2024-01-05\n")
	for range 2000 {
		b.WriteString("成都中试基地乙,四川大学,510100,2024-01-05\n")
	}
	file := filepath.Join(dir, "quote.csv")
	_ = os.WriteFile(file, []byte(b.String()), 0o644)
	rejects := filepath.Join(dir, "rq.csv")
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "pilot_bases", "--db", "sqlite:"+filepath.Join(dir, "pb.db"), "--json", "--rejects", rejects, file)
	r := mustImportJSON(t, stdout)
	if code != 0 || r.Read != 2 || r.Inserted != 1 || r.Rejected != 1 {
		t.Fatalf("%d %+v %q", code, r, stderr)
	}
	if got, _ := os.ReadFile(rejects); !strings.Contains(string(got), "quote.csv,3,基地名称,,引号未闭合：第 3 行开始的引号直到文件末尾都没有闭合，之后的 2000 行未能读取") {
		t.Errorf("rejects:\n%s", got)
	}
}
