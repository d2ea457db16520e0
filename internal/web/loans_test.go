package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// loanEnv is the web UI over a store with a Chengdu SME owning two granted
// inventions, 四川大学 owning one, the admin, a Chengdu official and an
// enterprise user.
type loanEnv struct {
	srv                *httptest.Server
	users              *httpxtest.UserService
	firmA, firmB, scuP string // application numbers
}

// loanPatent is a granted invention of owner, in force until 2039.
func loanPatent(serial int, title, owner string, ot patentbridge.PartyType) *patentbridge.Patent {
	d := fmt.Sprintf("2019100000%02d", serial)
	o := patentbridge.Party{Name: owner, Type: ot}
	return &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		AppDate: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 6, 8, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, StatusText: "有权-审定授权", MainIPC: "H01L23/367", IPC: []string{"H01L23/367"},
		Applicants: []patentbridge.Party{o}, Patentees: []patentbridge.Party{o}, RegionCode: "510107"}
}

func newLoanEnv(t *testing.T) *loanEnv {
	t.Helper()
	e := &loanEnv{users: httpxtest.NewUserService(t)}
	db := e.users.DB
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "德阳东汽装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106"},
	} {
		if err := db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	a := loanPatent(41, "一种车规级芯片散热封装结构", "成都芯动科技有限公司", patentbridge.PartyEnterprise)
	b := loanPatent(42, "一种低功耗图像传感器读出电路", "成都芯动科技有限公司", patentbridge.PartyEnterprise)
	s := loanPatent(44, "一种锂离子电池正极材料及其制备方法", "四川大学", patentbridge.PartyUniversity)
	e.users.MustStorePatents(t, a, b, s)
	e.firmA, e.firmB, e.scuP = a.AppNo, b.AppNo, s.AppNo
	e.users.MustUser(t, "admin", patentbridge.RoleAdmin)
	e.users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	e.users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: e.users, Ref: refdata.Default(), Logger: quiet, UploadDir: t.TempDir(),
		Loans: db, ImportLoans: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportLoans(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		}})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = MustServe(t, w, e.users)
	return e
}

// mustPool sets up a Chengdu pool of 1,000 万元 at leverage 10, split 3:2:5,
// with a loss cap of capWan 万元, opened on 2026-01-05, on the page, and
// returns its page's path.
func (e *loanEnv) mustPool(t *testing.T, c *http.Client, capWan string) string {
	t.Helper()
	status, loc, body := MustPost(t, c, e.srv.URL+"/risk-pools", url.Values{"name": {"成都市知识产权质押融资风险补偿资金池"}, "city": {"5101"},
		"balance": {"1000"}, "leverage": {"10"}, "loss_cap": {capWan}, "insurer_share": {"3"}, "bank_share": {"2"}, "gov_share": {"5"},
		"remainder_to": {"bank"}, "opened_on": {"2026-01-05"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/risk-pools/") {
		t.Fatalf("create pool: %d %s\n%s", status, loc, body)
	}
	return loc
}

// mustApply applies for a 200 万元, 24-month loan of the Chengdu SME on the
// form on appliedOn, declaring no suspension or preservation, and returns the loan page's path.
func (e *loanEnv) mustApply(t *testing.T, c *http.Client, poolPath, appNo, appliedOn string) string {
	t.Helper()
	status, loc, body := MustPost(t, c, e.srv.URL+"/loans/new", url.Values{"borrower": {"成都芯动科技有限公司"}, "bank": {"成都银行"},
		"amount": {"200"}, "term": {"24"}, "app_nos": {appNo}, "risk_pool": {strings.TrimPrefix(poolPath, "/risk-pools/")},
		"guarantor": {"中国人民财产保险股份有限公司四川省分公司"}, "cover": {"30"}, "applied_on": {appliedOn}, "no_suspension": {"yes"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/loans/") {
		t.Fatalf("apply: %d %s\n%s", status, loc, body)
	}
	return loc
}

// mustAct posts one act's form and expects the loan's page back.
func (e *loanEnv) mustAct(t *testing.T, c *http.Client, loanPath, act string, form url.Values) {
	t.Helper()
	status, loc, body := MustPost(t, c, e.srv.URL+loanPath+"/"+act, form)
	if status != http.StatusSeeOther || loc != loanPath {
		t.Fatalf("%s: %d %s\n%s", act, status, loc, body)
	}
}

// A city official applies for a loan on the form and takes it through
// valuation, approval, pledge registration (with the borrower's declaration
// confirmed) and disbursement; the list finds it by status, year, city and bank.
func TestLoanWorkflowOnThePages(t *testing.T) {
	e := newLoanEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	status, body := MustGet(t, c, e.srv.URL+"/loans/new")
	if status != http.StatusOK {
		t.Fatalf("form: %d", status)
	}
	mustContain(t, body, `id="loan-form"`, `name="amount"`, `href="/loans"`)
	pool := e.mustPool(t, c, "")
	// a refused application keeps the form, naming the column
	status, _, body = MustPost(t, c, e.srv.URL+"/loans/new", url.Values{"borrower": {"成都芯动科技有限公司"}, "bank": {"成都银行"},
		"amount": {"两百"}, "term": {"24"}, "app_nos": {e.firmA}, "applied_on": {"2026-02-10"}})
	if status != http.StatusBadRequest {
		t.Errorf("bad amount: %d", status)
	}
	mustContain(t, body, `data-field="金额(万元)"`, "不是数字：请填写万元数", `value="两百"`, `value="成都银行"`)

	loan := e.mustApply(t, c, pool, e.firmA, "2026-02-10")
	_, body = MustGet(t, c, e.srv.URL+loan)
	mustContain(t, body, `id="loan-status">已申请`, "一种车规级芯片散热封装结构", "200 万元", "成都市知识产权质押融资风险补偿资金池",
		`id="act-value"`, `id="act-refuse"`)
	if strings.Contains(body, `id="act-approve"`) {
		t.Error("an application offers approval before valuation")
	}
	e.mustAct(t, c, loan, "value", url.Values{"valuation_method": {"收益法"}, "valuation": {"500"}, "valuer": {"四川天府资产评估有限公司"}, "date": {"2026-02-15"}})
	if status, _, body := MustPost(t, c, e.srv.URL+loan+"/approve", url.Values{"date": {"2026-02-14"}}); status != http.StatusBadRequest ||
		!strings.Contains(body, "审批日期 2026-02-14 早于该贷款的评估日期 2026-02-15") {
		t.Errorf("approval before the valuation: %d", status)
	}
	e.mustAct(t, c, loan, "approve", url.Values{"date": {"2026-02-20"}})
	e.mustAct(t, c, loan, "register", url.Values{"registration_no": {"Y2026510000123"}, "no_suspension": {"yes"}, "date": {"2026-03-01"}})
	_, body = MustGet(t, c, e.srv.URL+loan)
	mustContain(t, body, `id="loan-status">已登记`, "Y2026510000123", "借款企业已声明，经办人已核实", "收益法", "四川天府资产评估有限公司", `id="act-disburse"`,
		`id="loan-valued-on">2026-02-15`, `id="loan-approved-on">2026-02-20`)
	if strings.Contains(body, `id="act-refuse"`) {
		t.Error("a registered loan can still be refused")
	}
	e.mustAct(t, c, loan, "disburse", url.Values{"date": {"2026-03-10"}})
	_, body = MustGet(t, c, e.srv.URL+loan)
	mustContain(t, body, `id="loan-status">已放款`, `id="loan-disbursed">2026-03-10`, `id="act-repay"`, `id="act-default"`)

	_, body = MustGet(t, c, e.srv.URL+"/loans?status=disbursed&year=2026&city=5101&bank="+url.QueryEscape("成都银行"))
	mustContain(t, body, `id="loan-total">共 1 笔`, `href="`+loan+`"`, "成都芯动科技有限公司", "成都市")
	for _, q := range []string{"year=2025", "status=repaid", "bank=" + url.QueryEscape("中国银行")} {
		if _, body = MustGet(t, c, e.srv.URL+"/loans?"+q); !strings.Contains(body, `id="loan-total">共 0 笔`) {
			t.Errorf("%s finds the loan", q)
		}
	}
	if status, _ := MustGet(t, c, e.srv.URL+"/loans?year=abc"); status != http.StatusBadRequest {
		t.Errorf("year=abc: %d", status)
	}
	// The year filter takes any year from the Patent Law's (1985) on, as the records do.
	if status, body := MustGet(t, c, e.srv.URL+"/loans?year=1990"); status != 200 || !strings.Contains(body, `id="loan-total">共 0 笔`) {
		t.Errorf("year=1990: %d", status)
	}
	if status, body := MustGet(t, c, e.srv.URL+"/loans?year=1984"); status != http.StatusBadRequest || !strings.Contains(body, "1985") {
		t.Errorf("year=1984: %d", status)
	}
	_, body = MustGet(t, c, e.srv.URL+pool)
	mustContain(t, body, `id="pool-outstanding">200 万元`, `id="pool-left">9,800 万元`, `id="pool-business">正常`)
}

// Registering the pledge of a patent the borrower does not own is refused
// with the registry's reason, naming the patent; the form comes back as typed
// and the loan stays approved.
func TestLoanRegistrationRefusalIsShown(t *testing.T) {
	e := newLoanEnv(t)
	c := MustClient(t, e.srv, "admin")
	loan := e.mustApply(t, c, e.mustPool(t, c, ""), e.scuP, "2026-02-10")
	e.mustAct(t, c, loan, "value", url.Values{"valuation_method": {"市场法"}, "valuation": {"300"}, "valuer": {"四川天府资产评估有限公司"}})
	e.mustAct(t, c, loan, "approve", nil)
	status, _, body := MustPost(t, c, e.srv.URL+loan+"/register", url.Values{"registration_no": {"Y2026510000999"}, "no_suspension": {"yes"}})
	if status != http.StatusBadRequest {
		t.Errorf("registration of another's patent: %d", status)
	}
	mustContain(t, body, "不能办理质押登记：出质人“成都芯动科技有限公司”不是该专利的登记专利权人", patentbridge.FormatAppNo(e.scuP),
		`id="err-act-register"`, `value="Y2026510000999"`, `id="loan-status">已审批`)
}

// A default and its compensation show the loss split 3:2:5 in 万元 to the
// fen; the pool pays the government's share, and once the losses reach its
// cap the pool page says new business is stopped and an approval is refused
// (409) with the service's message.
func TestLoanCompensationShowsTheSharesAndTheCapStopsBusiness(t *testing.T) {
	e := newLoanEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	pool := e.mustPool(t, c, "100")
	loan := e.mustApply(t, c, pool, e.firmA, "2026-02-10")
	e.mustAct(t, c, loan, "value", url.Values{"valuation_method": {"收益法"}, "valuation": {"500"}, "valuer": {"四川天府资产评估有限公司"}, "date": {"2026-02-15"}})
	e.mustAct(t, c, loan, "approve", url.Values{"date": {"2026-02-20"}})
	e.mustAct(t, c, loan, "register", url.Values{"registration_no": {"Y2026510000123"}, "no_suspension": {"yes"}, "date": {"2026-03-01"}})
	e.mustAct(t, c, loan, "disburse", url.Values{"date": {"2026-03-10"}})
	e.mustAct(t, c, loan, "default", url.Values{"date": {"2026-09-30"}})
	// a loss of nothing is refused on the form
	if status, _, body := MustPost(t, c, e.srv.URL+loan+"/compensate", url.Values{"loss": {""}}); status != http.StatusBadRequest ||
		!strings.Contains(body, "请填写本金损失(万元)") {
		t.Errorf("empty loss: %d", status)
	}
	e.mustAct(t, c, loan, "compensate", url.Values{"loss": {"100.000001"}, "date": {"2026-10-15"}})
	_, body := MustGet(t, c, e.srv.URL+loan)
	mustContain(t, body, `id="loan-status">已代偿`, `id="comp-loss">100.000001<`, `id="comp-insurer">30<`, `id="comp-bank">20.000001<`,
		`id="comp-gov">50<`, "尾差由贷款银行承担")
	_, body = MustGet(t, c, e.srv.URL+pool)
	mustContain(t, body, `id="pool-stopped"`, "暂停新增贷款业务", `id="pool-business">已暂停`, `id="pool-balance">950 万元`,
		"代偿支付", "-50", "设立时余额", `href="`+loan+`"`)
	_, body = MustGet(t, c, e.srv.URL+"/risk-pools")
	mustContain(t, body, "<strong>已暂停</strong>", "100.000001 / 100")

	next := e.mustApply(t, c, pool, e.firmB, "2026-10-20")
	e.mustAct(t, c, next, "value", url.Values{"valuation_method": {"收益法"}, "valuation": {"300"}, "valuer": {"四川天府资产评估有限公司"}})
	status, _, body := MustPost(t, c, e.srv.URL+next+"/approve", nil)
	if status != http.StatusConflict {
		t.Errorf("approval past the loss cap: %d", status)
	}
	mustContain(t, body, "达到上限", "暂停新增贷款业务", `id="loan-status">已评估`)
}

// A top-up on the pool page raises the balance; a bad amount keeps the form.
func TestRiskPoolDepositOnThePage(t *testing.T) {
	e := newLoanEnv(t)
	c := MustClient(t, e.srv, "admin")
	pool := e.mustPool(t, c, "")
	if status, _, body := MustPost(t, c, e.srv.URL+pool+"/deposits", url.Values{"amount": {"-5"}}); status != http.StatusBadRequest ||
		!strings.Contains(body, `id="deposit-error"`) || !strings.Contains(body, `value="-5"`) {
		t.Errorf("negative top-up: %d", status)
	}
	if status, loc, _ := MustPost(t, c, e.srv.URL+pool+"/deposits", url.Values{"amount": {"5.5"}, "date": {"2026-11-01"}}); status != http.StatusSeeOther || loc != pool {
		t.Fatalf("top-up: %d %s", status, loc)
	}
	_, body := MustGet(t, c, e.srv.URL+pool)
	mustContain(t, body, `id="pool-balance">1,005.5 万元`, "注资", "2026-11-01", "2026-01-05")
	// Nothing is paid into the pool before its 设立日期.
	status, _, body := MustPost(t, c, e.srv.URL+pool+"/deposits", url.Values{"amount": {"1"}, "date": {"2026-01-04"}})
	if status != http.StatusBadRequest {
		t.Errorf("a top-up before the opening: %d", status)
	}
	mustContain(t, body, "注资日期 2026-01-04 早于", "设立日期 2026-01-05")
}

// An uploaded loan workbook with a bad row stores the good one and offers the
// reject report naming the file, line and column.
func TestLoanUploadReportsTheRejectedRow(t *testing.T) {
	e := newLoanEnv(t)
	c := MustClient(t, e.srv, "admin")
	status, body := MustGet(t, c, e.srv.URL+"/loans/import")
	if status != http.StatusOK {
		t.Fatalf("upload page: %d", status)
	}
	mustContain(t, body, `id="loan-import-form"`, `href="/loans/template.xlsx"`, `href="/loans/template.csv"`,
		"必填列：借款企业、申请号、贷款银行、金额(万元)、期限(月)、申请日期。")
	// The templates: the importer's columns, the XLSX explaining each.
	res, err := c.Get(e.srv.URL + "/loans/template.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("template.xlsx: %v", err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	header, _, _, _ := ingest.TemplateRows(ingest.LoanColumns)
	if len(rows) != 1 || strings.Join(rows[0], ",") != strings.Join(header, ",") || len(header) != 17 || rows[0][4] != "金额(万元)" {
		t.Errorf("template header %q", rows)
	}
	notes, _ := f.GetRows("填写说明")
	if len(notes) < 18 || notes[1][0] != "借款企业" || notes[1][1] != "必填" || notes[2][1] != "选填" {
		t.Errorf("template notes %q", notes)
	}
	if _, body := MustGet(t, c, e.srv.URL+"/loans/template.csv"); strings.TrimSpace(strings.TrimPrefix(body, "\ufeff")) != strings.Join(header, ",") {
		t.Errorf("template.csv %q", body)
	}
	text := "借款企业,申请号,贷款银行,金额(万元),期限(月),申请日期\n" +
		"成都芯动科技有限公司," + e.firmA + ",成都银行,200,24,2026-02-10\n" +
		"成都芯动科技有限公司," + e.firmB + ",成都银行,两百,24,2026-02-11\n"
	status, body = MustUpload(t, c, e.srv.URL+"/loans/import", "质押台账.csv", []byte(text), nil)
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	mustContain(t, body, "质押台账.csv：读取 2 行，新增 1 笔，拒绝 1 行", "下载拒绝原因（CSV）")
	m := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no rejects download link")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[1], "&#43;", "+"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("rejects CSV = %q, %v", raw, err)
	}
	if r := recs[1]; r[0] != "质押台账.csv" || r[1] != "3" || r[2] != "金额(万元)" || r[3] != "两百" {
		t.Errorf("reject = %q", r)
	}
	_, body = MustGet(t, c, e.srv.URL+"/loans")
	mustContain(t, body, `id="loan-total">共 1 笔`, "成都芯动科技有限公司", "已申请")
}

// Loans are the officials' pages: an enterprise user is refused each, a
// visitor is sent to the login, and only officials see 质押融资 in the navigation.
func TestLoanPagesAreTheOfficials(t *testing.T) {
	e := newLoanEnv(t)
	firm := MustClient(t, e.srv, "firm")
	for _, p := range []string{"/loans", "/loans/new", "/loans/1", "/loans/import", "/loans/template.xlsx", "/risk-pools", "/risk-pools/1"} {
		if status, _ := MustGet(t, firm, e.srv.URL+p); status != http.StatusForbidden {
			t.Errorf("enterprise GET %s: %d", p, status)
		}
	}
	for _, p := range []string{"/loans/new", "/loans/1/approve", "/risk-pools", "/risk-pools/1/deposits"} {
		if status, _, _ := MustPost(t, firm, e.srv.URL+p, url.Values{"amount": {"1"}}); status != http.StatusForbidden {
			t.Errorf("enterprise POST %s: %d", p, status)
		}
	}
	if status, loc, _ := MustPost(t, MustClient(t, e.srv, ""), e.srv.URL+"/loans/new", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("visitor POST /loans/new: %d %s", status, loc)
	}
	_, body := MustGet(t, firm, e.srv.URL+"/")
	if strings.Contains(body, `href="/programme"`) {
		t.Error("the enterprise user's navigation links the programme's records")
	}
	for _, who := range []string{"admin", "chengdu"} {
		_, body = MustGet(t, MustClient(t, e.srv, who), e.srv.URL+"/programme")
		mustContain(t, body, `href="/loans"`, `href="/risk-pools"`)
	}
}

// A city official sees only its city's loans: a Deyang loan the admin
// recorded is not in Chengdu's list and its page is not found.
func TestLoanPagesKeepACityToItsOwn(t *testing.T) {
	e := newLoanEnv(t)
	admin := MustClient(t, e.srv, "admin")
	status, loc, body := MustPost(t, admin, e.srv.URL+"/loans/new", url.Values{"borrower": {"德阳东汽装备有限公司"}, "bank": {"德阳银行"},
		"amount": {"80"}, "term": {"12"}, "app_nos": {e.firmA}, "applied_on": {"2026-05-06"}})
	if status != http.StatusSeeOther {
		t.Fatalf("apply: %d\n%s", status, body)
	}
	if _, body = MustGet(t, admin, e.srv.URL+"/loans?city=510600"); !strings.Contains(body, `id="loan-total">共 1 笔`) || !strings.Contains(body, "德阳市") {
		t.Error("the admin's list lacks the Deyang loan")
	}
	chengdu := MustClient(t, e.srv, "chengdu")
	if _, body = MustGet(t, chengdu, e.srv.URL+"/loans"); !strings.Contains(body, `id="loan-total">共 0 笔`) || strings.Contains(body, "德阳东汽装备有限公司") {
		t.Error("Chengdu's list shows the Deyang loan")
	}
	if status, _ := MustGet(t, chengdu, e.srv.URL+loc); status != http.StatusNotFound {
		t.Errorf("Chengdu opens the Deyang loan: %d", status)
	}
	if status, _, _ := MustPost(t, chengdu, e.srv.URL+loc+"/refuse", url.Values{"reason": {"越权"}}); status != http.StatusNotFound {
		t.Errorf("Chengdu refuses the Deyang loan: %d", status)
	}
}
