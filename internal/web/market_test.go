package web_test

import (
	"context"
	"database/sql"
	"html"
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

// The market shows published offers with their ledger index and filters them;
// the SOE shared list shows the SOE's shared offer and downloads as XLSX; the
// pools page lists a published pool.
func TestMarketPages(t *testing.T) {
	dsn := sqldbtest.SQLiteDSN(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = clock
	soeP := mustScreenMarket(t, db)
	users := &httpxtest.UserService{DB: db}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Offers: db, OfferQuestions: db, Pools: db, Messages: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	declared := mustAnnounceOn(t, dsn, soeP.AppNo, "东方电气集团有限公司")
	publish := func(o *patentbridge.Offer) *patentbridge.Offer {
		o.TRL, o.Fields, o.Problem, o.Advantage, o.Contact = 7, "光伏组件", "平整度差", "良率提高", "科技处"
		if err := db.CreateOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		p, err := db.PublishOffer(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	inst := publish(&patentbridge.Offer{Kind: patentbridge.OfferTransfer, AppNos: []string{"2022232206652"}, PriceFen: 50_0000_00})
	soe := publish(&patentbridge.Offer{Kind: patentbridge.OfferOpenLicence, AppNos: []string{soeP.AppNo}, Terms: "先使用后付费", SOEShared: true})
	anon := MustClient(t, srv, "")
	_, body := MustGet(t, anon, srv.URL+"/market")
	mustContain(t, body, "转化交易", `href="/market/`, "50 万元", "账本序号 ", `id="market-total">2<`)
	_, body = MustGet(t, anon, srv.URL+"/market?org_type=soe")
	mustContain(t, body, `id="market-total">1<`, "开放许可")
	_, body = MustGet(t, anon, srv.URL+"/market?soe_shared=1")
	mustContain(t, body, `id="market-total">1<`, "东方电气集团有限公司", `name="soe_shared" value="1" checked`)
	for query, want := range map[string]string{"soe_shared=yes": "soe_shared", "price_max=0": "最高价格（万元）应至少为 1"} {
		status, body := MustGet(t, anon, srv.URL+"/market?"+query)
		if status != http.StatusBadRequest {
			t.Errorf("/market?%s: %d, want 400", query, status)
		}
		mustContain(t, body, want)
	}
	_, body = MustGet(t, anon, srv.URL+"/market/soe-shared")
	mustContain(t, body, "国企共享成熟专利清单", "共享 <strong>1</strong> 件", "东方电气集团有限公司")
	_, body = MustGet(t, anon, srv.URL+"/market/"+itoa(soe.ID))
	mustContain(t, body, `href="/open-licences/`+itoa(declared)+`"`)
	status, body := MustGet(t, anon, srv.URL+"/market/"+itoa(inst.ID))
	if status != http.StatusOK {
		t.Fatalf("offer page: %d", status)
	}
	mustContain(t, body, `href="/ledger/`+itoa(*inst.LedgerIndex)+`"`, "2022232206652", "TRL 7")
	if len(inst.Industries) == 0 {
		t.Fatalf("offer of a screened patent has no industries")
	}
	for _, key := range inst.Industries {
		sys, name, _ := strings.Cut(key, ":")
		mustContain(t, html.UnescapeString(body), `<span class="tag">`+patentbridge.SystemLabel(sys)+"·"+name+`</span>`)
		if strings.Contains(body, key) {
			t.Errorf("offer page shows the raw industry key %q", key)
		}
	}
	_, body = MustGet(t, anon, srv.URL+"/patents/2022232206652")
	mustContain(t, body, `id="patent-offers"`, `href="/market/`+itoa(inst.ID)+`"`, "转让 · 50 万元")
	rows := MustGetXLSX(t, anon, srv.URL+"/market/soe-shared.xlsx")
	if len(rows) != 2 || rows[0][1] != "申请号" || rows[1][1] != patentbridge.FormatAppNo(soeP.AppNo) || rows[1][3] != "东方电气集团有限公司" || rows[1][4] != "开放许可" {
		t.Fatalf("SOE shared workbook = %v", rows)
	}

	// An enterprise asks on the offer page; the institute answers from its 我的报价 and offer page.
	users.MustUser(t, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所")
	users.MustUser(t, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司")
	firm, ioe := MustClient(t, srv, "firm"), MustClient(t, srv, "ioe")
	_, body = MustGet(t, firm, srv.URL+"/market/"+itoa(inst.ID))
	mustContain(t, body, `id="offer-ask"`)
	res, err := firm.PostForm(srv.URL+"/market/"+itoa(inst.ID)+"/questions", url.Values{"kind": {"question"}, "text": {"能否分期付款？"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask = %v, %v", res, err)
	}
	res.Body.Close()
	_, body = MustGet(t, ioe, srv.URL+"/my/offers")
	mustContain(t, body, "我的报价", "能否分期付款？", "成都芯动科技有限公司", "待答复")
	qs, err := db.MyOfferQuestions(patentbridge.WithUser(ctx, &patentbridge.User{ID: 1, Role: patentbridge.RoleAdmin}))
	if err != nil || len(qs) != 1 {
		t.Fatalf("questions = %v, %v", qs, err)
	}
	res, err = ioe.PostForm(srv.URL+"/market/questions/"+itoa(qs[0].ID)+"/answer", url.Values{"answer": {"可以分两期支付"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer = %v, %v", res, err)
	}
	res.Body.Close()
	_, body = MustGet(t, firm, srv.URL+"/market/"+itoa(inst.ID))
	mustContain(t, body, "答复：可以分两期支付")
	_, body = MustGet(t, firm, srv.URL+"/messages")
	mustContain(t, body, "答复了您对报价")
}

// mustAnnounceOn inserts, in the SQLite database dsn, an announced
// open-licence declaration of the organization on the patent and returns its id.
func mustAnnounceOn(tb testing.TB, dsn, appNo, org string) int64 {
	tb.Helper()
	raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, submitted_at, announced_at) SELECT ?, id, 'announced', 'free', '{"method":"free"}', '2026-01-01', '2030-12-31', '[]', ?, ?, ?
		FROM organizations WHERE name = ?`, appNo, at, at, at, org)
	if err != nil {
		tb.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		tb.Fatalf("no organization %s", org)
	}
	id, _ := res.LastInsertId()
	return id
}
