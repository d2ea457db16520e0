package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func day(s string) time.Time {
	t, err := patentbridge.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return patentbridge.DateOf(t)
}

// The pipeline moves only forward and one stage at a time, each date on or
// after the one before and not after today.
func TestListingAdvanceOnlyForward(t *testing.T) {
	today := day("2026-11-27")
	c := &patentbridge.ListingCandidate{OrgName: "成都芯动科技有限公司", City: "5101", ScreenedOn: day("2025-03-01")}
	if err := c.Validate(today); err != nil {
		t.Fatal(err)
	}
	if err := c.Advance(patentbridge.ListingListed, day("2025-06-01"), today); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("screened straight to listed: %v", err)
	}
	if err := c.Advance(patentbridge.ListingFollowed, day("2025-02-01"), today); patentbridge.ErrorField(err) != "跟踪日期" {
		t.Errorf("followed before screened: %v", err)
	}
	if err := c.Advance(patentbridge.ListingFollowed, day("2026-12-01"), today); patentbridge.ErrorField(err) != "跟踪日期" {
		t.Errorf("followed after today: %v", err)
	}
	if err := c.Advance(patentbridge.ListingFollowed, day("2025-06-01"), today); err != nil || c.Stage != patentbridge.ListingFollowed || !c.FollowedOn.Equal(day("2025-06-01")) {
		t.Fatalf("followed: %v %+v", err, c)
	}
	if err := c.Advance(patentbridge.ListingScreened, day("2025-07-01"), today); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		t.Errorf("back to screened: %v", err)
	}
	if err := c.Advance(patentbridge.ListingListed, day("2026-01-05"), today); err != nil || c.Stage != patentbridge.ListingListed {
		t.Fatalf("listed: %v", err)
	}
	if err := c.Advance(patentbridge.ListingListed, day("2026-01-06"), today); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		t.Errorf("listed twice: %v", err)
	}
	if err := c.Advance("ipo", day("2026-01-06"), today); patentbridge.ErrorField(err) != "stage" {
		t.Errorf("an unknown stage: %v", err)
	}
}

// Each record's validation names the template column a user must correct.
func TestProgrammeRecordsNameTheirColumns(t *testing.T) {
	today := day("2026-11-27")
	event := func(f func(*patentbridge.Event)) *patentbridge.Event {
		e := &patentbridge.Event{Kind: patentbridge.EventRoadshow, Title: " 高校专利路演 ", City: "5101", HeldOn: day("2026-05-01"),
			Organizer: "四川大学", Participants: 80, Projects: []*patentbridge.EventProject{{Title: "锂电池正极材料"}}}
		f(e)
		return e
	}
	for field, f := range map[string]func(*patentbridge.Event){
		"活动类型": func(e *patentbridge.Event) { e.Kind = "party" },
		"活动名称": func(e *patentbridge.Event) { e.Title = "  " },
		"地区代码": func(e *patentbridge.Event) { e.City = "9999" },
		"活动日期": func(e *patentbridge.Event) { e.HeldOn = day("2026-12-01") },
		"主办单位": func(e *patentbridge.Event) { e.Organizer = "" },
		"参与人数": func(e *patentbridge.Event) { e.Participants = -1 },
		"项目名称": func(e *patentbridge.Event) { e.Projects[0].Title = "" },
		"申请号":  func(e *patentbridge.Event) { e.Projects[0].AppNo = "12345" },
	} {
		if err := event(f).Validate(today); patentbridge.ErrorField(err) != field {
			t.Errorf("%s: %v", field, err)
		}
	}
	e := event(func(*patentbridge.Event) {})
	if err := e.Validate(today); err != nil || e.Title != "高校专利路演" {
		t.Errorf("a valid event: %v %q", err, e.Title)
	}
	e.OrganizerType = patentbridge.PartySOE
	if !e.ByInstitution() {
		t.Error("an SOE's event is not counted as an institution's")
	}
	c := &patentbridge.TypicalCase{Title: "案例", Body: "正文", City: "5107", PublishedOn: day("2026-12-10"), DealIDs: []int64{3, 1, 3}}
	if err := c.Validate(); err != nil || len(c.DealIDs) != 2 || c.Published(today) || !c.Published(day("2026-12-10")) {
		t.Errorf("a case published ahead: %v %+v", err, c)
	}
	c.DealIDs = []int64{0}
	if err := c.Validate(); patentbridge.ErrorField(err) != "关联交易编号" {
		t.Errorf("deal 0: %v", err)
	}
	b := &patentbridge.PilotBase{Name: "中试基地", OrgName: "四川大学", City: "5101"}
	if err := b.Validate(today); patentbridge.ErrorField(err) != "成立日期" {
		t.Errorf("a base without a date: %v", err)
	}
}

// Kinds and stages read by their Chinese names, as templates and forms write them.
func TestProgrammeLabelsParse(t *testing.T) {
	for _, k := range patentbridge.EventKinds {
		if got, ok := patentbridge.ParseEventKind(" " + k.Label() + " "); !ok || got != k {
			t.Errorf("event kind %s: %v %v", k.Label(), got, ok)
		}
	}
	if _, ok := patentbridge.ParseEventKind("酒会"); ok {
		t.Error("an unknown event kind parsed")
	}
	for _, s := range patentbridge.ListingStages {
		if got, ok := patentbridge.ParseListingStage(s.Label()); !ok || got != s {
			t.Errorf("stage %s: %v %v", s.Label(), got, ok)
		}
	}
	if _, ok := patentbridge.ParseListingStage("ipo"); ok {
		t.Error("an unknown stage parsed")
	}
}
