package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ledger"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// TestLedgerPages: a visitor who is not signed in follows a published list's
// 账本序号 to its entry, sees the record, the checkpoint and the public key, and
// gets the verifying script.
func TestLedgerPages(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	httpxtest.MustScreen(t, db, testNow, httpxtest.SamplePatents()...)
	users := &httpxtest.UserService{DB: db}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Sleeping: db, Supply: db, Ledger: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	var id int64
	for i := range 2 {
		l := &patentbridge.SupplyList{Title: fmt.Sprintf("成都清单%d", i), Filter: patentbridge.SleepingFilter{Limit: 1}}
		if err := db.CreateSupplyList(ctx, l); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishSupplyList(ctx, l.ID, true); err != nil {
			t.Fatal(err)
		}
		id = l.ID
	}
	c := MustClient(t, srv, "")
	status, page := MustGet(t, c, fmt.Sprintf("%s/supply/%d", srv.URL, id))
	if status != http.StatusOK || !strings.Contains(page, `<a href="/ledger/1" id="supply-ledger">账本序号 1</a>`) {
		t.Fatalf("list page: %d, no link to its ledger entry", status)
	}
	status, page = MustGet(t, c, srv.URL+"/ledger")
	for _, want := range []string{`<a href="/ledger" class="active" aria-current="page">公共账本</a>`, `id="ledger-size">2<`, ledger.Origin + "\n2\n", strings.ReplaceAll(db.LedgerVerifierKey(), "+", "&#43;"),
		`<a href="/ledger/1">1</a>`, "发布供给清单", fmt.Sprintf(`<a href="/supply/%d">supply_list:%d</a>`, id, id), "patentbridge ledger verify"} {
		if !strings.Contains(page, want) {
			t.Errorf("/ledger (%d) lacks %q", status, want)
		}
	}
	status, page = MustGet(t, c, srv.URL+"/ledger/1")
	for _, want := range []string{`id="ledger-verify" data-index="1"`, "&#34;title&#34;: &#34;成都清单1&#34;", `/static/ledger_verify.js`, `id="ledger-leaf"`} {
		if !strings.Contains(page, want) {
			t.Errorf("/ledger/1 (%d) lacks %q", status, want)
		}
	}
	if status, _ := MustGet(t, c, srv.URL+"/ledger/7"); status != http.StatusNotFound {
		t.Errorf("/ledger/7: %d, want 404", status)
	}
	if status, _ := MustGet(t, c, srv.URL+"/ledger/x"); status != http.StatusNotFound {
		t.Errorf("/ledger/x: %d, want 404", status)
	}
	if status, js := MustGet(t, c, srv.URL+"/static/ledger_verify.js"); status != http.StatusOK || !strings.Contains(js, "sha256js") {
		t.Errorf("ledger_verify.js: %d", status)
	}
}
