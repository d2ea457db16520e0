package main

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestDemoLicencesTakeARoyaltyAndADeferredLicence(t *testing.T) {
	dsn := sqldbtest.SQLiteDSN(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = sqldbtest.NewClock(sqldbtest.Start)
	ctx := platform(context.Background())
	uni := &patentbridge.Organization{Name: "西南交通大学", Type: patentbridge.PartyUniversity, CityCode: "5101"}
	if err := db.CreateOrganization(ctx, uni); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	at := db.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	var ols []*patentbridge.OpenLicence
	for _, fee := range []string{`{"method":"sales_royalty","royalty_base":"net_sales","rate_bp":300,"report_months":6}`,
		`{"method":"deferred","grace_months":12,"then":{"method":"fixed","lump_sum_fen":2000000}}`} {
		res, err := raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
			created_at, announced_at) VALUES ('2019107654324', ?, 'announced', 'x', ?, '2020-01-01', '2099-12-31', '["西南交通大学"]', ?, ?)`, uni.ID, fee, at, at)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		ol := &patentbridge.OpenLicence{ID: id, Status: patentbridge.OpenAnnounced}
		ol.Fee.Method = patentbridge.FeeSales
		if strings.Contains(fee, "deferred") {
			ol.Fee.Method = patentbridge.FeeDeferred
		}
		ols = append(ols, ol)
	}
	quiet := slog.New(slog.DiscardHandler)
	if err := loadDemoLicences(context.Background(), db, db, db, ols, quiet); err != nil {
		t.Fatal(err)
	}
	ls, total, err := db.ListLicences(ctx, patentbridge.LicenceFilter{})
	if err != nil || total != 2 {
		t.Fatalf("demo licences: %d %v", total, err)
	}
	for _, l := range ls {
		s := patentbridge.LicenceStatement(l, db.Now())
		switch l.Fee.Method {
		case patentbridge.FeeSales:
			if len(l.Reports) != 1 || l.Reports[0].DueFen != 3_750_000 {
				t.Errorf("royalty licence reports %+v", l.Reports)
			}
		case patentbridge.FeeDeferred:
			if !s.Deferred || l.Status != patentbridge.LicenceEffective {
				t.Errorf("deferred licence: %+v %+v", l, s)
			}
		}
	}
	if err := loadDemoLicences(context.Background(), db, db, db, ols, quiet); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := db.ListLicences(ctx, patentbridge.LicenceFilter{}); total != 2 {
		t.Errorf("a second run takes more licences: %d", total)
	}
}
