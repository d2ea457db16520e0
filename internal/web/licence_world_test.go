package web_test

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// licenceSite is a site with one granted patent of 西南科技大学 (its user
// "swust"), the enterprises "firm" and "other", the admin "admin", and a raw
// connection to its SQLite database for fixtures the services do not make.
type licenceSite struct {
	db    *sqldb.DB
	raw   *sql.DB
	srv   *httptest.Server
	appNo string
	uni   *patentbridge.User
	firm  *patentbridge.User
}

// newLicenceSite builds a licenceSite.
func newLicenceSite(tb testing.TB) *licenceSite {
	tb.Helper()
	dsn := sqldbtest.SQLiteDSN(tb)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	s := &licenceSite{db: db}
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	s.uni, _ = users.MustUser(tb, "swust", patentbridge.RoleInstitution, "西南科技大学")
	s.firm, _ = users.MustUser(tb, "firm", patentbridge.RoleEnterprise, "绵阳某科技有限公司")
	users.MustUser(tb, "other", patentbridge.RoleEnterprise, "成都另一科技有限公司")
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	p := mianyangPatent()
	p.AppNo = "2019107654324"
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		tb.Fatal(err)
	}
	s.appNo = p.AppNo
	if s.raw, err = sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:")); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.raw.Close() })
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, OpenLicences: db, Licences: db, Organizations: db})
	if err != nil {
		tb.Fatal(err)
	}
	s.srv = MustServe(tb, w, users)
	return s
}

// mustOpenLicence inserts a declaration of the site's patent in the state,
// announced and withdrawn at the given times ("" for none).
func (s *licenceSite) mustOpenLicence(tb testing.TB, status, termEnd, announced, withdrawn string) int64 {
	tb.Helper()
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := s.raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, announced_at, withdrawn_at) VALUES (?, ?, ?, 'free', '{"method":"free"}', '2026-01-01', ?, '["西南科技大学"]', ?, ?, ?)`,
		s.appNo, s.uni.OrgID, status, termEnd, at, announced, withdrawn)
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}
