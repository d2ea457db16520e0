package api_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// MustAnnouncedOpenLicence writes an announced open licence of orgID on the
// patent straight into the SQLite file at dsn (the declaration service is
// another part of the product) and returns its id.
func MustAnnouncedOpenLicence(tb testing.TB, dsn, appNo string, orgID int64, feeJSON string) int64 {
	tb.Helper()
	raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, announced_at) VALUES (?, ?, 'announced', 'fixed', ?, '2026-01-01', '2030-12-31', '["西南交通大学"]', ?, ?)`,
		appNo, orgID, feeJSON, at, at)
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestTakeOpenLicenceThroughTheAPI(t *testing.T) {
	dsn := sqldbtest.SQLiteDSN(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	users.MustStorePatents(t, &patentbridge.Patent{AppNo: "2019107654324", Kind: patentbridge.KindInvention, Title: "一种轨道交通轴承故障诊断方法",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, Patentees: []patentbridge.Party{{Name: "西南交通大学", Type: patentbridge.PartyUniversity}}})
	uni, uniTok := users.MustUser(t, "swjtu", patentbridge.RoleInstitution, "西南交通大学")
	_, firmTok := users.MustUser(t, "shudao", patentbridge.RoleEnterprise, "成都蜀道智造科技有限公司")
	_, otherTok := users.MustUser(t, "other", patentbridge.RoleEnterprise, "绵阳某企业")
	_, adminTok := users.MustUser(t, "admin", patentbridge.RoleAdmin)
	olID := MustAnnouncedOpenLicence(t, dsn, "2019107654324", uni.OrgID, `{"method":"fixed","lump_sum_fen":8000000}`)
	srv := api.New(api.Deps{Now: clock, Patents: db, Logger: quiet, Licences: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e := &supplyEnv{handler: h, db: db}
	base := fmt.Sprintf("/api/v1/open-licences/%d", olID)

	status, m := e.call(t, "GET", base+"/notice?term_end=2029-12-31", firmTok, "")
	if status != 200 || !strings.Contains(m["notice_text"].(string), "2029-12-31") {
		t.Fatalf("notice: %d %v", status, m)
	}
	status, m = e.call(t, "POST", base+"/licences", uniTok, `{"confirm":true}`)
	if status != 403 {
		t.Fatalf("an institution takes: %d %v", status, m)
	}
	status, m = e.call(t, "POST", base+"/licences", firmTok, `{"term_end":"2031-01-01","confirm":true}`)
	if status != 400 || errorOf(t, m)["field"] != "term_end" {
		t.Fatalf("term beyond the declaration's: %d %v", status, m)
	}
	status, m = e.call(t, "POST", base+"/licences", firmTok, `{"term_end":"2029-12-31","confirm":true}`)
	if status != 201 || m["status"] != "noticed" || m["ledger_index"] != nil || m["term_end"] != "2029-12-31" {
		t.Fatalf("take: %d %v", status, m)
	}
	lid := int(m["id"].(float64))
	path := fmt.Sprintf("/api/v1/licences/%d", lid)
	status, m = e.call(t, "POST", path+"/payments", firmTok, `{"amount_fen":8000000,"paid_on":"2026-11-27","reference":"ICBC-20261127-01"}`)
	if status != 200 || m["status"] != "effective" || m["ledger_index"] == nil || m["recordation_due"] != "2027-02-27" {
		t.Fatalf("payment: %d %v", status, m)
	}
	if st := m["statement"].(map[string]any); st["outstanding_fen"].(float64) != 0 || st["paid_fen"].(float64) != 8000000 {
		t.Errorf("statement %v", st)
	}
	for tok, want := range map[string]int{uniTok: 200, adminTok: 200, otherTok: 404, "": 401} {
		if status, _ := e.call(t, "GET", path, tok, ""); status != want {
			t.Errorf("GET licence as %q: %d, want %d", tok[:min(4, len(tok))], status, want)
		}
	}
	status, m = e.call(t, "GET", "/api/v1/licences", uniTok, "")
	if status != 200 || m["total"].(float64) != 1 {
		t.Fatalf("licensor's list: %d %v", status, m)
	}
	status, m = e.call(t, "POST", path+"/recordation", uniTok, `{"recordation_no":"2026510000777","recorded_on":"2026-11-27"}`)
	if status != 200 || m["recordation_no"] != "2026510000777" || m["recordation_overdue"] != false {
		t.Fatalf("recordation: %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/licences?overdue=1", firmTok, "")
	if status != 403 {
		t.Fatalf("an enterprise asks for the overdue list: %d %v", status, m)
	}
	status, m = e.call(t, "POST", "/api/v1/licences", uniTok, fmt.Sprintf(
		`{"kind":"exclusive","app_nos":["2019107654324"],"licensee_organization_id":%d,"fee":{"method":"fixed","lump_sum_fen":1},"term_start":"2027-01-01","term_end":"2028-12-31"}`, 3))
	if status != 409 || !strings.Contains(errorOf(t, m)["message"].(string), "第五十一条第三款") {
		t.Fatalf("exclusive while announced: %d %v", status, m)
	}
}
