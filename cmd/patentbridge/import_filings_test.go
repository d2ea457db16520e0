package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// A product filing file imports through --kind filings once its enterprise
// is in the registry (here from an SME list): the row becomes a filing in
// the enterprise's city, audited as the command line's act; a row of an
// unregistered enterprise is rejected.
func TestImportFilingsKind(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	smes := filepath.Join(dir, "中小企业名单.csv")
	_ = os.WriteFile(smes, []byte("单位名称,统一社会信用代码,所属市(州)\n绵阳长虹智能装备有限公司,91510700MA62B00026,绵阳市\n"), 0o644)
	if code, _, stderr := MustRun(t, nil, "import", "--kind", "sme", "--db", dsn, "--json", smes); code != 0 {
		t.Fatal(stderr)
	}
	filings := filepath.Join(dir, "专利产品备案.csv")
	_ = os.WriteFile(filings, []byte("企业名称,产品名称,申请号,专利来源,年度,产值(万元),销售额(万元),备案日期\n"+
		"绵阳长虹智能装备有限公司,燃机叶片,2022200000016,自有,2025,120,100,2025-09-01\n"+
		"未登记的公司,产品甲,2022200000016,自有,,,,2025-09-01\n"), 0o644)
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "filings", "--db", dsn, "--json", filings)
	if code != 0 {
		t.Fatal(stderr)
	}
	if s := decodeSummary(t, stdout); s.Read != 2 || s.Inserted != 1 || s.Rejected != 1 {
		t.Fatalf("summary %+v", s)
	}
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	fs, total, err := db.ListFilings(admin, patentbridge.FilingFilter{City: "5107", Year: 2025})
	if err != nil || total != 1 || !fs[0].SME || fs[0].Years[0].OutputFen != 120_000_000 {
		t.Fatalf("filings = %d %v", total, err)
	}
	es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: "filing.create"})
	if err != nil || len(es) != 1 || es[0].Address != "cli" {
		t.Errorf("audit = %+v, %v; want one filing from cli", es, err)
	}
}
