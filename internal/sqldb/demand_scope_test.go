package sqldb_test

import (
	"encoding/json"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// demandFixture is two enterprises' users, two cities' users and the admin.
type demandFixture struct {
	firm, other, chengdu, mianyang, admin *patentbridge.User
}

func newDemandFixture(t *testing.T, db *sqldb.DB) demandFixture {
	t.Helper()
	MustOrganization(t, db, "成都新材科技有限公司", patentbridge.PartyEnterprise, "5101")
	MustOrganization(t, db, "绵阳另一企业有限公司", patentbridge.PartyEnterprise, "5107")
	f := demandFixture{
		firm:    mustMember(t, db, "firm", patentbridge.RoleEnterprise, "成都新材科技有限公司"),
		other:   mustMember(t, db, "other", patentbridge.RoleEnterprise, "绵阳另一企业有限公司"),
		chengdu: MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw),
		admin:   MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw),
	}
	my, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: "mianyang", Role: patentbridge.RoleCity, CityCode: "5107", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	f.mianyang = my
	return f
}

func TestDemandPostedAsOwnOrganization(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDemandFixture(t, db)
		d := newDemand("高镍正极材料包覆", "510116")
		d.Enterprise, d.CreatedBy = "绵阳另一企业有限公司", 999 // the attack: posting as another enterprise
		if err := db.CreateDemand(as(f.firm), d); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindDemand(as(nil), d.ID); got.Enterprise != "成都新材科技有限公司" || got.CreatedBy != f.firm.ID {
			t.Errorf("stored as %q by %d, want the poster's own organization and id", got.Enterprise, got.CreatedBy)
		}
		byAdmin := newDemand("页岩气返排液处理", "510700")
		byAdmin.Enterprise = "绵阳另一企业有限公司"
		if err := db.CreateDemand(as(f.admin), byAdmin); err != nil || byAdmin.Enterprise != "绵阳另一企业有限公司" {
			t.Errorf("admin posting for an enterprise: %q, %v", byAdmin.Enterprise, err)
		}
		if err := db.CreateDemand(as(f.chengdu), newDemand("线下征集的需求", "510700")); err != nil {
			t.Errorf("city user recording a demand collected offline: %v", err)
		}
		scu := mustMember(t, db, "scu", patentbridge.RoleInstitution, "成都新材科技有限公司")
		wantCode(t, db.CreateDemand(as(scu), newDemand("高校发布", "510100")), patentbridge.EFORBIDDEN)
		wantCode(t, db.CreateDemand(as(nil), newDemand("匿名发布", "510100")), patentbridge.EUNAUTHORIZED)

		entries, _, err := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Object: "demand:" + itoa(d.ID)})
		var after map[string]any
		if err != nil || len(entries) != 1 || entries[0].Action != "demand.create" || string(entries[0].Before) != "null" ||
			json.Unmarshal(entries[0].After, &after) != nil || after["enterprise"] != "成都新材科技有限公司" || after["status"] != "pending" {
			t.Errorf("audit = %+v, %v", entries, err)
		}
	})
}

func TestModerationScopeAndAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDemandFixture(t, db)
		d := MustCreateDemand(t, db, newDemand("猕猴桃保鲜冷链技术", "510100"))
		// A pending demand of another city is not even seen; its poster sees it but does not moderate it.
		wantCode(t, db.ModerateDemand(as(f.mianyang), d.ID, true, ""), patentbridge.ENOTFOUND)
		wantCode(t, db.ModerateDemand(as(f.firm), d.ID, true, ""), patentbridge.EFORBIDDEN)
		wantCode(t, db.ModerateDemand(as(nil), d.ID, true, ""), patentbridge.EUNAUTHORIZED)
		if err := db.ModerateDemand(as(f.chengdu), d.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindDemand(as(nil), d.ID)
		entries, _, _ := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Action: "demand.publish"})
		var before, after map[string]any
		if len(entries) != 1 || entries[0].Actor != "chengdu" || entries[0].Object != "demand:"+itoa(d.ID) ||
			json.Unmarshal(entries[0].Before, &before) != nil || json.Unmarshal(entries[0].After, &after) != nil ||
			before["status"] != "pending" || after["status"] != "published" || !entries[0].At.Equal(got.PublishedAt) {
			t.Errorf("publication entry = %+v; demand published at %v", entries, got.PublishedAt)
		}
		other := MustCreateDemand(t, db, newDemand("丘陵山区小型农机", "510700"))
		if err := db.ModerateDemand(as(f.admin), other.ID, false, "请补充技术指标"); err != nil {
			t.Errorf("admin rejects any city's demand: %v", err)
		}
	})
}

func TestFeedbackScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDemandFixture(t, db)
		d := newDemand("锂电池正极材料回收", "510100")
		if err := db.CreateDemand(as(f.firm), d); err != nil {
			t.Fatal(err)
		}
		p := appNo(2020, 1, 100001)
		db.Matcher = fixedMatches{p}
		give := func(u *patentbridge.User, verdict string) error {
			return db.SaveFeedback(as(u), &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: p, UserID: 999, Verdict: verdict})
		}
		wantCode(t, give(f.other, patentbridge.FeedbackIrrelevant), patentbridge.ENOTFOUND) // another firm's pending demand is not seen
		wantCode(t, give(f.chengdu, patentbridge.FeedbackIrrelevant), patentbridge.EFORBIDDEN)
		wantCode(t, give(nil, patentbridge.FeedbackIrrelevant), patentbridge.EUNAUTHORIZED)
		if err := give(f.firm, patentbridge.FeedbackIrrelevant); err != nil {
			t.Fatal(err)
		}
		if err := give(f.firm, patentbridge.FeedbackInterested); err != nil {
			t.Fatal(err)
		}
		for _, u := range []*patentbridge.User{f.firm, f.admin} {
			if got, err := db.DemandFeedback(as(u), d.ID); err != nil || got[p] != patentbridge.FeedbackInterested {
				t.Errorf("%s reads %v, %v", u.Username, got, err)
			}
		}
		_, err := db.DemandFeedback(as(f.other), d.ID)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.DemandFeedback(as(nil), d.ID)
		wantCode(t, err, patentbridge.EUNAUTHORIZED)

		entries, _, _ := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Action: "demand.feedback"})
		if len(entries) != 2 || string(entries[0].Before) != `{"app_no":"`+p+`","verdict":"irrelevant"}` ||
			string(entries[0].After) != `{"app_no":"`+p+`","verdict":"interested"}` || entries[0].ActorID != f.firm.ID {
			t.Errorf("feedback entries = %+v", entries)
		}
	})
}

func TestDemandWhoseAuditFailsLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDemandFixture(t, db)
		d := MustCreateDemand(t, db, newDemand("川茶自动化加工装备", "511800"))
		MustFailAudit(t, db)
		if err := db.CreateDemand(as(f.firm), newDemand("白酒酿造废水处理", "510500")); err == nil {
			t.Fatal("demand stored without its audit row")
		}
		if err := db.ModerateDemand(as(f.admin), d.ID, true, ""); err == nil {
			t.Fatal("demand published without its audit row")
		}
		ds, n, _ := db.ListDemands(as(f.admin), patentbridge.DemandFilter{})
		if n != 1 || ds[0].Status != patentbridge.DemandPending {
			t.Errorf("left behind: %d demands, first %s", n, ds[0].Status)
		}
	})
}
