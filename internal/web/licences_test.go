package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

func TestTakeOpenLicenceOnTheSiteAndPrintTheRecord(t *testing.T) {
	dsn := sqldbtest.SQLiteDSN(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	uni, _ := users.MustUser(t, "swjtu", patentbridge.RoleInstitution, "西南交通大学")
	users.MustUser(t, "shudao", patentbridge.RoleEnterprise, "成都蜀道智造科技有限公司")
	users.MustUser(t, "other", patentbridge.RoleEnterprise, "绵阳某企业")
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, announced_at) VALUES ('2019107654324', ?, 'announced', 'fixed', '{"method":"fixed","lump_sum_fen":1200000}', '2026-01-01', '2030-12-31', '["西南交通大学"]', ?, ?)`,
		uni.OrgID, at, at)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	olID, _ := res.LastInsertId()
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, Licences: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	firm := MustClient(t, srv, "shudao")

	status, body := MustGet(t, firm, fmt.Sprintf("%s/open-licences/%d/take", srv.URL, olID))
	if status != 200 {
		t.Fatalf("take form: %d", status)
	}
	mustContain(t, body, "第五十一条", "成都蜀道智造科技有限公司", "12,000.00元", "发出书面通知")
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		res, err := firm.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("Location")
	}
	if status, _ := post(fmt.Sprintf("/open-licences/%d/take", olID), url.Values{}); status != 400 {
		t.Fatalf("take without confirming: %d", status)
	}
	status, loc := post(fmt.Sprintf("/open-licences/%d/take", olID), url.Values{"confirm": {"1"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/licences/") {
		t.Fatalf("take: %d %s", status, loc)
	}
	page := strings.Split(loc, "?")[0]
	status, _ = post(page+"/payments", url.Values{"amount": {"12,000"}, "paid_on": {"2026-11-27"}, "reference": {"ICBC-88"}})
	if status != http.StatusSeeOther {
		t.Fatalf("payment: %d", status)
	}
	status, body = MustGet(t, firm, srv.URL+page)
	if status != 200 {
		t.Fatalf("licence page: %d", status)
	}
	mustContain(t, body, "西南交通大学", "成都蜀道智造科技有限公司", "已生效", `href="/ledger/`, "账本序号", "/static/print.css",
		"请办理备案", "2027-02-27", "12,000.00元", "ICBC-88", "年费按规定减缴 15%")
	if status, _ := MustGet(t, MustClient(t, srv, "other"), srv.URL+page); status != 404 {
		t.Errorf("another enterprise sees the licence: %d", status)
	}
	status, body = MustGet(t, MustClient(t, srv, "swjtu"), srv.URL+"/my/licences")
	if status != 200 || !strings.Contains(body, page) {
		t.Errorf("licensor's list: %d", status)
	}
	if status, _ := MustGet(t, MustClient(t, srv, "admin"), srv.URL+"/admin/licences?overdue=1"); status != 200 {
		t.Errorf("overdue list: %d", status)
	}
}
