package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// An enterprise marks 感兴趣 only a patent among its demand's matches: another
// patent of the same university is refused with a Chinese message naming the
// field, and its owner is told nothing; a patent already judged on the demand
// (since ranked lower by that verdict) may still be judged again.
func TestFeedbackOnlyOnTheDemandsMatches(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newLifecycleEnv(t, db)
		other := newPatent(3) // also owned by 四川大学, not a match
		MustUpsert(t, db, other)
		d := &patentbridge.Demand{Title: "钠离子电池正极材料", Description: "寻求钠离子电池正极材料的低成本制备技术，循环寿命2000次以上。",
			RegionCode: "510107", Deadline: sqldbtest.Start.AddDate(0, 2, 0)}
		if err := db.CreateDemand(as(e.firm), d); err != nil {
			t.Fatal(err)
		}
		if err := db.ModerateDemand(as(e.admin), d.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		give := func(appNo, verdict string) error {
			return db.SaveFeedback(as(e.firm), &patentbridge.MatchFeedback{DemandID: d.ID, AppNo: appNo, Verdict: verdict})
		}
		for _, verdict := range []string{patentbridge.FeedbackInterested, patentbridge.FeedbackIrrelevant} {
			err := give(other.AppNo, verdict)
			wantCode(t, err, patentbridge.EINVALID)
			if patentbridge.ErrorField(err) != "app_no" || patentbridge.ErrorMessage(err) !=
				"专利 "+patentbridge.FormatAppNo(other.AppNo)+" 不在技术需求《钠离子电池正极材料》的匹配结果中，只能对匹配结果中的专利反馈“感兴趣”或“不相关”" {
				t.Errorf("refusal = %q on %q", patentbridge.ErrorMessage(err), patentbridge.ErrorField(err))
			}
		}
		if ms, _ := e.inbox(t, e.scu); len(ms) != 0 {
			t.Errorf("the university was told of a false interest: %+v", ms)
		}
		if got, _ := db.DemandFeedback(as(e.firm), d.ID); len(got) != 0 {
			t.Errorf("feedback stored on a patent that is not a match: %v", got)
		}
		wantActions(t, db, "demand:"+itoa(d.ID), "demand.create", "demand.publish")

		if err := give(e.interestAppNo, patentbridge.FeedbackIrrelevant); err != nil {
			t.Fatal(err)
		}
		db.Matcher = fixedMatches{} // 不相关 ranked it out of the list
		if err := give(e.interestAppNo, patentbridge.FeedbackInterested); err != nil {
			t.Errorf("changing the verdict on a patent judged on this demand: %v", err)
		}
		if ms, _ := e.inbox(t, e.scu); len(ms) != 1 {
			t.Errorf("the university's inbox = %+v, want the one real interest", ms)
		}

		db.Matcher = nil
		wantCode(t, give(other.AppNo, patentbridge.FeedbackInterested), patentbridge.EUNAVAILABLE)
	})
}
