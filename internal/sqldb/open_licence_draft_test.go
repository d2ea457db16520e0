package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestOpenLicenceDraftNeedsAGrantedPatent: a draft is refused, by the check
// the submission applies first, for a patent pending or no longer in force.
func TestOpenLicenceDraftNeedsAGrantedPatent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		pending := craftedPatent(25, "一种相控阵校准方法", func(p *patentbridge.Patent) {
			p.Patentees, p.Status, p.StatusText, p.GrantDate = []patentbridge.Party{uniUEST}, patentbridge.StatusPending, "审中-实审", time.Time{}
		})
		lapsed := craftedPatent(26, "一种波导滤波器", func(p *patentbridge.Patent) {
			p.Patentees, p.Status, p.StatusText = []patentbridge.Party{uniUEST}, patentbridge.StatusLapsedUnpaid, "无权-未缴年费"
		})
		MustUpsert(t, db, pending, lapsed)
		if _, err := db.SyncOrganizations(platformCtx()); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			p    *patentbridge.Patent
			want string
		}{{pending, "尚未授权"}, {lapsed, "第八十六条第（三）项"}} {
			err := db.CreateOpenLicence(as(f.uestc), royaltyDeclaration(tc.p))
			if patentbridge.ErrorField(err) != "app_no" || !strings.Contains(patentbridge.ErrorMessage(err), tc.want) {
				t.Errorf("draft for %s: %v, want a refusal on app_no saying %s", tc.p.StatusText, err, tc.want)
			}
		}
		MustOpenLicence(t, db, f.uestc, royaltyDeclaration(f.uestcOnly))
		if n, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM open_licences"); n != 1 {
			t.Errorf("%d drafts, want 1", n)
		}
	})
}
