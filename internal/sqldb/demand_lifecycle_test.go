package sqldb_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// lifecycleEnv is a store with the enterprise accounts "firm" and "firm2" of
// 成都新材科技有限公司, "rival" of another enterprise, "scu" of 四川大学 (which
// owns the patent interestAppNo), and an administrator.
type lifecycleEnv struct {
	db                        *sqldb.DB
	firm, firm2, rival, scu   *patentbridge.User
	admin                     *patentbridge.User
	interestAppNo, interTitle string
}

func newLifecycleEnv(t *testing.T, db *sqldb.DB) *lifecycleEnv {
	t.Helper()
	e := &lifecycleEnv{db: db, admin: &patentbridge.User{ID: 0, Username: "admin", Role: patentbridge.RoleAdmin}}
	member := func(username string, role patentbridge.Role, org string, typ patentbridge.PartyType) *patentbridge.User {
		if _, err := db.FindOrganizationByName(context.Background(), org); err != nil {
			if err := db.CreateOrganization(platformCtx(), &patentbridge.Organization{Name: org, Type: typ, CityCode: "5101"}); err != nil {
				t.Fatal(err)
			}
		}
		u, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: username, Name: username, Role: role, Organization: org, Password: "secret-pass-1"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	e.firm = member("firm", patentbridge.RoleEnterprise, "成都新材科技有限公司", patentbridge.PartyEnterprise)
	e.firm2 = member("firm2", patentbridge.RoleEnterprise, "成都新材科技有限公司", patentbridge.PartyEnterprise)
	e.rival = member("rival", patentbridge.RoleEnterprise, "绵阳另一企业有限公司", patentbridge.PartyEnterprise)
	e.scu = member("scu", patentbridge.RoleInstitution, "四川大学", patentbridge.PartyUniversity)
	p := newPatent(0) // owned by 四川大学
	MustUpsert(t, db, p)
	if _, err := db.SyncOrganizations(platformCtx()); err != nil {
		t.Fatal(err)
	}
	e.interestAppNo, e.interTitle = p.AppNo, p.Title
	db.Matcher = fixedMatches{p.AppNo}
	return e
}

// inbox returns u's messages, newest first, and its unread count.
func (e *lifecycleEnv) inbox(t *testing.T, u *patentbridge.User) ([]*patentbridge.Message, int) {
	t.Helper()
	page, err := e.db.ListMessages(as(u), patentbridge.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items, page.Unread
}

func TestDemandLifecycleWithResubmissionAndMessages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newLifecycleEnv(t, db)
		firm := as(e.firm)

		// A draft needs only a title; submitting checks everything.
		d := &patentbridge.Demand{Title: "钠离子电池正极材料", Description: "待补充", Status: patentbridge.DemandDraft, RegionCode: "510107"}
		if err := db.CreateDemand(firm, d); err != nil || d.Status != patentbridge.DemandDraft {
			t.Fatalf("draft = %+v, %v", d, err)
		}
		if err := db.UpdateDemand(firm, d, true); patentbridge.ErrorField(err) != "description" {
			t.Fatalf("submitting a draft with a short description: %v", err)
		}
		d.Description = "寻求钠离子电池正极材料的低成本制备技术，循环寿命2000次以上。"
		// Another enterprise, the admin and the city do not see a draft: not found, not "forbidden".
		for _, u := range []*patentbridge.User{e.rival, e.admin} {
			wantCode(t, db.UpdateDemand(as(u), d, true), patentbridge.ENOTFOUND)
			wantCode(t, db.CloseDemand(as(u), d.ID, ""), patentbridge.ENOTFOUND)
		}
		chengdu := &patentbridge.User{ID: 77, Username: "chengdu", Role: patentbridge.RoleCity, CityCode: "5101"}
		wantCode(t, db.ModerateDemand(as(chengdu), d.ID, true, ""), patentbridge.ENOTFOUND)
		if _, n, err := db.ListDemands(as(chengdu), patentbridge.DemandFilter{City: "5101"}); err != nil || n != 0 {
			t.Errorf("a moderator's list of every state holds %d demands (a draft), %v", n, err)
		}
		if err := db.UpdateDemand(firm, d, true); err != nil || d.Status != patentbridge.DemandPending {
			t.Fatalf("submit draft: %+v, %v", d, err)
		}
		err := db.UpdateDemand(firm, d, false)
		wantCode(t, err, patentbridge.ECONFLICT)
		if !strings.Contains(patentbridge.ErrorMessage(err), "待审核") {
			t.Errorf("editing a pending demand: %q", patentbridge.ErrorMessage(err))
		}

		// Returned: both accounts of the organization get the message, the rival none.
		if err := db.ModerateDemand(as(e.admin), d.ID, false, "请补充技术指标"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ModerateDemand(as(e.admin), d.ID, true, ""), patentbridge.ECONFLICT)
		for _, u := range []*patentbridge.User{e.firm, e.firm2} {
			ms, unread := e.inbox(t, u)
			if len(ms) != 1 || unread != 1 || ms[0].Kind != patentbridge.MessageDemandReturned || !strings.Contains(ms[0].Body, "请补充技术指标") ||
				ms[0].Link != "/demands/"+itoa(d.ID) {
				t.Fatalf("%s's inbox after the return = %+v (unread %d)", u.Username, ms, unread)
			}
		}
		if ms, unread := e.inbox(t, e.rival); len(ms) != 0 || unread != 0 {
			t.Errorf("the rival sees another organization's messages: %+v", ms)
		}
		ms, _ := e.inbox(t, e.firm)
		_, err = db.ReadMessage(as(e.rival), ms[0].ID)
		wantCode(t, err, patentbridge.ENOTFOUND)
		if m, err := db.ReadMessage(firm, ms[0].ID); err != nil || !m.Read() {
			t.Fatalf("read = %+v, %v", m, err)
		}
		if _, unread := e.inbox(t, e.firm); unread != 0 {
			t.Errorf("unread after reading: %d", unread)
		}
		if _, unread := e.inbox(t, e.firm2); unread != 1 {
			t.Errorf("firm2's unread after firm read it: %d, want 1 (read marks are per account)", unread)
		}

		// Edited and resubmitted, then published: the second message.
		d.Description += "要求成本低于每吨5万元。"
		if err := db.UpdateDemand(firm, d, true); err != nil || d.Status != patentbridge.DemandPending {
			t.Fatalf("resubmit: %+v, %v", d, err)
		}
		if err := db.ModerateDemand(as(e.admin), d.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		if ms, unread := e.inbox(t, e.firm); len(ms) != 2 || unread != 1 || ms[0].Kind != patentbridge.MessageDemandPublished {
			t.Errorf("inbox after publication = %+v (unread %d)", ms, unread)
		}

		// 感兴趣 reaches the owning university, once.
		for range 2 {
			if err := db.SaveFeedback(firm, &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: e.interestAppNo, Verdict: patentbridge.FeedbackInterested}); err != nil {
				t.Fatal(err)
			}
		}
		ms, unread := e.inbox(t, e.scu)
		if len(ms) != 1 || unread != 1 || ms[0].Kind != patentbridge.MessagePatentInterest || ms[0].Link != "/patents/"+e.interestAppNo ||
			!strings.Contains(ms[0].Title, "成都新材科技有限公司") || !strings.Contains(ms[0].Title, e.interTitle) {
			t.Errorf("the university's inbox = %+v", ms)
		}

		// Closed with a note: out of the public list, still the poster's.
		if err := db.CloseDemand(firm, d.ID, "已与四川大学签约"); err != nil {
			t.Fatal(err)
		}
		err = db.CloseDemand(firm, d.ID, "")
		wantCode(t, err, patentbridge.ECONFLICT)
		if !strings.Contains(patentbridge.ErrorMessage(err), "已关闭") {
			t.Errorf("closing twice: %q", patentbridge.ErrorMessage(err))
		}
		wantCode(t, db.UpdateDemand(firm, d, true), patentbridge.ECONFLICT)
		wantCode(t, db.SaveFeedback(firm, &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: e.interestAppNo, Verdict: patentbridge.FeedbackIrrelevant}), patentbridge.ECONFLICT)
		if _, n, _ := db.ListDemands(firm, patentbridge.DemandFilter{Status: patentbridge.DemandPublished}); n != 0 {
			t.Errorf("public list holds %d demands after closing", n)
		}
		mine, n, err := db.ListDemands(as(e.firm2), patentbridge.DemandFilter{Mine: true, Status: patentbridge.DemandClosed})
		if err != nil || n != 1 || mine[0].CloseNote != "已与四川大学签约" || mine[0].ClosedAt.IsZero() {
			t.Errorf("firm2's closed demands = %+v, %d, %v", mine, n, err)
		}
		if counts, err := db.CountMyDemands(as(e.rival)); err != nil || len(counts) != 0 {
			t.Errorf("the rival's counts = %v, %v", counts, err)
		}
		wantActions(t, db, "demand:"+itoa(d.ID), "demand.draft", "demand.submit", "demand.reject", "demand.resubmit",
			"demand.publish", "demand.feedback", "demand.feedback", "demand.close")
	})
}

func TestRolledBackActSendsNoMessage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newLifecycleEnv(t, db)
		d := &patentbridge.Demand{Title: "钠离子电池正极材料", Description: "寻求钠离子电池正极材料的低成本制备技术。", RegionCode: "510107"}
		if err := db.CreateDemand(as(e.firm), d); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)
		if err := db.ModerateDemand(as(e.admin), d.ID, false, "请补充技术指标"); err == nil {
			t.Fatal("moderation succeeded without its audit row")
		}
		if err := db.SaveFeedback(as(e.firm), &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: e.interestAppNo, Verdict: patentbridge.FeedbackInterested}); err == nil {
			t.Fatal("feedback saved without its audit row")
		}
		for _, u := range []*patentbridge.User{e.firm, e.scu} {
			if ms, unread := e.inbox(t, u); len(ms) != 0 || unread != 0 {
				t.Errorf("%s got messages for acts that rolled back: %+v", u.Username, ms)
			}
		}
		if got, _ := db.FindDemand(context.Background(), d.ID); got.Status != patentbridge.DemandPending {
			t.Errorf("status after the failed return: %s", got.Status)
		}
	})
}

func TestDemandRegionOnTheList(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newLifecycleEnv(t, db)
		for code, ok := range map[string]bool{"510107": true, "5107": true, "510700": true, "110101": false, "510199": false} {
			d := &patentbridge.Demand{Title: "磷石膏综合利用", Description: "寻求磷石膏综合利用的成熟技术与装备。", RegionCode: code}
			err := db.CreateDemand(as(e.firm), d)
			if ok && err != nil || !ok && patentbridge.ErrorField(err) != "region_code" {
				t.Errorf("region %s: %v", code, err)
			}
		}
	})
}

func TestMigrationKeepsDemandsAndVerdicts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		if err := db.MigrateToForTest(ctx, 7); err != nil {
			t.Fatalf("down to 7: %v", err)
		}
		for _, stmt := range []string{
			`INSERT INTO demands (title, description, status, created_at) VALUES ('旧需求', '迁移前发布的技术需求', 'rejected', '2026-01-01T00:00:00.000000Z')`,
			`INSERT INTO match_feedback (demand_id, app_no, user_id, verdict, created_at) VALUES (1, '2019101000001', 3, 'interested', '2026-01-02T00:00:00.000000Z')`,
		} {
			if err := db.ExecForTest(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.MigrateToForTest(ctx, 9); err != nil {
			t.Fatalf("up to 9: %v", err)
		}
		if n, err := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM match_feedback WHERE demand_id = 1"); err != nil || n != 1 {
			t.Errorf("verdicts after the migration: %d, %v", n, err)
		}
		if d, err := db.FindDemand(ctx, 1); err != nil || d.Status != patentbridge.DemandRejected || d.Title != "旧需求" {
			t.Errorf("demand after the migration = %+v, %v", d, err)
		}
		if err := db.ExecForTest(ctx, `INSERT INTO demands (title, description, status, created_at) VALUES ('草稿', '', 'draft', '2026-01-03T00:00:00.000000Z')`); err != nil {
			t.Errorf("a draft after the migration: %v", err)
		}
	})
}

func TestPushListMessageReachesTheNamedOrganization(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newLifecycleEnv(t, db)
		ctx := platformCtx()
		const title = "新的专利推送清单：2026年第2期"
		if _, err := db.NotifyOrgNamedForTest(ctx, "成都新材科技有限公司", patentbridge.MessagePushList, title, "/push/2", errors.New("push list not stored")); err == nil {
			t.Fatal("the failing act succeeded")
		}
		if ms, _ := e.inbox(t, e.firm); len(ms) != 0 {
			t.Fatalf("a rolled-back push list sent %+v", ms)
		}
		if sent, err := db.NotifyOrgNamedForTest(ctx, "成都新材科技有限公司", patentbridge.MessagePushList, title, "/push/2", nil); err != nil || !sent {
			t.Fatalf("push-list message: %v, %v", sent, err)
		}
		for _, u := range []*patentbridge.User{e.firm, e.firm2} {
			if ms, unread := e.inbox(t, u); len(ms) != 1 || unread != 1 || ms[0].Title != title || ms[0].Link != "/push/2" {
				t.Errorf("%s's inbox = %+v", u.Username, ms)
			}
		}
		if ms, _ := e.inbox(t, e.rival); len(ms) != 0 {
			t.Errorf("the rival got the push list: %+v", ms)
		}
		if sent, err := db.NotifyOrgNamedForTest(ctx, "未登记的企业有限公司", patentbridge.MessagePushList, title, "/push/2", nil); err != nil || sent {
			t.Errorf("an unregistered enterprise: %v, %v", sent, err)
		}
	})
}
