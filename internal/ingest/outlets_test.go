package ingest

import (
	"bytes"
	"testing"

	"patentbridge"
)

// An outlet file stores one agency or outlet a row through the service; the
// same outlet again is unchanged and records its closing, and the rows the
// service or the converter refuse are reported by line and column.
func TestImportOutlets(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	path := writeCSV(t, "网点.csv", [][]string{
		{"名称", "类型（服务机构/网点）", "依托单位", "地区代码", "设立日期", "撤销日期"},
		{"成都高新区知识产权网点", "网点", "四川省知识产权服务促进中心", "", "2026-03-01", ""},
		{"绵阳知识产权服务中心", "服务机构", "", "510703", "2025/6/1", ""},
		{"成都高新区知识产权网点", "网点", "四川省知识产权服务促进中心", "", "2026-03-01", "2026-10-31"},
		{"某网点", "站点", "", "5101", "2026-01-01", ""},
		{"某网点二", "网点", "", "5101", "2026-12-30", ""},
		{"某网点三", "网点", "", "", "2026-01-01", ""},
		{"某网点四", "网点", "", "5101", "2026-13-01", ""},
	})
	var rej bytes.Buffer
	sum, err := ImportOutlets(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Updated != 1 || sum.Unchanged != 0 || sum.Rejected != 4 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "网点.csv", [][3]string{
		{"5", "类型（服务机构/网点）", "无效"}, {"6", "设立日期", "晚于今天"}, {"7", "地区代码", "请填写所在市"}, {"8", "设立日期", "无效"},
	})
	os, total, err := db.ListOutlets(ctx, patentbridge.OutletFilter{})
	if err != nil || total != 2 {
		t.Fatalf("outlets: %d %v", total, err)
	}
	byName := map[string]*patentbridge.ServiceOutlet{}
	for _, o := range os {
		byName[o.Name] = o
	}
	if o := byName["成都高新区知识产权网点"]; o == nil || o.Kind != patentbridge.OutletPoint || o.City != "5101" || !o.ClosedOn.Equal(mustDate(t, "2026-10-31")) {
		t.Errorf("the Chengdu outlet: %+v", o)
	}
	if o := byName["绵阳知识产权服务中心"]; o == nil || o.Kind != patentbridge.OutletAgency || o.City != "5107" || !o.OpenedOn.Equal(mustDate(t, "2025-06-01")) {
		t.Errorf("the Mianyang agency: %+v", o)
	}
	// The same file again stores nothing: the closed outlet is the one of its opening day.
	if sum, err := ImportOutlets(ctx, db, []string{path}, patentbridge.ImportOptions{}); err != nil || sum.Inserted != 0 || sum.Unchanged != 3 || sum.Rejected != 4 {
		t.Errorf("again: %+v %v", sum, err)
	}
	if _, total, _ := db.ListOutlets(ctx, patentbridge.OutletFilter{}); total != 2 {
		t.Errorf("%d outlets after the file again", total)
	}
	// A file closing the outlet on another day is refused in 撤销日期; the stored day stays.
	moved := writeCSV(t, "网点改期.csv", [][]string{{"名称", "类型", "所在市(州)", "设立日期", "撤销日期"}, {"成都高新区知识产权网点", "网点", "5101", "2026-03-01", "2026-11-15"}})
	rej.Reset()
	if sum, err := ImportOutlets(ctx, db, []string{moved}, patentbridge.ImportOptions{Rejects: &rej}); err != nil || sum.Rejected != 1 || sum.Updated != 0 {
		t.Errorf("another closing day: %+v %v", sum, err)
	}
	wantRejects(t, &rej, "网点改期.csv", [][3]string{{"2", "撤销日期", "已于 2026-10-31 撤销"}})
	if os, _, _ := db.ListOutlets(ctx, patentbridge.OutletFilter{City: "5101"}); len(os) != 1 || !os[0].ClosedOn.Equal(mustDate(t, "2026-10-31")) {
		t.Errorf("the Chengdu outlet after another closing day: %+v", os)
	}
	if _, err := ImportOutlets(ctx, db, []string{writeCSV(t, "缺列.csv", [][]string{{"名称", "依托单位"}, {"x", "y"}})}, patentbridge.ImportOptions{}); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("a file without 类型 and 设立日期: %v", err)
	}
}

// A technology manager file registers one manager a row; the same manager
// again is unchanged.
func TestImportTechManagers(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	path := writeCSV(t, "技术经理人.csv", [][]string{
		{"姓名", "工作单位", "所在市（州）", "登记日期"},
		{"张伟", "四川省知识产权服务促进中心", "", "2026-02-10"},
		{"李娜", "", "5107", "20260301"},
		{"张伟", "四川省知识产权服务促进中心", "", "2026-02-10"},
		{"", "某单位", "5101", "2026-01-01"},
		{"王五", "", "51", "2026-01-01"},
		{"赵六", "", "5101", "2026-02-30"},
	})
	var rej bytes.Buffer
	sum, err := ImportTechManagers(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Unchanged != 1 || sum.Rejected != 3 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "技术经理人.csv", [][3]string{{"5", "姓名", "请填写"}, {"6", "所在市（州）", "不是四川省的市（州）代码"}, {"7", "登记日期", "无效"}})
	ms, total, err := db.ListTechManagers(ctx, patentbridge.TechManagerFilter{})
	if err != nil || total != 2 {
		t.Fatalf("managers: %d %v", total, err)
	}
	for _, m := range ms {
		if m.Name == "张伟" && (m.City != "5101" || m.OrgID == 0) || m.Name == "李娜" && (m.City != "5107" || !m.RegisteredOn.Equal(mustDate(t, "2026-03-01"))) {
			t.Errorf("manager %+v", m)
		}
	}
}

// A pilot base file stores one base a row; a base of the same name again is
// unchanged.
func TestImportPilotBases(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	path := writeCSV(t, "中试基地.csv", [][]string{
		{"基地名称", "依托单位", "所在市(州)", "成立日期"},
		{"四川省先进材料中试熟化基地", "四川大学", "5101", "2026-04-01"},
		{"绵阳电子信息中试熟化基地", "绵阳长虹智能装备有限公司", "510700", "2025-09-01"},
		{"四川省先进材料中试熟化基地", "四川大学", "5101", "2026-04-01"},
		{"某基地", "", "5101", "2026-01-01"},
		{"某基地二", "某单位", "5101", "2027-01-01"},
		{"某基地三", "某单位", "99", "2026-01-01"},
	})
	var rej bytes.Buffer
	sum, err := ImportPilotBases(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Unchanged != 1 || sum.Rejected != 3 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "中试基地.csv", [][3]string{{"5", "依托单位", "请填写"}, {"6", "成立日期", "晚于"}, {"7", "所在市(州)", "99"}})
	bs, total, err := db.ListPilotBases(ctx, patentbridge.ProgrammeFilter{})
	if err != nil || total != 2 {
		t.Fatalf("bases: %d %v", total, err)
	}
	for _, b := range bs {
		if b.Name == "绵阳电子信息中试熟化基地" && (b.City != "5107" || b.OrgID == 0 || !b.EstablishedOn.Equal(mustDate(t, "2025-09-01"))) {
			t.Errorf("the Mianyang base: %+v", b)
		}
	}
}

// A pipeline file screens one enterprise a row and moves it on to the stages
// the row dates; importing it again changes nothing.
func TestImportListings(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	if err := db.CreateOrganization(ctx, &patentbridge.Organization{Name: "成都星河生物科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"}); err != nil {
		t.Fatal(err)
	}
	path := writeCSV(t, "科创板.csv", [][]string{
		{"企业名称", "地区代码", "入库日期", "跟踪日期", "上市日期"},
		{"成都芯动科技有限公司", "", "2026-01-20", "", ""},
		{"绵阳长虹智能装备有限公司", "", "2025-05-01", "2025-09-01", "2026-10-10"},
		{"成都芯动科技有限公司", "", "2026-01-20", "2026-06-15", ""},
		{"某未登记公司", "5101", "2026-01-01", "", ""},
		{"成都星河生物科技有限公司", "", "2026-01-01", "", "2026-05-01"},
		{"成都星河生物科技有限公司", "", "2026-03-01", "2026-02-01", ""},
		{"成都星河生物科技有限公司", "", "2026-03-01", "2026-04-01", "2026-12-01"},
		{"四川省知识产权服务促进中心", "", "2026-03-01", "", ""},
	})
	var rej bytes.Buffer
	sum, err := ImportListings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Unchanged != 1 || sum.Rejected != 5 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, "科创板.csv", [][3]string{
		{"5", "企业名称", "单位名录中没有"}, {"6", "跟踪日期", "须同时填写跟踪日期"}, {"7", "跟踪日期", "早于入库日期"}, {"8", "上市日期", "晚于今天"}, {"9", "企业名称", "只收录企业"},
	})
	check := func(when string) {
		t.Helper()
		cs, total, err := db.ListListingCandidates(ctx, patentbridge.ProgrammeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]*patentbridge.ListingCandidate{}
		for _, c := range cs {
			got[c.OrgName] = c
		}
		// Row 8's enterprise was screened in and followed before its 上市日期 was refused.
		if c := got["成都星河生物科技有限公司"]; total != 3 || c == nil || c.Stage != patentbridge.ListingFollowed {
			t.Errorf("%s: %d candidates, row 8's %+v", when, total, c)
		}
		if c := got["成都芯动科技有限公司"]; c == nil || c.Stage != patentbridge.ListingFollowed || !c.FollowedOn.Equal(mustDate(t, "2026-06-15")) || c.City != "5101" {
			t.Errorf("%s: 芯动 %+v", when, c)
		}
		if c := got["绵阳长虹智能装备有限公司"]; c == nil || c.Stage != patentbridge.ListingListed || !c.ListedOn.Equal(mustDate(t, "2026-10-10")) || !c.FollowedOn.Equal(mustDate(t, "2025-09-01")) {
			t.Errorf("%s: 长虹 %+v", when, c)
		}
	}
	check("first import")
	rej.Reset()
	sum, err = ImportListings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Inserted != 0 || sum.Unchanged != 3 || sum.Rejected != 5 {
		t.Errorf("again: %+v %v\n%s", sum, err, rej.String())
	}
	check("again")
}

// Each template's example row imports as one record, and a file with only
// the first column fails before anything is written.
func TestOutletPilotListingTemplateExamplesImport(t *testing.T) {
	db, ctx, _ := programmeDB(t)
	for _, k := range []struct {
		name    string
		columns []TemplateColumn
		imp     func(paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error)
	}{
		{"outlets", OutletColumns, func(p []string, o patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
			return ImportOutlets(ctx, db, p, o)
		}},
		{"managers", TechManagerColumns, func(p []string, o patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
			return ImportTechManagers(ctx, db, p, o)
		}},
		{"pilot_bases", PilotBaseColumns, func(p []string, o patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
			return ImportPilotBases(ctx, db, p, o)
		}},
		{"listings", ListingColumns, func(p []string, o patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
			return ImportListings(ctx, db, p, o)
		}},
	} {
		header, example, _, _ := TemplateRows(k.columns)
		var rej bytes.Buffer
		sum, err := k.imp([]string{writeCSV(t, k.name+".csv", [][]string{header, example})}, patentbridge.ImportOptions{Rejects: &rej})
		if err != nil || sum.Inserted != 1 || sum.Rejected != 0 {
			t.Errorf("%s example: %+v %v\n%s", k.name, sum, err, rej.String())
		}
		if _, err := k.imp([]string{writeCSV(t, k.name+"-short.csv", [][]string{header[:1], example[:1]})}, patentbridge.ImportOptions{}); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("%s with only %s: %v", k.name, header[0], err)
		}
	}
}
