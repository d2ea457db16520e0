package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// programmeFixture is the registry of a university, an SOE and two
// enterprises, the admin, a Chengdu (5101) and a Mianyang (5107) city user,
// and a deal received in each city.
type programmeFixture struct {
	admin, chengdu, mianyang  *patentbridge.User
	chengduDeal, mianyangDeal *patentbridge.Deal
}

func newProgrammeFixture(t *testing.T, db *sqldb.DB) programmeFixture {
	t.Helper()
	MustOrganization(t, db, "四川大学", patentbridge.PartyUniversity, "5101")
	MustOrganization(t, db, "东方电气集团有限公司", patentbridge.PartySOE, "5106")
	MustOrganization(t, db, "成都芯动科技有限公司", patentbridge.PartyEnterprise, "5101")
	MustOrganization(t, db, "绵阳九洲电子有限公司", patentbridge.PartyEnterprise, "5107")
	f := programmeFixture{admin: MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw), chengdu: MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)}
	m, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: "mianyang", Name: "绵阳", Role: patentbridge.RoleCity, CityCode: "5107", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	f.mianyang = m
	deal := func(to string, serial int) *patentbridge.Deal {
		d := &patentbridge.Deal{AppNo: appNo(2021, 1, serial), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: to, ToType: patentbridge.PartyEnterprise, AmountFen: 10_0000_00, ContractDate: date("2026-06-30")}
		if err := db.CreateDeal(as(f.admin), d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	f.chengduDeal, f.mianyangDeal = deal("成都芯动科技有限公司", 1), deal("绵阳九洲电子有限公司", 2)
	return f
}

func newEvent(title, city, held string, projects ...string) *patentbridge.Event {
	e := &patentbridge.Event{Kind: patentbridge.EventParkVisit, Title: title, City: city, HeldOn: date(held), Organizer: "四川大学", Participants: 120}
	for _, p := range projects {
		e.Projects = append(e.Projects, &patentbridge.EventProject{Title: p, OrgName: "四川大学"})
	}
	return e
}

// An event's organizer resolves to the registry, whose type marks the event
// as a university's; a second event of the same title and day is refused;
// projects are added once; deals are linked only when stored, and a city
// user links only its city's deals to its city's events.
func TestEventsProjectsAndDeals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		e := newEvent("四川大学专利成果进园区", "5101", "2026-05-12", "锂电池正极材料", "茶叶杀青机")
		if err := db.CreateEvent(as(f.chengdu), e); err != nil {
			t.Fatal(err)
		}
		if e.OrganizerID == 0 || e.OrganizerType != patentbridge.PartyUniversity || !e.ByInstitution() || e.Projects[0].OrgID == 0 {
			t.Fatalf("resolved event: %+v", e)
		}
		err := db.CreateEvent(as(f.admin), newEvent("四川大学专利成果进园区", "5101", "2026-05-12"))
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "活动名称" {
			t.Errorf("the same event again: %v", err)
		}
		wantCode(t, db.CreateEvent(as(f.chengdu), newEvent("绵阳科技城路演", "5107", "2026-05-12")), patentbridge.EFORBIDDEN)
		unregistered := newEvent("企业路演", "5107", "2025-09-01")
		unregistered.Organizer = "绵阳市科技局"
		if err := db.CreateEvent(as(f.mianyang), unregistered); err != nil || unregistered.OrganizerType != patentbridge.PartyGovernment || unregistered.ByInstitution() {
			t.Fatalf("an unregistered organizer: %v %+v", err, unregistered)
		}

		err = db.AddEventProject(as(f.chengdu), e.ID, &patentbridge.EventProject{Title: "锂电池正极材料"})
		wantCode(t, err, patentbridge.ECONFLICT)
		if err := db.AddEventProject(as(f.chengdu), e.ID, &patentbridge.EventProject{Title: "燃气轮机叶片", OrgName: "东方电气集团有限公司"}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.AddEventProject(as(f.mianyang), e.ID, &patentbridge.EventProject{Title: "另一个"}), patentbridge.ENOTFOUND)

		wantCode(t, db.LinkEventDeal(as(f.chengdu), e.ID, 9999), patentbridge.ENOTFOUND)
		wantCode(t, db.LinkEventDeal(as(f.chengdu), e.ID, f.mianyangDeal.ID), patentbridge.EFORBIDDEN)
		if err := db.LinkEventDeal(as(f.chengdu), e.ID, f.chengduDeal.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.LinkEventDeal(as(f.chengdu), e.ID, f.chengduDeal.ID), patentbridge.ECONFLICT)
		if err := db.LinkEventDeal(as(f.admin), e.ID, f.mianyangDeal.ID); err != nil {
			t.Fatalf("the admin links another city's deal: %v", err)
		}
		got, err := db.FindEvent(as(f.chengdu), e.ID)
		if err != nil || len(got.Projects) != 3 || len(got.DealIDs) != 2 || !got.HeldOn.Equal(date("2026-05-12")) {
			t.Fatalf("the stored event: %v %+v", err, got)
		}
		wantCode(t, db.UnlinkEventDeal(as(f.chengdu), e.ID, f.mianyangDeal.ID), patentbridge.EFORBIDDEN)
		if err := db.UnlinkEventDeal(as(f.admin), e.ID, f.mianyangDeal.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.UnlinkEventDeal(as(f.admin), e.ID, f.mianyangDeal.ID), patentbridge.ENOTFOUND)
		if got, _ := db.FindEvent(as(f.admin), e.ID); len(got.DealIDs) != 1 || got.DealIDs[0] != f.chengduDeal.ID {
			t.Errorf("after unlinking: %v", got.DealIDs)
		}

		// Lists: the city user sees its city's; filters by year and kind.
		if _, total, _ := db.ListEvents(as(f.chengdu), patentbridge.ProgrammeFilter{}); total != 1 {
			t.Errorf("chengdu sees %d events", total)
		}
		if _, total, _ := db.ListEvents(as(f.admin), patentbridge.ProgrammeFilter{Year: 2025}); total != 1 {
			t.Errorf("2025 events: %d", total)
		}
		if _, total, _ := db.ListEvents(as(f.admin), patentbridge.ProgrammeFilter{Kind: string(patentbridge.EventRoadshow)}); total != 0 {
			t.Errorf("roadshows: %d", total)
		}
		ls, total, err := db.ListEvents(as(f.admin), patentbridge.ProgrammeFilter{City: "5101", Year: 2026})
		if err != nil || total != 1 || len(ls[0].Projects) != 3 {
			t.Errorf("Chengdu's 2026 events: %d %v", total, err)
		}
		_, _, err = db.ListEvents(as(&patentbridge.User{ID: 99, Role: patentbridge.RoleEnterprise}), patentbridge.ProgrammeFilter{})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		ctx := context.Background()
		for action, want := range map[string]int{"event.create": 2, "event.add_project": 1, "event.link_deal": 2, "event.unlink_deal": 1} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = '"+action+"'"); n != want {
				t.Errorf("%d %s audit rows, want %d", n, action, want)
			}
		}
	})
}

// Rows of an event file: the first creates the event, the next adds its
// project, the same row again adds nothing, and a row contradicting the
// stored event is refused naming the column.
func TestRecordEventProjectJoinsRowsOfOneEvent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		row := func(project string) *patentbridge.Event {
			return newEvent("高校专利路演", "5101", "2026-04-01", project)
		}
		for i, want := range []patentbridge.EventRecorded{patentbridge.EventCreated, patentbridge.EventProjectAdded, patentbridge.EventProjectKnown} {
			got, err := db.RecordEventProject(as(f.admin), row([]string{"甲项目", "乙项目", "甲项目"}[i]))
			if err != nil || got != want {
				t.Fatalf("row %d: %v %v, want %v", i, got, err, want)
			}
		}
		other := row("丙项目")
		other.Kind = patentbridge.EventRoadshow
		_, err := db.RecordEventProject(as(f.admin), other)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "活动类型" || !strings.Contains(patentbridge.ErrorMessage(err), "路演") {
			t.Errorf("a row of another kind: %v", err)
		}
		ls, _, _ := db.ListEvents(as(f.admin), patentbridge.ProgrammeFilter{})
		if len(ls) != 1 || len(ls[0].Projects) != 2 {
			t.Fatalf("events: %+v", ls)
		}
	})
}

func TestCreateEventWhoseAuditFailsStoresNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		e := newEvent("高校专利路演", "5101", "2026-04-01", "甲项目")
		if err := db.CreateEvent(as(f.admin), e); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)
		if err := db.CreateEvent(as(f.admin), newEvent("另一场路演", "5101", "2026-04-02", "乙项目")); err == nil {
			t.Fatal("an event stored without its audit row")
		}
		if err := db.AddEventProject(as(f.admin), e.ID, &patentbridge.EventProject{Title: "丙项目"}); err == nil {
			t.Fatal("a project added without its audit row")
		}
		if err := db.LinkEventDeal(as(f.admin), e.ID, f.chengduDeal.ID); err == nil {
			t.Fatal("a deal linked without its audit row")
		}
		ctx := context.Background()
		for table, want := range map[string]int{"events": 1, "event_projects": 1, "event_deals": 0} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM "+table); n != want {
				t.Errorf("%d rows in %s, want %d", n, table, want)
			}
		}
	})
}

// A deal linked to an event followed it: one whose contract predates the
// event is refused naming both dates; one signed the event's day is linked.
func TestEventLinksOnlyDealsThatFollowedIt(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db) // both deals signed 2026-06-30
		later := newEvent("高校专利路演", "5101", "2026-07-01", "甲项目")
		sameDay := newEvent("高校专利对接会", "5101", "2026-06-30", "乙项目")
		for _, e := range []*patentbridge.Event{later, sameDay} {
			if err := db.CreateEvent(as(f.admin), e); err != nil {
				t.Fatal(err)
			}
		}
		err := db.LinkEventDeal(as(f.chengdu), later.ID, f.chengduDeal.ID)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "关联交易编号" ||
			!strings.Contains(patentbridge.ErrorMessage(err), "2026-06-30") || !strings.Contains(patentbridge.ErrorMessage(err), "2026-07-01") {
			t.Errorf("a deal signed before the event: %v", err)
		}
		if err := db.LinkEventDeal(as(f.chengdu), sameDay.ID, f.chengduDeal.ID); err != nil {
			t.Errorf("a deal signed the event's day: %v", err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM event_deals"); n != 1 {
			t.Errorf("%d event deals", n)
		}
	})
}
