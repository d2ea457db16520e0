package sqldb_test

import (
	"context"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A case names stored deals only (a city user its city's); a published case
// is public, one published ahead is the officials' of its city until its day.
func TestCasesArePublicFromTheirPublicationDate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		c := &patentbridge.TypicalCase{Title: "四川大学锂电池专利作价入股", Body: "四川大学以专利作价入股……", City: "5101",
			PublishedOn: date("2026-10-01"), DealIDs: []int64{f.chengduDeal.ID}}
		missing := *c
		missing.DealIDs = []int64{f.chengduDeal.ID, 9999}
		err := db.CreateCase(as(f.admin), &missing)
		if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND || patentbridge.ErrorField(err) != "关联交易编号" {
			t.Errorf("a case naming no deal: %v", err)
		}
		other := *c
		other.DealIDs = []int64{f.mianyangDeal.ID}
		wantCode(t, db.CreateCase(as(f.chengdu), &other), patentbridge.EFORBIDDEN)
		if err := db.CreateCase(as(f.chengdu), c); err != nil {
			t.Fatal(err)
		}
		twice := *c
		if err := db.CreateCase(as(f.admin), &twice); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "标题" {
			t.Errorf("the same case again: %v", err)
		}
		ahead := &patentbridge.TypicalCase{Title: "即将发布的案例", Body: "正文", City: "5101", PublishedOn: date("2026-12-15")}
		if err := db.CreateCase(as(f.chengdu), ahead); err != nil {
			t.Fatal(err)
		}
		public := context.Background()
		if got, err := db.FindCase(public, c.ID); err != nil || len(got.DealIDs) != 1 || !got.PublishedOn.Equal(date("2026-10-01")) {
			t.Fatalf("the public reads a published case: %v %+v", err, got)
		}
		wantCode(t, func() error { _, err := db.FindCase(public, ahead.ID); return err }(), patentbridge.ENOTFOUND)
		wantCode(t, func() error { _, err := db.FindCase(as(f.mianyang), ahead.ID); return err }(), patentbridge.ENOTFOUND)
		if _, err := db.FindCase(as(f.chengdu), ahead.ID); err != nil {
			t.Errorf("chengdu reads its case ahead: %v", err)
		}
		for who, want := range map[*patentbridge.User]int{nil: 1, f.mianyang: 1, f.chengdu: 2, f.admin: 2} {
			ctx := public
			if who != nil {
				ctx = as(who)
			}
			if _, total, err := db.ListCases(ctx, patentbridge.ProgrammeFilter{Year: 2026}); err != nil || total != want {
				t.Errorf("%v lists %d cases (%v), want %d", who, total, err, want)
			}
		}
		if _, total, _ := db.ListCases(public, patentbridge.ProgrammeFilter{City: "5107"}); total != 0 {
			t.Errorf("Mianyang's cases: %d", total)
		}
		web := patentbridge.WithOrigin(public, patentbridge.Origin{Address: "198.51.100.7"})
		wantCode(t, db.CreateCase(web, &patentbridge.TypicalCase{Title: "t", Body: "b", City: "5101", PublishedOn: date("2026-01-01")}), patentbridge.EUNAUTHORIZED)
		MustFailAudit(t, db)
		if err := db.CreateCase(as(f.admin), &patentbridge.TypicalCase{Title: "t", Body: "b", City: "5101", PublishedOn: date("2026-01-01"),
			DealIDs: []int64{f.chengduDeal.ID}}); err == nil {
			t.Fatal("a case stored without its audit row")
		}
		for table, want := range map[string]int{"cases": 2, "case_deals": 1} {
			if n, _ := db.QueryIntForTest(public, "SELECT COUNT(*) FROM "+table); n != want {
				t.Errorf("%d rows in %s, want %d", n, table, want)
			}
		}
	})
}

// A case published today is public from Beijing midnight, while UTC is still
// on the day before.
func TestCasePublishedTodayIsPublicFromBeijingMidnight(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		db.Now = sqldbtest.NewClock(time.Date(2026, 12, 3, 16, 30, 0, 0, time.UTC)) // 00:30 on 12-04 in Beijing
		c := &patentbridge.TypicalCase{Title: "今日发布的案例", Body: "正文", City: "5101", PublishedOn: date("2026-12-04")}
		if err := db.CreateCase(as(f.admin), c); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindCase(context.Background(), c.ID); err != nil {
			t.Errorf("the public reads the case of the Beijing day: %v", err)
		}
		db.Now = sqldbtest.NewClock(time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)) // 23:30 on 12-03 in Beijing
		wantCode(t, func() error { _, err := db.FindCase(context.Background(), c.ID); return err }(), patentbridge.ENOTFOUND)
	})
}

// A pilot base resolves its organization; a second base of the name is
// refused; a city user records and reads only its city's.
func TestPilotBases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		b := &patentbridge.PilotBase{Name: "四川大学新材料中试基地", OrgName: "四川大学", City: "5101", EstablishedOn: date("2025-08-08")}
		if err := db.CreatePilotBase(as(f.chengdu), b); err != nil || b.OrgID == 0 {
			t.Fatalf("create: %v %+v", err, b)
		}
		again := *b
		again.ID = 0
		err := db.CreatePilotBase(as(f.admin), &again)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "基地名称" || again.ID != b.ID {
			t.Errorf("the same base again: %v", err)
		}
		wantCode(t, db.CreatePilotBase(as(f.chengdu), &patentbridge.PilotBase{Name: "绵阳中试基地", OrgName: "绵阳九洲电子有限公司", City: "5107",
			EstablishedOn: date("2026-01-01")}), patentbridge.EFORBIDDEN)
		if err := db.CreatePilotBase(as(f.mianyang), &patentbridge.PilotBase{Name: "绵阳中试基地", OrgName: "绵阳九洲电子有限公司", City: "5107",
			EstablishedOn: date("2026-01-01")}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, func() error { _, err := db.FindPilotBase(as(f.mianyang), b.ID); return err }(), patentbridge.ENOTFOUND)
		if got, err := db.FindPilotBase(as(f.admin), b.ID); err != nil || !got.EstablishedOn.Equal(date("2025-08-08")) {
			t.Errorf("find: %v %+v", err, got)
		}
		if _, total, _ := db.ListPilotBases(as(f.admin), patentbridge.ProgrammeFilter{Year: 2026}); total != 1 {
			t.Errorf("2026 bases: %d", total)
		}
		if _, total, _ := db.ListPilotBases(as(f.chengdu), patentbridge.ProgrammeFilter{}); total != 1 {
			t.Errorf("chengdu's bases: %d", total)
		}
		MustFailAudit(t, db)
		if err := db.CreatePilotBase(as(f.admin), &patentbridge.PilotBase{Name: "第三个", OrgName: "四川大学", City: "5101", EstablishedOn: date("2026-01-01")}); err == nil {
			t.Fatal("a base stored without its audit row")
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM pilot_bases"); n != 2 {
			t.Errorf("%d bases", n)
		}
	})
}

// The 科创板 pipeline takes registered enterprises once, in their city, and
// moves them forward one stage at a time, each move audited.
func TestListingPipeline(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		err := db.CreateListingCandidate(as(f.admin), &patentbridge.ListingCandidate{OrgName: "未登记的公司", ScreenedOn: date("2025-03-01")})
		if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND || patentbridge.ErrorField(err) != "企业名称" {
			t.Errorf("an unregistered enterprise: %v", err)
		}
		wantCode(t, db.CreateListingCandidate(as(f.chengdu), &patentbridge.ListingCandidate{OrgName: "绵阳九洲电子有限公司", ScreenedOn: date("2025-03-01")}),
			patentbridge.EFORBIDDEN)
		c := &patentbridge.ListingCandidate{OrgName: "成都芯动科技有限公司", ScreenedOn: date("2025-03-01")}
		if err := db.CreateListingCandidate(as(f.chengdu), c); err != nil || c.City != "5101" || c.Stage != patentbridge.ListingScreened {
			t.Fatalf("screen: %v %+v", err, c)
		}
		twice := &patentbridge.ListingCandidate{OrgName: "成都芯动科技有限公司", ScreenedOn: date("2025-04-01")}
		if wantCode(t, db.CreateListingCandidate(as(f.admin), twice), patentbridge.ECONFLICT); twice.ID != c.ID {
			t.Errorf("the same enterprise again names %d, want %d", twice.ID, c.ID)
		}
		if _, err := db.AdvanceListing(as(f.chengdu), c.ID, patentbridge.ListingListed, date("2025-09-01")); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("screened straight to listed: %v", err)
		}
		wantCode(t, func() error {
			_, err := db.AdvanceListing(as(f.mianyang), c.ID, patentbridge.ListingFollowed, date("2025-09-01"))
			return err
		}(),
			patentbridge.ENOTFOUND)
		got, err := db.AdvanceListing(as(f.chengdu), c.ID, patentbridge.ListingFollowed, date("2025-09-01"))
		if err != nil || got.Stage != patentbridge.ListingFollowed {
			t.Fatalf("follow: %v", err)
		}
		if _, err := db.AdvanceListing(as(f.admin), c.ID, patentbridge.ListingListed, date("2026-06-18")); err != nil {
			t.Fatal(err)
		}
		wantCode(t, func() error {
			_, err := db.AdvanceListing(as(f.admin), c.ID, patentbridge.ListingFollowed, date("2026-07-01"))
			return err
		}(),
			patentbridge.ECONFLICT)
		stored, err := db.FindListingCandidate(as(f.admin), c.ID)
		if err != nil || stored.Stage != patentbridge.ListingListed || !stored.FollowedOn.Equal(date("2025-09-01")) || !stored.ListedOn.Equal(date("2026-06-18")) {
			t.Fatalf("stored: %v %+v", err, stored)
		}
		if _, total, _ := db.ListListingCandidates(as(f.admin), patentbridge.ProgrammeFilter{Kind: "listed", Year: 2025}); total != 1 {
			t.Errorf("listed candidates screened in 2025: %d", total)
		}
		if _, total, _ := db.ListListingCandidates(as(f.mianyang), patentbridge.ProgrammeFilter{}); total != 0 {
			t.Errorf("mianyang sees %d candidates", total)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'listing.advance'"); n != 2 {
			t.Errorf("%d listing.advance rows", n)
		}
		other := &patentbridge.ListingCandidate{OrgName: "绵阳九洲电子有限公司", ScreenedOn: date("2026-03-01")}
		if err := db.CreateListingCandidate(as(f.mianyang), other); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)
		if _, err := db.AdvanceListing(as(f.admin), other.ID, patentbridge.ListingFollowed, date("2026-05-01")); err == nil {
			t.Fatal("a move stored without its audit row")
		}
		if stored, _ := db.FindListingCandidate(as(f.admin), other.ID); stored.Stage != patentbridge.ListingScreened || !stored.FollowedOn.IsZero() {
			t.Errorf("after a failed audit: %+v", stored)
		}
	})
}
