package sqldb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// licenceWorld is a granted patent of a university, an announced open
// licence on it, and accounts of the university and of two enterprises.
type licenceWorld struct {
	db               *sqldb.DB
	appNo            string
	uni, firm, other *patentbridge.User
	uniOrg, firmOrg  int64
	admin            *patentbridge.User
}

// ctx is the context of u's acts.
func (w *licenceWorld) ctx(u *patentbridge.User) context.Context {
	return patentbridge.WithUser(context.Background(), u)
}

// MustLicenceWorld builds a licenceWorld on db.
func MustLicenceWorld(tb testing.TB, db *sqldb.DB) *licenceWorld {
	tb.Helper()
	w := &licenceWorld{db: db}
	ctx := platformCtx()
	for _, o := range []*patentbridge.Organization{
		{Name: "西南交通大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "成都蜀道智造科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "绵阳长虹配件有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107"},
	} {
		if err := db.CreateOrganization(ctx, o); err != nil {
			tb.Fatal(err)
		}
	}
	p := newPatent(0)
	p.Patentees = []patentbridge.Party{{Name: "西南交通大学", Type: patentbridge.PartyUniversity}}
	p.AppDate = date("2020-03-01")
	MustUpsert(tb, db, p)
	if _, err := db.SyncOrganizations(ctx); err != nil {
		tb.Fatal(err)
	}
	w.appNo = p.AppNo
	mk := func(name string, role patentbridge.Role, org string) *patentbridge.User {
		u, err := db.CreateUser(ctx, patentbridge.NewUser{Username: name, Name: name, Role: role, Organization: org, Password: "secret-pw-10"})
		if err != nil {
			tb.Fatal(err)
		}
		return u
	}
	w.uni = mk("swjtu", patentbridge.RoleInstitution, "西南交通大学")
	w.firm = mk("shudao", patentbridge.RoleEnterprise, "成都蜀道智造科技有限公司")
	w.other = mk("changhong", patentbridge.RoleEnterprise, "绵阳长虹配件有限公司")
	w.admin = mk("admin1", patentbridge.RoleAdmin, "")
	w.uniOrg, w.firmOrg = w.uni.OrgID, w.firm.OrgID
	return w
}

// MustAnnounced inserts an announced open licence on the world's patent with
// the fee terms, term to termEnd, announced at the store's clock, with a
// ledger index, and returns its id (B's service announces them in the product).
func (w *licenceWorld) MustAnnounced(tb testing.TB, fee patentbridge.FeeTerms, termEnd string) int64 {
	tb.Helper()
	ctx := context.Background()
	b, _ := json.Marshal(fee)
	pat, _ := json.Marshal([]string{"西南交通大学"})
	idx, err := w.db.AppendLedgerForTest(platformCtx(), "open_licence.announce", "open_licence:fixture", map[string]any{"app_no": w.appNo})
	if err != nil {
		tb.Fatal(err)
	}
	at := w.db.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	s := fmt.Sprintf(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, submitted_at, announced_at, ledger_index) VALUES ('%s', %d, 'announced', '%s', '%s', '2026-01-01', '%s', '%s', '%s', '%s', '%s', %d)`,
		w.appNo, w.uniOrg, fee.Method, b, termEnd, pat, at, at, at, idx)
	if err := w.db.ExecForTest(ctx, s); err != nil {
		tb.Fatal(err)
	}
	id, err := w.db.QueryIntForTest(ctx, "SELECT MAX(id) FROM open_licences")
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.db.ExecForTest(ctx, fmt.Sprintf(`INSERT INTO open_licence_consents (open_licence_id, org_id, purpose, user_id, at)
		VALUES (%d, %d, 'declare', %d, '%s')`, id, w.uniOrg, w.uni.ID, at)); err != nil {
		tb.Fatal(err)
	}
	return int64(id)
}

// MustWithdraw marks an open licence withdrawn at the store's clock.
func (w *licenceWorld) MustWithdraw(tb testing.TB, id int64) {
	tb.Helper()
	at := w.db.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	if err := w.db.ExecForTest(context.Background(), fmt.Sprintf(
		`UPDATE open_licences SET status = 'withdrawn', withdrawn_at = '%s', withdraw_reason = '测试' WHERE id = %d`, at, id)); err != nil {
		tb.Fatal(err)
	}
}

// moveClock sets db's clock to start at t.
func moveClock(db *sqldb.DB, t time.Time) { db.Now = newTicking(t) }

// newTicking is a clock starting at t that moves a millisecond per reading.
func newTicking(t time.Time) func() time.Time {
	return func() time.Time { t = t.Add(time.Millisecond); return t }
}
