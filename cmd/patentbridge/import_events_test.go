package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `import --kind events` stores an event file's rows of one event as one
// event with its projects and reports a bad row by line and column;
// `--kind cases` refuses a case naming a deal that is not stored.
func TestImportEventsAndCasesCLI(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	events := filepath.Join(dir, "活动.csv")
	_ = os.WriteFile(events, []byte("活动名称,活动类型,地区代码,活动日期,主办单位,参与人数,项目名称,申请号,项目单位\n"+
		"高校专利路演,路演,5101,2025-05-12,四川大学,80,锂电池正极材料,,四川大学\n"+
		"高校专利路演,路演,5101,2025-05-12,四川大学,,茶叶杀青机,,四川大学\n"+
		"坏行,酒会,5101,2025-05-12,四川大学,,项目,,\n"), 0o644)
	rejects := filepath.Join(dir, "rejects.csv")
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "events", "--db", dsn, "--json", "--rejects", rejects, events)
	if code != 0 {
		t.Fatal(stderr)
	}
	if s := decodeSummary(t, stdout); s.Read != 3 || s.Inserted != 2 || s.Rejected != 1 {
		t.Fatalf("summary %+v", s)
	}
	if b, _ := os.ReadFile(rejects); !strings.Contains(string(b), ",4,活动类型,") {
		t.Fatalf("rejects report does not name line 4's 活动类型:\n%s", b)
	}
	cases := filepath.Join(dir, "案例.csv")
	_ = os.WriteFile(cases, []byte("标题,正文,地区代码,发布日期,关联交易编号\n"+
		"四川大学专利许可案例,正文,5101,2025-10-01,\n"+
		"无此交易,正文,5101,2025-10-01,42\n"), 0o644)
	code, stdout, stderr = MustRun(t, nil, "import", "--kind", "cases", "--db", dsn, "--json", "--rejects", rejects, cases)
	if code != 0 {
		t.Fatal(stderr)
	}
	if s := decodeSummary(t, stdout); s.Inserted != 1 || s.Rejected != 1 {
		t.Fatalf("cases summary %+v", s)
	}
	if b, _ := os.ReadFile(rejects); !strings.Contains(string(b), "交易 42 不存在") {
		t.Fatalf("cases rejects:\n%s", b)
	}
}
