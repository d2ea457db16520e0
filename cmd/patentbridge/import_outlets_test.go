package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// Outlets, technology managers, pilot bases and the 科创板 pipeline import
// through their --kind: each file's good row is stored as the command
// line's act, its bad row rejected.
func TestImportOutletsManagersPilotBasesListings(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	smes := filepath.Join(dir, "中小企业名单.csv")
	_ = os.WriteFile(smes, []byte("单位名称,统一社会信用代码,所属市(州)\n绵阳长虹智能装备有限公司,91510700MA62B00026,绵阳市\n"), 0o644)
	if code, _, stderr := MustRun(t, nil, "import", "--kind", "sme", "--db", dsn, "--json", smes); code != 0 {
		t.Fatal(stderr)
	}
	files := []struct{ kind, name, text, action string }{
		{"outlets", "网点.csv", "名称,类型,依托单位,所在市(州),设立日期\n绵阳知识产权网点,网点,绵阳长虹智能装备有限公司,,2025-06-01\n某网点,站点,,5101,2025-06-01\n", "outlet.create"},
		{"managers", "技术经理人.csv", "姓名,所属机构,所在市(州),登记日期\n张伟,,5107,2025-02-10\n,,5101,2025-02-10\n", "tech_manager.create"},
		{"pilot_bases", "中试基地.csv", "基地名称,依托单位,地区代码,成立日期\n绵阳中试熟化基地,绵阳长虹智能装备有限公司,5107,2025-09-01\n某基地,,5101,2025-09-01\n", "pilot_base.create"},
		{"listings", "科创板.csv", "企业名称,入库日期,跟踪日期\n绵阳长虹智能装备有限公司,2025-05-01,2025-09-01\n未登记的公司,2025-05-01,\n", "listing.advance"},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		_ = os.WriteFile(path, []byte(f.text), 0o644)
		code, stdout, stderr := MustRun(t, nil, "import", "--kind", f.kind, "--db", dsn, "--json", path)
		if code != 0 {
			t.Fatalf("%s: %s", f.kind, stderr)
		}
		if s := decodeSummary(t, stdout); s.Read != 2 || s.Inserted != 1 || s.Rejected != 1 {
			t.Errorf("%s: summary %+v", f.kind, s)
		}
	}
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	for _, f := range files {
		es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: f.action})
		if err != nil || len(es) != 1 || es[0].Address != "cli" {
			t.Errorf("%s audit = %+v, %v; want one from cli", f.action, es, err)
		}
	}
	if cs, _, err := db.ListListingCandidates(admin, patentbridge.ProgrammeFilter{}); err != nil || len(cs) != 1 || cs[0].Stage != patentbridge.ListingFollowed {
		t.Errorf("the pipeline: %+v %v", cs, err)
	}
}
