package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// An enterprise takes a published pool's package licence from the pool page:
// it confirms the acceptance text, pays the fee on the licence record, and the
// record names the pool and its lead member; 面议 pools offer no take link.
func TestTakePoolLicenceOnTheSite(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	soeP := mustScreenMarket(t, db)
	users := &httpxtest.UserService{DB: db}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Offers: db, Pools: db, Licences: db, Messages: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	ioe, _ := db.FindOrganizationByName(ctx, "中国科学院光电技术研究所")
	dec, _ := db.FindOrganizationByName(ctx, "东方电气集团有限公司")
	pool := func(name string, fee *patentbridge.FeeTerms) int64 {
		p := &patentbridge.Pool{Name: name, Field: "光电检测", Members: []patentbridge.PoolMember{{OrgID: ioe.ID}, {OrgID: dec.ID}},
			AppNos: []string{"2022232206652", soeP.AppNo}, Terms: "成员外企业打包普通许可", Fee: fee}
		if err := db.CreatePool(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishPool(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	paid := pool("光电检测专利池", &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 8_000_000})
	negotiated := pool("面议专利池", nil)
	users.MustUser(t, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司")
	firm := MustClient(t, srv, "firm")

	_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+"/pools/"+itoa(negotiated))
	mustContain(t, body, `id="pool-negotiate"`, "面议")
	if strings.Contains(body, `id="pool-take"`) {
		t.Error("a 面议 pool offers the take link")
	}
	_, body = MustGet(t, firm, srv.URL+"/pools/"+itoa(paid))
	mustContain(t, body, `id="pool-take"`, "80,000.00元", "中国科学院光电技术研究所（牵头单位")
	status, body := MustGet(t, firm, srv.URL+"/pools/"+itoa(paid)+"/take?term_end=2027-06-30")
	if status != http.StatusOK {
		t.Fatalf("take form: %d", status)
	}
	mustContain(t, body, "取得专利池打包许可", "光电检测专利池", "成都芯动科技有限公司", "2026-11-27至2027-06-30", "确认接受并取得许可")
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		res, err := firm.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("Location")
	}
	if status, _ := post("/pools/"+itoa(negotiated)+"/take", url.Values{"confirm": {"1"}}); status != http.StatusConflict {
		t.Fatalf("take a 面议 pool: %d", status)
	}
	status, loc := post("/pools/"+itoa(paid)+"/take", url.Values{"confirm": {"1"}, "term_end": {"2027-06-30"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/licences/") {
		t.Fatalf("take: %d %s", status, loc)
	}
	page := strings.Split(loc, "?")[0]
	if status, _ := post(page+"/payments", url.Values{"amount": {"80,000"}, "paid_on": {"2026-11-27"}, "reference": {"CCB-5"}}); status != http.StatusSeeOther {
		t.Fatalf("payment: %d", status)
	}
	_, body = MustGet(t, firm, srv.URL+page)
	mustContain(t, body, `id="licence-pool"`, "光电检测专利池", "普通许可", "已生效", "中国科学院光电技术研究所", "2027-06-30")
}
