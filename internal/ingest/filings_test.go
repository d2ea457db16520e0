package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Valid credit codes of a Chengdu and a Mianyang enterprise.
const (
	codeChengdu  = "91510100MA61A0001R"
	codeMianyang = "91510700MA62B00026"
)

// programmeDB is a store with two registered enterprises (Chengdu, not an
// SME; Mianyang, an SME), an agency in Chengdu, and a transfer of appA to the
// Chengdu enterprise.
func programmeDB(t *testing.T) (*sqldb.DB, context.Context, *patentbridge.Deal) {
	t.Helper()
	db := sqldbtest.SQLite(t)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", CreditCode: codeChengdu},
		{Name: "绵阳长虹智能装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", CreditCode: codeMianyang, SME: true},
		{Name: "四川省知识产权服务促进中心", Type: patentbridge.PartyGovernment, CityCode: "5101"},
	} {
		if err := db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	d := &patentbridge.Deal{AppNo: appA, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
		ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: mustDate(t, "2025-03-01")}
	if err := db.CreateDeal(ctx, d); err != nil {
		t.Fatal(err)
	}
	return db, ctx, d
}

// The application numbers the crafted files use (valid check characters).
const (
	appA = "2021100000016"
	appB = "2021100000020"
	appC = "2022200000016"
)

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := patentbridge.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// writeCSV writes rows as a UTF-8 CSV file in a fresh directory.
func writeCSV(t *testing.T, name string, rows [][]string) string {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	return MustWriteFile(t, t.TempDir(), name, buf.Bytes())
}

// wantRejects compares a reject report with (line, column, reason part) rows.
func wantRejects(t *testing.T, rej *bytes.Buffer, file string, want [][3]string) {
	t.Helper()
	text := rej.String()
	got, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want)+1 {
		t.Fatalf("rejects CSV =\n%s", text)
	}
	for i, w := range want {
		g := got[i+1]
		if g[0] != file || g[1] != w[0] || g[2] != w[1] || !strings.Contains(g[4], w[2]) {
			t.Errorf("reject %d = %q, want line %s column %s reason ~%q", i, g, w[0], w[1], w[2])
		}
	}
}

// A filing file stores one product a row through the service: the enterprise
// by name or credit code, several patents with their sources (the assigned
// one linked to the enterprise's transfer), the year's figures in 万元 as
// fen; a later row of the same product updates its year; bad rows are
// reported by line and column.
func TestImportFilingsStoresProductsAndReportsRejects(t *testing.T) {
	db, ctx, transfer := programmeDB(t)
	path := writeCSV(t, "专利产品备案.csv", [][]string{
		{"企业名称", "统一社会信用代码", "产品名称", "型号", "申请号", "专利来源", "行业", "年度", "产值（万元）", "销售额(万元)", "备案日期"},
		{"成都芯动科技有限公司", "", "锂电池正极材料", "NCM-811", appA + "；" + appB, "受让；自有", "新能源", "2025", "300.5", "1,250", "2025-09-01"},
		{"", codeMianyang, "燃机叶片", "", appC, "许可", "高端装备", "2026", "120", "100万元", "2026/2/1"},
		{"成都芯动科技有限公司", "", "锂电池正极材料", "NCM-811", appA, "受让", "新能源", "2026", "400", "380", "2025-09-01"},
		{"未登记的公司", "", "产品甲", "", appA, "", "", "", "", "", "2025-01-01"},
		{"成都芯动科技有限公司", "", "产品乙", "", "123", "", "", "", "", "", "2025-01-01"},
		{"成都芯动科技有限公司", "", "产品丙", "", appB, "赠与", "", "", "", "", "2025-01-01"},
		{"成都芯动科技有限公司", "", "产品丁", "", appB, "", "", "2025", "很多", "", "2025-01-01"},
		{"成都芯动科技有限公司", "", "产品戊", "", appB, "", "", "", "", "", "2027-01-01"},
		{"成都芯动科技有限公司", "", "产品己", "", appA + "、" + appB + "、" + appC, "自有；受让", "", "", "", "", "2025-01-01"},
		{"成都芯动科技有限公司", "", "产品庚", "", appB, "", "", "", "80", "", "2025-01-01"},
	})
	var rej bytes.Buffer
	sum, err := ImportFilings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 10 || sum.Inserted != 2 || sum.Unchanged != 1 || sum.Rejected != 7 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "专利产品备案.csv", [][3]string{
		{"5", "企业名称", "机构名录中没有企业"},
		{"6", "申请号", "无效"},
		{"7", "专利来源", "自有、许可或受让"},
		{"8", "产值（万元）", "不是数字"},
		{"9", "备案日期", "晚于今天"},
		{"10", "专利来源", "一一对应"},
		{"11", "年度", "请填写其年度"},
	})
	fs, total, err := db.ListFilings(ctx, patentbridge.FilingFilter{})
	if err != nil || total != 2 {
		t.Fatalf("filings: %d %v", total, err)
	}
	cd, my := fs[1], fs[0] // latest filed first
	if cd.OrgName != "成都芯动科技有限公司" || cd.City != "5101" || len(cd.Patents) != 2 || len(cd.Years) != 2 {
		t.Fatalf("Chengdu filing: %+v", cd)
	}
	if y, _ := cd.Year(2025); y.OutputFen != 300_500_000 || y.SalesFen != 1_250_000_000 {
		t.Errorf("2025 in fen: %+v", y)
	}
	if y, _ := cd.Year(2026); y.OutputFen != 400_000_000 {
		t.Errorf("2026 update: %+v", y)
	}
	for _, p := range cd.Patents {
		if p.AppNo == appA && (p.Source != patentbridge.SourceAssigned || p.DealID != transfer.ID) || p.AppNo == appB && p.Source != patentbridge.SourceOwn {
			t.Errorf("patent %+v (transfer %d)", p, transfer.ID)
		}
	}
	if my.OrgName != "绵阳长虹智能装备有限公司" || my.City != "5107" || !my.SME || my.Patents[0].Source != patentbridge.SourceLicensed || my.Years[0].SalesFen != 100_000_000 {
		t.Errorf("Mianyang filing: %+v", my)
	}
	// The same file again changes nothing: every stored row is unchanged.
	sum, err = ImportFilings(ctx, db, []string{path}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 0 || sum.Unchanged != 3 || sum.Rejected != 7 {
		t.Errorf("re-import = %+v %v", sum, err)
	}
	if _, total, _ := db.ListFilings(ctx, patentbridge.FilingFilter{}); total != 2 {
		t.Errorf("%d filings after the re-import", total)
	}
	admin := patentbridge.WithUser(ctx, &patentbridge.User{Role: patentbridge.RoleAdmin})
	if es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: "filing.year"}); err != nil || len(es) != 1 {
		t.Errorf("%d filing.year audit rows (only the first import's 2026 update), %v", len(es), err)
	}
	// A file without the required columns is refused before anything is written.
	bad := writeCSV(t, "缺列.csv", [][]string{{"企业名称", "产品名称"}, {"成都芯动科技有限公司", "新产品"}})
	if _, err := ImportFilings(ctx, db, []string{bad}, patentbridge.ImportOptions{}); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("a file without 申请号: %v", err)
	}
}

// A commissioner file registers commissioners (the same again unchanged);
// a service file records their services, the enterprise by name or credit
// code giving the city; bad rows are reported by line and column.
func TestImportCommissionersAndServices(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	cpath := writeCSV(t, "专员名册.csv", [][]string{
		{"姓名", "所属机构", "所在市（州）", "登记日期", "离任日期"},
		{"王芳", "四川省知识产权服务促进中心", "510104", "2025-01-10", ""},
		{"李强", "绵阳科技城知识产权服务中心", "5107", "2025/3/1", "2026-06-30"},
		{"王芳", "四川省知识产权服务促进中心", "", "2025-01-10", ""},
		{"李强", "绵阳科技城知识产权服务中心", "5107", "2025-03-01", "2026-06-30"},
		{"赵敏", "", "", "2025-01-01", ""},
		{"钱七", "", "5101", "2025-13-01", ""},
	})
	var rej bytes.Buffer
	sum, err := ImportCommissioners(ctx, db, []string{cpath}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Unchanged != 2 || sum.Rejected != 2 {
		t.Errorf("commissioners summary = %+v", sum)
	}
	wantRejects(t, &rej, "专员名册.csv", [][3]string{{"6", "所在市（州）", "请填写"}, {"7", "登记日期", "无效"}})
	// A later roll records 王芳's leaving on her stored record.
	left := writeCSV(t, "专员名册2.csv", [][]string{{"专员姓名", "所属机构", "登记日期", "离任日期"}, {"王芳", "四川省知识产权服务促进中心", "2025-01-10", "2026-10-31"}})
	if sum, err := ImportCommissioners(ctx, db, []string{left}, patentbridge.ImportOptions{}); err != nil || sum.Updated != 1 || sum.Unchanged != 0 {
		t.Fatalf("the later roll: %+v %v", sum, err)
	}
	if cs, total, _ := db.ListCommissioners(ctx, patentbridge.CommissionerFilter{Name: "王芳"}); total != 1 || !cs[0].LeftOn.Equal(mustDate(t, "2026-10-31")) {
		t.Fatalf("王芳 after the later roll: %d %+v", total, cs)
	}

	spath := writeCSV(t, "服务记录.csv", [][]string{
		{"专员姓名", "服务企业", "统一社会信用代码", "服务日期", "服务类型", "服务成效"},
		{"王芳", "成都芯动科技有限公司", "", "2026-03-05", "价值评估", "完成2件专利的价值评估"},
		{"李强", "", codeMianyang, "20251120", "对接谈判", ""},
		{"王芳", "成都芯动科技有限公司", "", "2026-03-05", "价值评估", "再次导入"},
		{"李强", "某公司", "", "2026-07-01", "专利申请与维护", ""},
		{"张三", "某公司", "", "2026-03-05", "转化运用", ""},
		{"王芳", "某公司", "", "2026-03-05", "咨询", ""},
		{"王芳", "某公司", "", "2026-3-32", "信息披露", ""},
	})
	rej.Reset()
	sum, err = ImportServices(ctx, db, []string{spath}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Unchanged != 1 || sum.Rejected != 4 {
		t.Errorf("services summary = %+v", sum)
	}
	wantRejects(t, &rej, "服务记录.csv", [][3]string{
		{"5", "服务日期", "任职期间"}, {"6", "专员姓名", "未找到专员"}, {"7", "服务类型", "无效"}, {"8", "服务日期", "无效"},
	})
	rs, total, err := db.ListServiceRecords(ctx, patentbridge.ServiceFilter{})
	if err != nil || total != 2 {
		t.Fatalf("service records: %d %v", total, err)
	}
	if rs[0].City != "5101" || rs[0].Type != patentbridge.ServiceValuation || rs[0].CommissionerName != "王芳" || rs[0].Outcome != "完成2件专利的价值评估" {
		t.Errorf("Chengdu record: %+v", rs[0])
	}
	if rs[1].City != "5107" || rs[1].OrgName != "绵阳长虹智能装备有限公司" || rs[1].OrgID == 0 {
		t.Errorf("Mianyang record: %+v", rs[1])
	}
}

// A commissioner roll records a leave once: a row leaving a serving
// commissioner updates it, the same row again is unchanged, and a row giving
// another day, or a day before the commissioner's latest service, is
// rejected in 离任日期.
func TestImportCommissionersRecordsALeaveOnce(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	roll := func(name, left string) string {
		return writeCSV(t, name, [][]string{{"专员姓名", "所属机构", "所在市(州)", "登记日期", "离任日期"}, {"王芳", "四川省知识产权服务促进中心", "5101", "2025-01-10", left}})
	}
	if sum, err := ImportCommissioners(ctx, db, []string{roll("名册.csv", "")}, patentbridge.ImportOptions{}); err != nil || sum.Inserted != 1 {
		t.Fatalf("the first roll: %+v %v", sum, err)
	}
	services := writeCSV(t, "服务记录.csv", [][]string{{"专员姓名", "服务企业", "服务日期", "服务类型"}, {"王芳", "成都芯动科技有限公司", "2026-03-01", "价值评估"}})
	if sum, err := ImportServices(ctx, db, []string{services}, patentbridge.ImportOptions{}); err != nil || sum.Inserted != 1 {
		t.Fatalf("the service: %+v %v", sum, err)
	}
	steps := []struct {
		file, left           string
		updated, unchanged   int
		rejectCol, rejectMsg string
	}{
		{"早于服务.csv", "2026-02-15", 0, 0, "离任日期", "2026-03-01"},
		{"离任.csv", "2026-10-31", 1, 0, "", ""},
		{"离任again.csv", "2026-10-31", 0, 1, "", ""},
		{"改期.csv", "2026-11-01", 0, 0, "离任日期", "已于 2026-10-31 离任"},
		{"无离任.csv", "", 0, 1, "", ""},
	}
	for _, s := range steps {
		var rej bytes.Buffer
		sum, err := ImportCommissioners(ctx, db, []string{roll(s.file, s.left)}, patentbridge.ImportOptions{Rejects: &rej})
		if err != nil || sum.Inserted != 0 || sum.Updated != s.updated || sum.Unchanged != s.unchanged {
			t.Errorf("%s: %+v %v", s.file, sum, err)
		}
		if s.rejectCol != "" {
			wantRejects(t, &rej, s.file, [][3]string{{"2", s.rejectCol, s.rejectMsg}})
		} else if sum.Rejected != 0 {
			t.Errorf("%s: rejects %s", s.file, rej.String())
		}
	}
	if cs, total, _ := db.ListCommissioners(ctx, patentbridge.CommissionerFilter{Name: "王芳"}); total != 1 || !cs[0].LeftOn.Equal(mustDate(t, "2026-10-31")) {
		t.Errorf("王芳 after the rolls: %d %+v", total, cs)
	}
}

// A row filing a stored patent of another owner as 自有 is rejected on its
// 申请号, naming the patent and its owner; the enterprise's own row is stored.
func TestImportFilingsRejectsAnotherOwnersPatentAsOwn(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	d := "202225176326"
	jz := d + patentbridge.AppNoCheckChar(d)
	owner := []patentbridge.Party{{Name: "四川九洲电器集团有限责任公司", Type: patentbridge.PartyEnterprise}}
	p := &patentbridge.Patent{AppNo: jz, Kind: patentbridge.KindUtility, Title: "一种雷达天线罩", AppDate: mustDate(t, "2022-07-11"),
		Status: patentbridge.StatusInForce, Applicants: owner, Patentees: owner, RegionCode: "510703"}
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		t.Fatal(err)
	}
	path := writeCSV(t, "备案.csv", [][]string{
		{"企业名称", "产品名称", "申请号", "专利来源", "备案日期"},
		{"成都天府锂电科技有限公司", "储能电池", jz, "自有", "2026-01-01"},
		{"成都芯动科技有限公司", "雷达天线罩", jz, "自有", "2026-01-01"},
		{"成都芯动科技有限公司", "涂布机", appB, "自有", "2026-01-01"},
	})
	if err := db.CreateOrganization(ctx, &patentbridge.Organization{Name: "成都天府锂电科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"}); err != nil {
		t.Fatal(err)
	}
	var rej bytes.Buffer
	sum, err := ImportFilings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Inserted != 1 || sum.Rejected != 2 {
		t.Fatalf("summary = %+v %v", sum, err)
	}
	wantRejects(t, &rej, "备案.csv", [][3]string{{"2", "申请号", jz + " 登记的专利权人是“四川九洲电器集团有限责任公司”"}, {"3", "申请号", "四川九洲"}})
}
