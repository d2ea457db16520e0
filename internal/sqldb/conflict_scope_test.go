package sqldb_test

import (
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A record that is already stored is refused with its number to those who
// may open it, and to another city's official only as registered by another
// 市(州), so a refusal discloses no other city's record.
func TestConflictNamesNoOtherCitysRecord(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		e := newEvent("专利转化对接会", "5101", "2026-05-20", "一种锂电池正极材料")
		if err := db.CreateEvent(as(f.chengdu), e); err != nil {
			t.Fatal(err)
		}
		base := &patentbridge.PilotBase{Name: "新材料中试熟化基地", OrgName: "四川大学", City: "5101", EstablishedOn: date("2026-03-01")}
		if err := db.CreatePilotBase(as(f.chengdu), base); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			who  *patentbridge.User
			city string
			id   int64
		}{{f.mianyang, "5107", 0}, {f.admin, "5101", e.ID}} {
			again := newEvent("专利转化对接会", tc.city, "2026-05-20")
			err := db.CreateEvent(as(tc.who), again)
			checkConflictRef(t, "event", err, tc.id)
			b := &patentbridge.PilotBase{Name: "新材料中试熟化基地", OrgName: "四川大学", City: tc.city, EstablishedOn: date("2026-03-01")}
			if tc.city == "5107" {
				b.OrgName = "绵阳九洲电子有限公司"
			}
			id := tc.id
			if id != 0 {
				id = base.ID
			}
			checkConflictRef(t, "pilot base", db.CreatePilotBase(as(tc.who), b), id)
		}
	})
}

// checkConflictRef checks a refusal of a record already stored: 409 naming
// the stored record's number id, or, for 0, naming no number at all.
func checkConflictRef(t *testing.T, what string, err error, id int64) {
	t.Helper()
	msg := patentbridge.ErrorMessage(err)
	switch {
	case patentbridge.ErrorCode(err) != patentbridge.ECONFLICT:
		t.Errorf("%s stored again: %v", what, err)
	case id == 0 && (strings.Contains(msg, "编号") || !strings.Contains(msg, "由其他市（州）登记")):
		t.Errorf("%s of another city: %q discloses its record", what, msg)
	case id != 0 && !strings.Contains(msg, "编号 "+strconv.FormatInt(id, 10)):
		t.Errorf("%s: %q does not name record %d", what, msg, id)
	}
}
