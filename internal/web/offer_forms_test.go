package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// marketFormsEnv is the market with offers, pools and the registry on the
// sample patents plus an SOE's patent, with the institute (owner of
// 2022232206652), the university (owner of 2021108432658), the SOE, an
// enterprise and the admin signed in.
type marketFormsEnv struct {
	db                               *sqldb.DB
	srv                              string
	soeAppNo                         string
	ioe, scu, dec, firm, admin, anon *http.Client
}

func newMarketFormsEnv(t *testing.T) *marketFormsEnv {
	t.Helper()
	db := sqldbtest.SQLite(t)
	db.Now = clock
	soeP := mustScreenMarket(t, db)
	users := &httpxtest.UserService{DB: db}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Offers: db, OfferQuestions: db, Pools: db, Organizations: db, Messages: db})
	if err != nil {
		t.Fatal(err)
	}
	s := MustServe(t, w, users)
	users.MustUser(t, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所")
	users.MustUser(t, "scu", patentbridge.RoleInstitution, "四川大学")
	users.MustUser(t, "dec", patentbridge.RoleInstitution, "东方电气集团有限公司")
	users.MustUser(t, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司")
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	return &marketFormsEnv{db: db, srv: s.URL, soeAppNo: soeP.AppNo, ioe: MustClient(t, s, "ioe"), scu: MustClient(t, s, "scu"),
		dec: MustClient(t, s, "dec"), firm: MustClient(t, s, "firm"), admin: MustClient(t, s, "admin"), anon: MustClient(t, s, "")}
}

// idAfter returns the number after prefix in a redirect's Location.
func idAfter(t *testing.T, loc, prefix string) int64 {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(prefix) + `(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("Location %q lacks %s<id>", loc, prefix)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	return n
}

// An institute drafts an offer through the form (bad TRL, price or patent
// re-show the form with the Chinese message at the field and the input kept),
// publishes it onto the market with its ledger index and withdraws it; an
// enterprise may not offer, another organization may not publish.
func TestOfferForms(t *testing.T) {
	e := newMarketFormsEnv(t)
	db, srv, ioe, scu, firm, anon := e.db, e.srv, e.ioe, e.scu, e.firm, e.anon
	_, body := MustGet(t, ioe, srv+"/my/offers")
	mustContain(t, body, `href="/my/offers/new"`, "发布新的转让/许可信息", `href="/my/pools/new"`, `id="my-offers-empty"`)
	if strings.Contains(body, `name="soe_shared"`) || strings.Contains(body, `name="organization"`) {
		t.Errorf("a university is offered the SOE mark or the admin's organization choice")
	}
	_, body = MustGet(t, ioe, srv+"/my/patents")
	mustContain(t, body, `href="/my/offers/new?app_no=2022232206652"`)
	_, body = MustGet(t, ioe, srv+"/market")
	mustContain(t, body, `id="market-offer-new"`)
	status, body := MustGet(t, ioe, srv+"/my/offers/new?app_no=2022232206652")
	if status != http.StatusOK {
		t.Fatalf("new offer form: %d", status)
	}
	mustContain(t, body, `id="offer-form"`, ">2022232206652</textarea>", `name="trl"`, `value="transfer" selected`)

	good := url.Values{"app_nos": {"2022232206652"}, "kind": {"ordinary"}, "price": {"50"}, "trl": {"7"},
		"fields": {"光伏组件生产"}, "problem": {"胶膜铺设不平整"}, "advantage": {"良率提高 3%"}, "contact": {"科技处 028-85100000"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vs := range good {
			f[key] = append([]string(nil), vs...)
		}
		f.Set(k, v)
		return f
	}
	for _, c := range []struct {
		field, value string
		status       int
		msg          string
	}{
		{"trl", "10", http.StatusBadRequest, "技术成熟度（TRL）应为 1 到 9 级"},
		{"trl", "七", http.StatusBadRequest, "应为 1 到 9 级"},
		{"price", "五十", http.StatusBadRequest, "请填写万元，最多两位小数"},
		{"price", "-3", http.StatusBadRequest, "报价应在 0 到"},
		{"negotiable", "yes", http.StatusBadRequest, "选择“面议”时不填报价"},
		{"app_nos", "2021108432658", http.StatusForbidden, "不是专利 " + patentbridge.FormatAppNo("2021108432658") + " 的当前权利人"},
		{"soe_shared", "yes", http.StatusBadRequest, "只有国有企业的专利可以标记为“国企成熟专利共享”"},
		{"kind", "open_licence", http.StatusBadRequest, "没有已公告的开放许可声明"},
	} {
		form := with(c.field, c.value)
		if c.field == "kind" {
			form.Set("terms", "以开放许可声明为准")
		}
		status, _, body := MustPost(t, ioe, srv+"/my/offers/new", form)
		body = html.UnescapeString(body)
		field := c.field
		if field == "negotiable" {
			field = "price"
		}
		if status != c.status || !strings.Contains(body, c.msg) || !strings.Contains(body, `id="err-`+field+`"`) {
			t.Errorf("%s=%s: status %d, want %d with %q at the field; body %.300s", c.field, c.value, status, c.status, c.msg, body)
		}
		mustContain(t, body, ">胶膜铺设不平整</textarea>", `value="科技处 028-85100000"`) // the input is kept
	}
	if n, _, _ := db.ListOffers(patentbridge.WithUser(context.Background(), &patentbridge.User{ID: 1, Role: patentbridge.RoleAdmin}), patentbridge.OfferFilter{Mine: true}); len(n) != 0 {
		t.Fatalf("a refused form stored %d offers", len(n))
	}

	status, loc, _ := MustPost(t, ioe, srv+"/my/offers/new", good)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=created") {
		t.Fatalf("create = %d %s", status, loc)
	}
	id := idAfter(t, loc, "/market/")
	page := srv + "/market/" + itoa(id)
	_, body = MustGet(t, ioe, srv+loc)
	mustContain(t, body, "草稿", "报价草稿已保存", `action="/my/offers/`+itoa(id)+`/publish"`, "普通许可", "50 万元", "TRL 7")
	_, body = MustGet(t, ioe, srv+"/my/offers")
	mustContain(t, body, `href="/market/`+itoa(id)+`"`, "草稿", `action="/my/offers/`+itoa(id)+`/publish"`)
	if status, _ := MustGet(t, anon, page); status != http.StatusNotFound {
		t.Errorf("a draft is public: %d", status)
	}
	_, body = MustGet(t, anon, srv+"/market")
	mustContain(t, body, `id="market-total">0<`)
	if status, _, _ := MustPost(t, scu, srv+"/my/offers/"+itoa(id)+"/publish", nil); status != http.StatusNotFound {
		t.Errorf("another organization publishes a draft it cannot see: %d, want 404 as for the read", status)
	}

	status, loc, _ = MustPost(t, ioe, srv+"/my/offers/"+itoa(id)+"/publish", nil)
	if status != http.StatusSeeOther || loc != "/market/"+itoa(id)+"?done=published" {
		t.Fatalf("publish = %d %s", status, loc)
	}
	o, err := db.FindOffer(context.Background(), id)
	if err != nil || o.Status != patentbridge.OfferPublished || o.LedgerIndex == nil {
		t.Fatalf("published offer = %+v, %v", o, err)
	}
	_, body = MustGet(t, anon, srv+"/market?status=published")
	mustContain(t, body, `id="market-total">1<`, `href="/market/`+itoa(id)+`"`, `href="/ledger/`+itoa(*o.LedgerIndex)+`"`)
	_, body = MustGet(t, ioe, srv+"/my/offers")
	mustContain(t, body, "已发布", `action="/my/offers/`+itoa(id)+`/withdraw"`)
	status, _, body = MustPost(t, ioe, srv+"/my/offers/"+itoa(id)+"/publish", nil)
	if status != http.StatusConflict || !strings.Contains(body, "不能重复发布") {
		t.Errorf("publish twice = %d", status)
	}
	status, _, body = MustPost(t, ioe, srv+"/my/offers/"+itoa(id)+"/withdraw", url.Values{"reason": {"  "}})
	if status != http.StatusBadRequest || !strings.Contains(body, "撤回报价须填写撤回原因") {
		t.Errorf("withdraw without a reason = %d", status)
	}

	status, loc, _ = MustPost(t, ioe, srv+"/my/offers/"+itoa(id)+"/withdraw", url.Values{"reason": {"已与企业签订许可合同"}})
	if status != http.StatusSeeOther || loc != "/market/"+itoa(id)+"?done=withdrawn" {
		t.Fatalf("withdraw = %d %s", status, loc)
	}
	_, body = MustGet(t, anon, srv+"/market?status=published")
	mustContain(t, body, `id="market-total">0<`)
	_, body = MustGet(t, anon, page)
	mustContain(t, body, "已撤回", "撤回原因：已与企业签订许可合同")
	if strings.Contains(body, "/withdraw") || strings.Contains(body, "/publish") {
		t.Errorf("the public sees the owner's buttons")
	}

	for _, req := range []func() int{
		func() int { s, _ := MustGet(t, firm, srv+"/my/offers/new"); return s },
		func() int { s, _, _ := MustPost(t, firm, srv+"/my/offers/new", good); return s },
		func() int {
			s, _, _ := MustPost(t, firm, srv+"/my/offers/"+itoa(id)+"/withdraw", url.Values{"reason": {"x"}})
			return s
		},
	} {
		if s := req(); s != http.StatusForbidden {
			t.Errorf("enterprise: %d, want 403", s)
		}
	}
	for _, path := range []string{"/my/offers", "/market"} {
		if _, body = MustGet(t, firm, srv+path); strings.Contains(body, "/my/offers/new") {
			t.Errorf("an enterprise is offered the new-offer form on %s", path)
		}
	}
}

// A pool is formed through the form by two member organizations (an unknown
// member, a single member or an unreadable fee re-show the form), visible as a
// draft only to its members, and published from its page with its ledger index.
func TestPoolForms(t *testing.T) {
	e := newMarketFormsEnv(t)
	db, srv, ioe, scu, firm, anon := e.db, e.srv, e.ioe, e.scu, e.firm, e.anon
	_, body := MustGet(t, ioe, srv+"/my/pools/new")
	mustContain(t, body, `id="pool-form"`, ">中国科学院光电技术研究所\n</textarea>", `<option value="" selected>不设统一费用`)
	good := url.Values{"name": {"四川光伏与储能专利池"}, "field": {"光伏与储能"}, "members": {"中国科学院光电技术研究所\n四川大学"},
		"app_nos": {"2022232206652\n2021108432658"}, "terms": {"非成员企业打包普通许可，三年"}, "method": {"fixed"}, "lump_sum": {"300000"},
		"royalty_base": {"net_sales"}, "report_months": {"6"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vs := range good {
			f[key] = append([]string(nil), vs...)
		}
		f.Set(k, v)
		return f
	}
	for _, c := range []struct{ field, value, msg, at string }{
		{"members", "中国科学院光电技术研究所", "专利池至少应有两家成员单位", "members"},
		{"members", "中国科学院光电技术研究所\n不存在的研究院", "单位名录中没有“不存在的研究院”", "members"},
		{"lump_sum", "三十万", "金额", "lump_sum"},
		{"method", "sales_royalty", "打包许可使用费：提成比例应在", "fee"},
		{"lump_sum", "20000000.01", "固定费用一般不超过人民币2000万元", "fee"},
	} {
		status, _, body := MustPost(t, ioe, srv+"/my/pools/new", with(c.field, c.value))
		body = html.UnescapeString(body)
		if status != http.StatusBadRequest || !strings.Contains(body, c.msg) || !strings.Contains(body, `id="err-`+c.at+`"`) {
			t.Errorf("%s=%q: status %d, want 400 with %q at %s; body %.300s", c.field, c.value, status, c.msg, c.at, body)
		}
		mustContain(t, body, `value="四川光伏与储能专利池"`, ">非成员企业打包普通许可，三年</textarea>")
	}
	if status, _, body := MustPost(t, ioe, srv+"/my/pools/new", with("app_nos", "2022232206652\n2021112263722")); status != http.StatusForbidden ||
		!strings.Contains(html.UnescapeString(body), "不属于专利池的成员单位") {
		t.Errorf("a non-member's patent = %d", status)
	}

	status, loc, _ := MustPost(t, ioe, srv+"/my/pools/new", good)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=created") {
		t.Fatalf("create pool = %d %s", status, loc)
	}
	id := idAfter(t, loc, "/pools/")
	page := srv + "/pools/" + itoa(id)
	_, body = MustGet(t, ioe, srv+loc)
	mustContain(t, body, "草稿", "专利池草稿已保存", `action="/my/pools/`+itoa(id)+`/publish"`, "四川大学", "2021108432658")
	for _, c := range []*http.Client{anon, firm} {
		if status, _ := MustGet(t, c, page); status != http.StatusNotFound {
			t.Errorf("a draft pool is shown to a non-member: %d", status)
		}
	}
	if status, _ := MustGet(t, firm, srv+"/my/pools/new"); status != http.StatusForbidden {
		t.Errorf("enterprise pool form: %d", status)
	}

	status, loc, _ = MustPost(t, scu, srv+"/my/pools/"+itoa(id)+"/publish", nil) // any member may publish
	if status != http.StatusSeeOther || loc != "/pools/"+itoa(id)+"?done=published" {
		t.Fatalf("publish pool = %d %s", status, loc)
	}
	p, err := db.FindPool(context.Background(), id)
	if err != nil || p.LedgerIndex == nil || p.Fee == nil || p.Fee.Method != patentbridge.FeeFixed || p.Fee.LumpSumFen != 300000_00 || p.Fee.ReportMonths != 0 {
		t.Fatalf("published pool = %+v (fee %+v), %v", p, p.Fee, err)
	}
	_, body = MustGet(t, anon, page)
	mustContain(t, body, "已发布", `href="/ledger/`+itoa(*p.LedgerIndex)+`"`)
	if strings.Contains(body, "pool-publish") {
		t.Errorf("a published pool shows the publish button")
	}
	_, body = MustGet(t, anon, srv+"/pools")
	mustContain(t, body, `href="/pools/`+itoa(id)+`"`, "四川光伏与储能专利池")
	if status, _, _ := MustPost(t, ioe, srv+"/my/pools/"+itoa(id)+"/publish", nil); status != http.StatusConflict {
		t.Errorf("publish twice = %d", status)
	}
}

// An SOE marks its offer 成熟专利共享 and, once published, the patent is on
// the SOE shared list; the admin offers for a named organization of the
// registry (an unknown name is refused at its field).
func TestOfferFormSOEAndAdmin(t *testing.T) {
	e := newMarketFormsEnv(t)
	_, body := MustGet(t, e.dec, e.srv+"/my/offers/new")
	mustContain(t, body, `name="soe_shared"`)
	form := url.Values{"app_nos": {e.soeAppNo}, "kind": {"ordinary"}, "negotiable": {"yes"}, "trl": {"8"}, "fields": {"汽轮机制造"},
		"problem": {"叶片裂纹检出率低"}, "advantage": {"自动检测"}, "contact": {"科技部"}, "soe_shared": {"yes"}}
	status, loc, _ := MustPost(t, e.dec, e.srv+"/my/offers/new", form)
	if status != http.StatusSeeOther {
		t.Fatalf("SOE create = %d", status)
	}
	id := idAfter(t, loc, "/market/")
	if status, _, _ := MustPost(t, e.dec, e.srv+"/my/offers/"+itoa(id)+"/publish", nil); status != http.StatusSeeOther {
		t.Fatalf("SOE publish = %d", status)
	}
	_, body = MustGet(t, e.anon, e.srv+"/market/soe-shared")
	mustContain(t, body, `href="/market/`+itoa(id)+`"`, "东方电气集团有限公司", "面议")

	_, body = MustGet(t, e.admin, e.srv+"/my/offers/new")
	mustContain(t, body, `name="organization"`, `name="soe_shared"`)
	_, body = MustGet(t, e.admin, e.srv+"/my/offers")
	mustContain(t, body, `href="/my/offers/new"`, `href="/market/`+itoa(id)+`"`)
	form.Set("app_nos", "2022232206652")
	form.Del("soe_shared")
	form.Set("organization", "不存在的研究院")
	status, _, body = MustPost(t, e.admin, e.srv+"/my/offers/new", form)
	if body = html.UnescapeString(body); status != http.StatusBadRequest || !strings.Contains(body, `id="err-organization_id"`) ||
		!strings.Contains(body, "单位名录中没有“不存在的研究院”") || !strings.Contains(body, `value="不存在的研究院"`) {
		t.Errorf("admin, unknown organization = %d", status)
	}
	form.Set("organization", "中国科学院光电技术研究所")
	status, loc, _ = MustPost(t, e.admin, e.srv+"/my/offers/new", form)
	if status != http.StatusSeeOther {
		t.Fatalf("admin create = %d", status)
	}
	o, err := e.db.FindOffer(patentbridge.WithUser(context.Background(), &patentbridge.User{ID: 1, Role: patentbridge.RoleAdmin}), idAfter(t, loc, "/market/"))
	if err != nil || o.OrgName != "中国科学院光电技术研究所" || o.Status != patentbridge.OfferDraft {
		t.Errorf("admin's offer = %+v, %v", o, err)
	}
}
