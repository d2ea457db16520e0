package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A deal file from the command line: rows stored, the same deal twice merged,
// a bad row in the report; a patent export's transfer becomes a deal once,
// however often the export is imported.
func TestImportDealsCommand(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	file := filepath.Join(dir, "交易.csv")
	content := "申请号,交易类型,让与方,让与方类型,受让方,受让方类型,受让方地区代码,金额(万元),合同日期\n" +
		"2021109876548,转让,四川大学,大专院校,成都芯动科技有限公司,企业,510104,20,2026-06-30\n" +
		"2021109876548,转让,四川大学,大专院校,成都芯动科技有限公司,企业,510104,20,2026-06-30\n" +
		"2021109876548,赠与,四川大学,大专院校,成都芯动科技有限公司,企业,510104,20,2026-06-30\n"
	_ = os.WriteFile(file, []byte(content), 0o644)
	rejects := filepath.Join(dir, "rejects.csv")
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "deals", "--db", dsn, "--json", "--rejects", rejects, file)
	if code != 0 {
		t.Fatal(stderr)
	}
	if s := decodeSummary(t, stdout); s.Read != 3 || s.Inserted != 1 || s.Unchanged != 1 || s.Rejected != 1 {
		t.Fatalf("summary %+v", s)
	}
	if b, _ := os.ReadFile(rejects); !strings.Contains(string(b), "交易.csv,4,交易类型,赠与,") {
		t.Fatalf("rejects:\n%s", b)
	}
	export := filepath.Join(dir, "专利.csv")
	_ = os.WriteFile(export, []byte("申请号,专利名称,申请人,当前权利人,法律事件,转让日期\n"+
		"2022232206652,一种装置,四川大学,成都芯动科技有限公司,2023-05-12 授权,2024-06-01\n"), 0o644)
	for i, want := range []string{"法律事件中的转让、许可登记为交易：新增 1，与已有交易合并 0，无法登记 0", ""} {
		code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, export)
		if code != 0 || (want != "" && !strings.Contains(stdout, want)) || (want == "" && strings.Contains(stdout, "法律事件")) {
			t.Fatalf("patent import %d: %d %q %q", i, code, stdout, stderr)
		}
	}
}
