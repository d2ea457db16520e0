package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// serviceFixture is the filing fixture plus an agency in Chengdu with a
// commissioner linked to an agency account, and an unlinked commissioner in
// Mianyang.
type serviceFixture struct {
	filingFixture
	agent    *patentbridge.User // the agency account of wang
	wang, li *patentbridge.Commissioner
}

func newServiceFixture(t *testing.T, db *sqldb.DB) serviceFixture {
	t.Helper()
	f := serviceFixture{filingFixture: newFilingFixture(t, db)}
	MustOrganization(t, db, "四川省知识产权服务促进中心", patentbridge.PartyGovernment, "5101")
	f.agent = mustMember(t, db, "wangfang", patentbridge.RoleAgency, "四川省知识产权服务促进中心")
	f.wang = &patentbridge.Commissioner{Name: "王芳", OrgName: "四川省知识产权服务促进中心", RegisteredOn: date("2025-01-10"), UserID: f.agent.ID}
	f.li = &patentbridge.Commissioner{Name: "李强", OrgName: "绵阳科技城知识产权服务中心", City: "5107", RegisteredOn: date("2025-03-01"), LeftOn: date("2026-06-30")}
	for _, c := range []*patentbridge.Commissioner{f.wang, f.li} {
		if err := db.CreateCommissioner(as(f.admin), c); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// A commissioner takes its organization's city; the same serving
// commissioner twice names the first; a city user registers and reads only
// its city's commissioners.
func TestCreateCommissionerTakesTheCityAndKeepsScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		if f.wang.City != "5101" || f.wang.OrgID == 0 || f.li.OrgID != 0 {
			t.Fatalf("commissioners: %+v %+v", f.wang, f.li)
		}
		again := &patentbridge.Commissioner{Name: "王芳", OrgName: "四川省知识产权服务促进中心", RegisteredOn: date("2026-01-10")}
		if err := db.CreateCommissioner(as(f.admin), again); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || again.ID != f.wang.ID {
			t.Fatalf("the same commissioner again: %v", err)
		}
		linked := &patentbridge.Commissioner{Name: "赵敏", City: "5101", RegisteredOn: date("2026-01-10"), UserID: f.agent.ID}
		if err := db.CreateCommissioner(as(f.admin), linked); patentbridge.ErrorField(err) != "账号" {
			t.Errorf("an account linked twice: %v", err)
		}
		linked.UserID = f.firm.ID
		if err := db.CreateCommissioner(as(f.admin), linked); patentbridge.ErrorField(err) != "账号" {
			t.Errorf("an enterprise account linked: %v", err)
		}
		noCity := &patentbridge.Commissioner{Name: "赵敏", OrgName: "未登记的服务机构", RegisteredOn: date("2026-01-10")}
		if err := db.CreateCommissioner(as(f.admin), noCity); patentbridge.ErrorField(err) != "所在市(州)" {
			t.Errorf("no city: %v", err)
		}
		wantCode(t, db.CreateCommissioner(as(f.firm), &patentbridge.Commissioner{Name: "赵敏", City: "5101", RegisteredOn: date("2026-01-10")}), patentbridge.EFORBIDDEN)
		wantCode(t, db.CreateCommissioner(as(f.chengdu), &patentbridge.Commissioner{Name: "赵敏", City: "5107", RegisteredOn: date("2026-01-10")}), patentbridge.EFORBIDDEN)
		if ls, total, err := db.ListCommissioners(as(f.chengdu), patentbridge.CommissionerFilter{}); err != nil || total != 1 || ls[0].ID != f.wang.ID {
			t.Errorf("chengdu's commissioners: %d %v", total, err)
		}
		if _, total, _ := db.ListCommissioners(as(f.admin), patentbridge.CommissionerFilter{Serving: true}); total != 1 {
			t.Errorf("%d serving commissioners", total)
		}
		if _, total, _ := db.ListCommissioners(as(f.admin), patentbridge.CommissionerFilter{Year: 2025}); total != 2 {
			t.Errorf("%d registered in 2025", total)
		}
		if _, err := db.FindCommissioner(as(f.chengdu), f.li.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu reads Mianyang's commissioner: %v", err)
		}
		if c, err := db.FindCommissioner(as(f.agent), f.wang.ID); err != nil || c.UserID != f.agent.ID {
			t.Errorf("the commissioner reads itself: %v", err)
		}
	})
}

// A commissioner's own account records its services; officials record any
// in their scope, found by the commissioner's name; the enterprise resolves
// by credit code and gives the city; the day must fall in the commissioner's
// service, and the same service twice names the first.
func TestRecordServiceByTheCommissionerAndByOfficials(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		own := &patentbridge.ServiceRecord{CommissionerID: f.wang.ID, OrgName: "成都芯动科技有限公司", ServedOn: date("2026-03-05"),
			Type: patentbridge.ServiceValuation, Outcome: "完成 2 件专利的价值评估"}
		if err := db.RecordService(as(f.agent), own); err != nil {
			t.Fatal(err)
		}
		if own.City != "5101" || own.OrgID != f.firm.OrgID || own.CreatedBy != f.agent.ID || own.CommissionerName != "王芳" {
			t.Fatalf("own record: %+v", own)
		}
		wantCode(t, db.RecordService(as(f.agent), &patentbridge.ServiceRecord{CommissionerID: f.li.ID, OrgName: "成都芯动科技有限公司",
			ServedOn: date("2026-03-05"), Type: patentbridge.ServiceValuation}), patentbridge.EFORBIDDEN)
		// By name, by an official, the enterprise by its credit code: it counts in Mianyang.
		my := &patentbridge.ServiceRecord{CommissionerName: "李强", CreditCode: "91510700MA62B00026", ServedOn: date("2025-11-20"), Type: patentbridge.ServiceNegotiation}
		if err := db.RecordService(as(f.admin), my); err != nil {
			t.Fatal(err)
		}
		if my.City != "5107" || my.OrgName != "绵阳长虹智能装备有限公司" || my.CommissionerID != f.li.ID {
			t.Fatalf("Mianyang record: %+v", my)
		}
		late := &patentbridge.ServiceRecord{CommissionerName: "李强", OrgName: "某公司", ServedOn: date("2026-07-01"), Type: patentbridge.ServiceFiling}
		if err := db.RecordService(as(f.admin), late); patentbridge.ErrorField(err) != "服务日期" {
			t.Errorf("after the commissioner left: %v", err)
		}
		late.CommissionerName = "张三"
		if err := db.RecordService(as(f.admin), late); patentbridge.ErrorField(err) != "专员姓名" {
			t.Errorf("an unknown commissioner: %v", err)
		}
		// Chengdu's user does not find Mianyang's commissioner.
		if err := db.RecordService(as(f.chengdu), &patentbridge.ServiceRecord{CommissionerName: "李强", OrgName: "成都芯动科技有限公司",
			ServedOn: date("2025-11-20"), Type: patentbridge.ServiceFiling}); patentbridge.ErrorField(err) != "专员姓名" {
			t.Errorf("chengdu records for Mianyang's commissioner: %v", err)
		}
		dup := *own
		dup.ID, dup.Outcome = 0, "再次登记"
		if err := db.RecordService(as(f.chengdu), &dup); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || dup.ID != own.ID {
			t.Errorf("the same service twice: %v", err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'service.record'"); n != 2 {
			t.Errorf("%d service.record audit rows", n)
		}
		for _, tc := range []struct {
			ctx  context.Context
			f    patentbridge.ServiceFilter
			want int
		}{
			{as(f.admin), patentbridge.ServiceFilter{}, 2}, {as(f.admin), patentbridge.ServiceFilter{Year: 2025}, 1},
			{as(f.admin), patentbridge.ServiceFilter{Type: patentbridge.ServiceValuation}, 1}, {as(f.admin), patentbridge.ServiceFilter{CommissionerID: f.li.ID}, 1},
			{as(f.chengdu), patentbridge.ServiceFilter{}, 1}, {as(f.agent), patentbridge.ServiceFilter{}, 1},
		} {
			if _, total, err := db.ListServiceRecords(tc.ctx, tc.f); err != nil || total != tc.want {
				t.Errorf("ListServiceRecords(%+v) = %d %v", tc.f, total, err)
			}
		}
		if _, err := db.FindServiceRecord(as(f.agent), my.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("the commissioner reads another's record: %v", err)
		}
		if _, _, err := db.ListServiceRecords(as(f.firm), patentbridge.ServiceFilter{}); err == nil {
			t.Error("an enterprise lists service records")
		}
	})
}

// Outlets and technology managers take their organization's city and keep
// a city user to its city.
func TestOutletsAndTechManagers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		o := &patentbridge.ServiceOutlet{Name: "四川大学知识产权服务网点", Kind: patentbridge.OutletPoint, OrgName: "四川大学", OpenedOn: date("2025-04-01")}
		if err := db.CreateOutlet(as(f.chengdu), o); err != nil || o.City != "5101" || o.OrgID != f.scu.OrgID {
			t.Fatalf("outlet: %+v %v", o, err)
		}
		wantCode(t, db.CreateOutlet(as(f.chengdu), &patentbridge.ServiceOutlet{Name: "绵阳网点", Kind: patentbridge.OutletPoint, City: "5107", OpenedOn: date("2025-04-01")}), patentbridge.EFORBIDDEN)
		ag := &patentbridge.ServiceOutlet{Name: "绵阳科技城知识产权运营中心", Kind: patentbridge.OutletAgency, City: "5107", OpenedOn: date("2026-01-05")}
		if err := db.CreateOutlet(as(f.admin), ag); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := db.ListOutlets(as(f.chengdu), patentbridge.OutletFilter{}); total != 1 {
			t.Errorf("chengdu sees %d outlets", total)
		}
		if ls, total, _ := db.ListOutlets(as(f.admin), patentbridge.OutletFilter{Kind: patentbridge.OutletAgency, Year: 2026}); total != 1 || ls[0].ID != ag.ID {
			t.Errorf("2026 agencies: %d", total)
		}
		m := &patentbridge.TechManager{Name: "陈静", OrgName: "四川大学", RegisteredOn: date("2026-05-01")}
		if err := db.CreateTechManager(as(f.admin), m); err != nil || m.City != "5101" {
			t.Fatalf("manager: %+v %v", m, err)
		}
		wantCode(t, db.CreateTechManager(as(f.firm), &patentbridge.TechManager{Name: "x", City: "5101", RegisteredOn: date("2026-05-01")}), patentbridge.EFORBIDDEN)
		if _, total, _ := db.ListTechManagers(as(f.admin), patentbridge.TechManagerFilter{Year: 2026, City: "5101"}); total != 1 {
			t.Errorf("%d managers", total)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action IN ('outlet.create', 'tech_manager.create')"); n != 3 {
			t.Errorf("%d audit rows", n)
		}
	})
}

func TestRecordServiceWhoseAuditFailsStoresNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		MustFailAudit(t, db)
		if err := db.RecordService(as(f.agent), &patentbridge.ServiceRecord{CommissionerID: f.wang.ID, OrgName: "成都芯动科技有限公司",
			ServedOn: date("2026-03-05"), Type: patentbridge.ServiceValuation}); err == nil {
			t.Fatal("a service stored without its audit row")
		}
		if err := db.CreateCommissioner(as(f.admin), &patentbridge.Commissioner{Name: "赵敏", City: "5101", RegisteredOn: date("2026-01-10")}); err == nil {
			t.Fatal("a commissioner stored without its audit row")
		}
		if err := db.CreateOutlet(as(f.admin), &patentbridge.ServiceOutlet{Name: "网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2026-01-10")}); err == nil {
			t.Fatal("an outlet stored without its audit row")
		}
		ctx := context.Background()
		for table, want := range map[string]int{"service_records": 0, "commissioners": 2, "service_outlets": 0, "tech_managers": 0} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM "+table); n != want {
				t.Errorf("%d rows in %s", n, table)
			}
		}
	})
}

// A commissioner's leaving ends its service: later services are refused; a
// left commissioner registered again the same day is the stored one; a city
// user records leaving and closing only in its city; an outlet closes, and the
// same open outlet or manager twice names the first.
func TestLeavingAndClosing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		if _, err := db.LeaveCommissioner(as(f.chengdu), f.li.ID, date("2026-01-01")); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu ends Mianyang's commissioner: %v", err)
		}
		if _, err := db.LeaveCommissioner(as(f.chengdu), f.wang.ID, date("2024-12-31")); patentbridge.ErrorField(err) != "离任日期" {
			t.Errorf("left before registered: %v", err)
		}
		c, err := db.LeaveCommissioner(as(f.chengdu), f.wang.ID, date("2026-06-30"))
		if err != nil || !c.LeftOn.Equal(date("2026-06-30")) {
			t.Fatalf("leave: %+v %v", c, err)
		}
		if _, total, _ := db.ListCommissioners(as(f.admin), patentbridge.CommissionerFilter{Serving: true}); total != 0 {
			t.Errorf("%d still serving", total)
		}
		err = db.RecordService(as(f.agent), &patentbridge.ServiceRecord{CommissionerID: f.wang.ID, OrgName: "成都芯动科技有限公司",
			ServedOn: date("2026-07-01"), Type: patentbridge.ServiceFiling})
		if patentbridge.ErrorField(err) != "服务日期" {
			t.Errorf("a service after leaving: %v", err)
		}
		again := &patentbridge.Commissioner{Name: "李强", OrgName: "绵阳科技城知识产权服务中心", City: "5107", RegisteredOn: date("2025-03-01"), LeftOn: date("2026-06-30")}
		if err := db.CreateCommissioner(as(f.admin), again); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || again.ID != f.li.ID {
			t.Errorf("a left commissioner again: %v", err)
		}
		back := &patentbridge.Commissioner{Name: "王芳", OrgName: "四川省知识产权服务促进中心", RegisteredOn: date("2026-09-01")}
		if err := db.CreateCommissioner(as(f.admin), back); err != nil {
			t.Errorf("registered again after leaving: %v", err)
		}
		o := &patentbridge.ServiceOutlet{Name: "高新区网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2025-04-01")}
		if err := db.CreateOutlet(as(f.chengdu), o); err != nil {
			t.Fatal(err)
		}
		dup := *o
		if err := db.CreateOutlet(as(f.admin), &dup); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || dup.ID != o.ID {
			t.Errorf("the same open outlet twice: %v", err)
		}
		if _, err := db.CloseOutlet(as(f.admin), o.ID, date("2027-01-01")); patentbridge.ErrorField(err) != "撤销日期" {
			t.Errorf("closing tomorrow: %v", err)
		}
		closed, err := db.CloseOutlet(as(f.chengdu), o.ID, date("2026-10-31"))
		if err != nil || !closed.ClosedOn.Equal(date("2026-10-31")) {
			t.Fatalf("close: %+v %v", closed, err)
		}
		if _, total, _ := db.ListOutlets(as(f.admin), patentbridge.OutletFilter{Open: true}); total != 0 {
			t.Errorf("%d open outlets", total)
		}
		// A file listing the closed outlet again names the same one; one of the name opened later is another.
		closedAgain := &patentbridge.ServiceOutlet{Name: "高新区网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2025-04-01"), ClosedOn: date("2026-10-31")}
		if err := db.CreateOutlet(as(f.admin), closedAgain); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || closedAgain.ID != o.ID {
			t.Errorf("the closed outlet again: %v (id %d, want %d)", err, closedAgain.ID, o.ID)
		}
		reopened := &patentbridge.ServiceOutlet{Name: "高新区网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2026-11-01")}
		if err := db.CreateOutlet(as(f.admin), reopened); err != nil || reopened.ID == o.ID {
			t.Errorf("reopened under the name: %v", err)
		}
		m := &patentbridge.TechManager{Name: "陈静", City: "5101", RegisteredOn: date("2026-05-01")}
		if err := db.CreateTechManager(as(f.admin), m); err != nil {
			t.Fatal(err)
		}
		m2 := *m
		if err := db.CreateTechManager(as(f.admin), &m2); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || m2.ID != m.ID {
			t.Errorf("the same manager twice: %v", err)
		}
		ctx := context.Background()
		admin := as(f.admin)
		for action, want := range map[string]string{"commissioner.leave": `"left_on":"2026-06-30"`, "outlet.close": `"closed_on":"2026-10-31"`,
			"commissioner.create": `"registered_on":"2026-09-01"`, "tech_manager.create": `"registered_on":"2026-05-01"`} {
			es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: action})
			if err != nil || len(es) == 0 || !strings.Contains(string(es[0].After), want) {
				t.Errorf("%s audit rows without %s: %v", action, want, err)
			}
		}
		for action, want := range map[string]int{"commissioner.leave": 1, "outlet.close": 1} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = '"+action+"'"); n != want {
				t.Errorf("%d %s audit rows", n, action)
			}
		}
	})
}

// The yearly update, leaving and closing write nothing when their audit fails.
func TestUpdatesWhoseAuditFailsChangeNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		pf := f.chengduFiling()
		if err := db.CreateFiling(as(f.admin), pf); err != nil {
			t.Fatal(err)
		}
		o := &patentbridge.ServiceOutlet{Name: "高新区网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2025-04-01")}
		if err := db.CreateOutlet(as(f.admin), o); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)
		if _, err := db.SetFilingYear(as(f.admin), pf.ID, patentbridge.FilingYear{Year: 2026, OutputFen: 1}); err == nil {
			t.Error("a year set without its audit row")
		}
		if _, err := db.LeaveCommissioner(as(f.admin), f.wang.ID, date("2026-06-30")); err == nil {
			t.Error("a leaving without its audit row")
		}
		if _, err := db.CloseOutlet(as(f.admin), o.ID, date("2026-06-30")); err == nil {
			t.Error("a closing without its audit row")
		}
		ctx := context.Background()
		for q, want := range map[string]int{
			"SELECT COUNT(*) FROM product_filing_years":                  1,
			"SELECT COUNT(*) FROM commissioners WHERE left_on <> ''":     1, // 李强 only
			"SELECT COUNT(*) FROM service_outlets WHERE closed_on <> ''": 0,
		} {
			if n, _ := db.QueryIntForTest(ctx, q); n != want {
				t.Errorf("%s = %d, want %d", q, n, want)
			}
		}
	})
}

// A leave and a closing are recorded once: the same day again changes
// nothing, another day is a conflict naming the stored one; a commissioner
// cannot leave before its latest service.
func TestLeavingAndClosingAreRecordedOnce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		admin := as(f.admin)
		err := db.RecordService(as(f.agent), &patentbridge.ServiceRecord{CommissionerID: f.wang.ID, OrgName: "成都芯动科技有限公司",
			ServedOn: date("2026-04-01"), Type: patentbridge.ServiceFiling})
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.LeaveCommissioner(admin, f.wang.ID, date("2026-03-10"))
		if patentbridge.ErrorField(err) != "离任日期" || !strings.Contains(patentbridge.ErrorMessage(err), "2026-04-01") {
			t.Errorf("a leave before the latest service: %v", err)
		}
		if c, err := db.LeaveCommissioner(admin, f.wang.ID, date("2026-04-01")); err != nil || !c.LeftOn.Equal(date("2026-04-01")) {
			t.Fatalf("a leave on the latest service's day: %+v %v", c, err)
		}
		if c, err := db.LeaveCommissioner(admin, f.wang.ID, date("2026-04-01")); err != nil || !c.LeftOn.Equal(date("2026-04-01")) {
			t.Errorf("the same leave again: %+v %v", c, err)
		}
		for _, day := range []string{"2026-11-01", "2026-03-10"} {
			_, err := db.LeaveCommissioner(admin, f.wang.ID, date(day))
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "离任日期" || !strings.Contains(patentbridge.ErrorMessage(err), "已于 2026-04-01 离任") {
				t.Errorf("a second leave on %s: %v", day, err)
			}
		}
		if c, _ := db.FindCommissioner(admin, f.wang.ID); !c.LeftOn.Equal(date("2026-04-01")) {
			t.Errorf("left on %s", patentbridge.FormatDate(c.LeftOn))
		}
		o := &patentbridge.ServiceOutlet{Name: "高新区网点", Kind: patentbridge.OutletPoint, City: "5101", OpenedOn: date("2025-04-01")}
		if err := db.CreateOutlet(admin, o); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CloseOutlet(admin, o.ID, date("2025-03-31")); patentbridge.ErrorField(err) != "撤销日期" {
			t.Errorf("closed before opened: %v", err)
		}
		if _, err := db.CloseOutlet(admin, o.ID, date("2026-10-01")); err != nil {
			t.Fatal(err)
		}
		if c, err := db.CloseOutlet(admin, o.ID, date("2026-10-01")); err != nil || !c.ClosedOn.Equal(date("2026-10-01")) {
			t.Errorf("the same closing again: %+v %v", c, err)
		}
		for _, day := range []string{"2026-12-01", "2026-03-04"} {
			_, err := db.CloseOutlet(admin, o.ID, date(day))
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "撤销日期" || !strings.Contains(patentbridge.ErrorMessage(err), "已于 2026-10-01 撤销") {
				t.Errorf("a second closing on %s: %v", day, err)
			}
		}
		if got, err := db.FindOutlet(admin, o.ID); err != nil || !got.ClosedOn.Equal(date("2026-10-01")) {
			t.Errorf("the outlet: %+v %v", got, err)
		}
		if _, err := db.FindOutlet(as(f.chengdu), f.li.ID+1000); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("a missing outlet: %v", err)
		}
		ctx := context.Background()
		for action, want := range map[string]int{"commissioner.leave": 1, "outlet.close": 1} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = '"+action+"'"); n != want {
				t.Errorf("%d %s audit rows", n, action)
			}
		}
	})
}
