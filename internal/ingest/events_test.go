package ingest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/ingest"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// writeCSV writes the records as a UTF-8 CSV file in a temporary directory.
func writeCSV(t *testing.T, name string, records [][]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// programmeStore is a real SQLite store with a registered university and
// enterprise of Chengdu, a Chengdu and a Mianyang deal, and a Chengdu city user.
func programmeStore(t *testing.T) (db *sqldb.DB, chengdu context.Context, cdDeal, myDeal int64) {
	t.Helper()
	db = sqldbtest.SQLite(t)
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "电子科技大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"},
	} {
		if err := db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	for _, region := range []string{"510104", "510703"} {
		d := &patentbridge.Deal{AppNo: "2022232206652", Kind: patentbridge.DealTransfer, FromName: "电子科技大学", FromType: patentbridge.PartyUniversity,
			ToName: "企业" + region, ToType: patentbridge.PartyEnterprise, ToRegionCode: region, ContractDate: sqldbtest.Start.AddDate(0, -2, 0)}
		if err := db.CreateDeal(cli, d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	u, err := db.CreateUser(cli, patentbridge.NewUser{Username: "chengdu", Name: "成都", Role: patentbridge.RoleCity, CityCode: "5101", Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	return db, patentbridge.WithUser(cli, u), ids[0], ids[1]
}

// wantRejects compares a reject report with (file, line, column, reason part) rows.
func wantRejects(t *testing.T, rej *bytes.Buffer, want [][]string) {
	t.Helper()
	got, err := csv.NewReader(rej).ReadAll()
	if err != nil || len(got) != len(want)+1 {
		t.Fatalf("rejects CSV (%v) =\n%s", err, rej.String())
	}
	for i, w := range want {
		g := got[i+1]
		if g[0] != w[0] || g[1] != w[1] || g[2] != w[2] || !strings.Contains(g[4], w[3]) {
			t.Errorf("reject %d = %q, want %q", i, g, w)
		}
	}
}

var eventHeader = []string{"活动名称", "活动类型", "地区代码", "活动日期", "主办单位", "参与人数", "项目名称", "申请号", "项目单位"}

// Rows of one event (same 活动名称 and 活动日期) become one event with its
// projects; a second import adds only the new row's project; bad rows and
// rows contradicting the stored event are rejected naming their column.
func TestImportEventsOneRowPerProject(t *testing.T) {
	db, chengdu, _, _ := programmeStore(t)
	path := writeCSV(t, "活动.csv", [][]string{
		eventHeader,
		{"电子科技大学专利路演", "路演", "5101", "2026-05-12", "电子科技大学", "120", "射频芯片封装", "2022232206652", "电子科技大学"},
		{"电子科技大学专利路演", "路演", "5101", "2026/5/12", "电子科技大学", "", "毫米波雷达", "", "电子科技大学"},
		{"入园惠企活动", "入园惠企", "5101", "20260601", "成都市知识产权局", "60", "茶叶杀青机", "", ""},
		{"坏类型", "酒会", "5101", "2026-06-01", "某单位", "", "项目", "", ""},               // line 5
		{"绵阳路演", "路演", "5107", "2026-06-02", "某单位", "", "项目", "", ""},              // line 6: another city
		{"电子科技大学专利路演", "对接会", "5101", "2026-05-12", "电子科技大学", "", "第三个项目", "", ""}, // line 7: kind differs
		{"申请号坏", "路演", "5101", "2026-06-03", "某单位", "多", "项目", "123", ""},          // line 8
	})
	var rej bytes.Buffer
	sum, err := ingest.ImportEvents(chengdu, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 7 || sum.Inserted != 3 || sum.Rejected != 4 {
		t.Errorf("summary = %+v", sum)
	}
	wantRejects(t, &rej, [][]string{
		{"活动.csv", "5", "活动类型", "路演、对接会"},
		{"活动.csv", "6", "地区代码", "本市（州）"},
		{"活动.csv", "7", "活动类型", "不一致"},
		{"活动.csv", "8", "参与人数", "非负整数"},
	})
	es, total, err := db.ListEvents(chengdu, patentbridge.ProgrammeFilter{})
	if err != nil || total != 2 {
		t.Fatalf("events: %d %v", total, err)
	}
	roadshow := es[1]
	if roadshow.Title != "电子科技大学专利路演" || len(roadshow.Projects) != 2 || roadshow.Participants != 120 ||
		roadshow.OrganizerType != patentbridge.PartyUniversity || roadshow.Projects[0].AppNo != "2022232206652" {
		t.Errorf("the roadshow: %+v", roadshow)
	}
	if es[0].OrganizerType != patentbridge.PartyGovernment || es[0].ByInstitution() {
		t.Errorf("the park visit's organizer: %+v", es[0])
	}

	// A second file: a row already stored adds nothing, a new project joins the stored event.
	again := writeCSV(t, "活动2.csv", [][]string{
		eventHeader,
		{"电子科技大学专利路演", "路演", "5101", "2026-05-12", "电子科技大学", "120", "射频芯片封装（更正名称）", "2022232206652", "电子科技大学"},
		{"电子科技大学专利路演", "路演", "5101", "2026-05-12", "电子科技大学", "", "太赫兹成像", "", "电子科技大学"},
	})
	sum, err = ingest.ImportEvents(chengdu, db, []string{again}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 1 || sum.Unchanged != 1 || sum.Rejected != 0 {
		t.Fatalf("second import: %+v %v", sum, err)
	}
	if e, _ := db.FindEvent(chengdu, roadshow.ID); len(e.Projects) != 3 {
		t.Errorf("the roadshow's projects after the second file: %d", len(e.Projects))
	}
	missing := writeCSV(t, "缺列.csv", [][]string{{"活动名称", "活动日期"}, {"a", "2026-01-01"}})
	if _, err := ingest.ImportEvents(chengdu, db, []string{missing}, patentbridge.ImportOptions{}); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("a file without the required columns: %v", err)
	}
}

// Case rows name deals by id: an unknown deal, another city's deal and a bad
// date are rejected naming the column; the same file again adds nothing, its
// cases unchanged, and a case of a stored title and date that differs is
// rejected naming the column.
func TestImportCasesWithDeals(t *testing.T) {
	db, chengdu, cdDeal, myDeal := programmeStore(t)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	records := [][]string{
		{"标题", "正文", "地区代码", "发布日期", "关联交易编号"},
		{"高校专利许可中小企业", "电子科技大学将射频芯片专利许可给……", "5101", "2026-10-01", id(cdDeal)},
		{"无交易的案例", "正文", "5101", "2026.09.30", ""},
		{"交易不存在", "正文", "5101", "2026-10-01", id(cdDeal) + "；9999"}, // line 4
		{"别市交易", "正文", "5101", "2026-10-01", id(myDeal)},            // line 5
		{"日期坏", "正文", "5101", "某天", ""},                             // line 6
		{"编号坏", "正文", "5101", "2026-10-01", "第一笔"},                  // line 7
	}
	path := writeCSV(t, "案例.csv", records)
	var rej bytes.Buffer
	sum, err := ingest.ImportCases(chengdu, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Inserted != 2 || sum.Rejected != 4 {
		t.Fatalf("summary = %+v %v", sum, err)
	}
	wantRejects(t, &rej, [][]string{
		{"案例.csv", "4", "关联交易编号", "交易 9999 不存在"},
		{"案例.csv", "5", "关联交易编号", "没有权限"},
		{"案例.csv", "6", "发布日期", "无法识别"},
		{"案例.csv", "7", "关联交易编号", "正整数"},
	})
	cs, total, err := db.ListCases(chengdu, patentbridge.ProgrammeFilter{})
	if err != nil || total != 2 || len(cs[0].DealIDs) != 1 || cs[0].DealIDs[0] != cdDeal || len(cs[1].DealIDs) != 0 {
		t.Fatalf("cases: %d %v %+v", total, err, cs)
	}
	sum, err = ingest.ImportCases(chengdu, db, []string{path}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 0 || sum.Unchanged != 2 || sum.Rejected != 4 {
		t.Errorf("the same file again: %+v %v", sum, err)
	}
	changed := writeCSV(t, "案例改.csv", [][]string{
		{"标题", "正文", "地区代码", "发布日期", "关联交易编号"},
		{"高校专利许可中小企业", "另一段正文", "5101", "2026-10-01", id(cdDeal)},
		{"无交易的案例", "正文", "5101", "2026-09-30", id(cdDeal)},
	})
	rej.Reset()
	sum, err = ingest.ImportCases(chengdu, db, []string{changed}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Inserted != 0 || sum.Unchanged != 0 || sum.Rejected != 2 {
		t.Errorf("changed cases: %+v %v", sum, err)
	}
	wantRejects(t, &rej, [][]string{
		{"案例改.csv", "2", "正文", "其正文与本行不一致"},
		{"案例改.csv", "3", "关联交易编号", "其关联交易编号与本行不一致"},
	})
}
