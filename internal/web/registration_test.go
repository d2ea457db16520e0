package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// regEnv is the UI with self-registration and demands over one real store,
// with the city offices "chengdu" (5101) and "mianyang" (5107).
type regEnv struct {
	*env
	users *httpxtest.UserService
}

func newRegEnv(tb testing.TB) *regEnv {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	users.MustStorePatents(tb, httpxtest.SamplePatents()...)
	db := users.DB
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		UploadDir: tb.TempDir(), Demands: db, Feedback: db, Organizations: db, Registrations: db})
	if err != nil {
		tb.Fatal(err)
	}
	return &regEnv{env: &env{srv: MustServe(tb, w, users), users: users}, users: users}
}

const regPassword = "registered-pass-1"

// registrationForm is a valid form of an enterprise of 成都.
func registrationForm(username, name, code string) url.Values {
	return url.Values{"organization": {name}, "organization_type": {"enterprise"}, "credit_code": {code},
		"contact": {"张经理"}, "phone": {"028-85551234"}, "email": {"zhang@example.cn"}, "city_code": {"5101"},
		"username": {username}, "password": {regPassword}, "password2": {regPassword}}
}

// loginAs signs c in with a password, failing unless the login succeeds.
func (e *regEnv) loginAs(tb testing.TB, c *http.Client, username, password string) {
	tb.Helper()
	status, _, body := MustPost(tb, c, e.srv.URL+"/login", url.Values{"username": {username}, "password": {password}})
	if status != http.StatusSeeOther {
		tb.Fatalf("login as %s: status %d\n%s", username, status, body)
	}
}

// registrationID reads the id the registration list links for an organization.
func registrationID(tb testing.TB, body, name string) string {
	tb.Helper()
	i := strings.Index(body, ">"+name+"</a>")
	j := strings.LastIndex(body[:max(i, 0)], `href="/admin/registrations/`)
	if i < 0 || j < 0 {
		tb.Fatalf("the list lacks %s", name)
	}
	id := body[j+len(`href="/admin/registrations/`):]
	return id[:strings.IndexByte(id, '"')]
}

func TestRegistrationRefusesABadCreditCodeNamingTheField(t *testing.T) {
	e := newRegEnv(t)
	c := e.client(t)
	status, body := MustGet(t, c, e.srv.URL+"/register")
	if status != 200 {
		t.Fatalf("GET /register: %d", status)
	}
	mustContain(t, body, `<option value="5101">成都市</option>`, `<option value="5134">凉山彝族自治州</option>`, `name="credit_code"`, `maxlength="18"`)
	form := registrationForm("cdfirm", "成都某科技有限公司", "91510100MA61A00011") // check character should be R
	status, _, body = MustPost(t, c, e.srv.URL+"/register", form)
	if status != http.StatusBadRequest {
		t.Fatalf("bad credit code: status %d", status)
	}
	mustContain(t, body, `data-field="credit_code"`, "统一社会信用代码", "校验位错误：应为 R", `value="成都某科技有限公司"`)
	if strings.Contains(body, regPassword) {
		t.Error("the form sends the password back")
	}
	form.Set("credit_code", "91510100MA61A0001R")
	form.Set("city_code", "1101") // 北京市 is not a 市(州) of Sichuan
	status, _, body = MustPost(t, c, e.srv.URL+"/register", form)
	if status != http.StatusBadRequest || !strings.Contains(body, `data-field="city_code"`) {
		t.Fatalf("a city outside Sichuan: status %d", status)
	}
	form.Set("city_code", "5101")
	form.Set("contact", strings.Repeat("长", patentbridge.MaxRegContact+1))
	status, _, body = MustPost(t, c, e.srv.URL+"/register", form)
	if status != http.StatusBadRequest || !strings.Contains(body, `data-field="contact"`) {
		t.Fatalf("an over-long contact: status %d", status)
	}
}

func TestRegisterBrowseApprovePost(t *testing.T) {
	e := newRegEnv(t)
	anon := e.client(t)
	status, _, body := MustPost(t, anon, e.srv.URL+"/register", registrationForm("cdfirm", "成都某科技有限公司", "91510100MA61A0001R"))
	if status != http.StatusCreated {
		t.Fatalf("register: status %d\n%s", status, body)
	}
	mustContain(t, body, `id="register-done"`, "等待成都市知识产权局审核")

	firm := e.client(t)
	e.loginAs(t, firm, "cdfirm", regPassword)
	for _, p := range []string{"/", "/patents", "/demands", "/help"} {
		if status, _ := MustGet(t, firm, e.srv.URL+p); status != 200 {
			t.Errorf("a pending account cannot browse %s: %d", p, status)
		}
	}
	_, body = MustGet(t, firm, e.srv.URL+"/account")
	mustContain(t, body, `id="account-registration"`, "待审核")
	status, _, body = MustPost(t, firm, e.srv.URL+"/demands/new", demandForm("钠电池正极材料制备", "510100"))
	if status != http.StatusForbidden || !strings.Contains(body, "账号待审核，审核通过后可发布") {
		t.Fatalf("a pending account posts a demand: status %d", status)
	}
	if status, body := MustGet(t, firm, e.srv.URL+"/demands/new"); status != http.StatusForbidden || !strings.Contains(body, "账号待审核，审核通过后可发布") {
		t.Errorf("the demand form opens to a pending account: %d", status)
	}

	// 绵阳 neither sees nor approves 成都's registration.
	mianyang := MustClient(t, e.srv, "mianyang")
	_, body = MustGet(t, mianyang, e.srv.URL+"/admin/registrations")
	if strings.Contains(body, "成都某科技有限公司") || !strings.Contains(body, `id="registration-empty"`) {
		t.Error("绵阳 lists 成都's registration")
	}
	chengdu := MustClient(t, e.srv, "chengdu")
	// a bad status filter is named by its Chinese values, not the codes
	if status, body := MustGet(t, chengdu, e.srv.URL+"/admin/registrations?status=bogus"); status != http.StatusBadRequest ||
		!strings.Contains(body, "审核状态 &#34;bogus&#34; 无效（可选：待审核、已通过、未通过）") || strings.Contains(body, "approved") {
		t.Errorf("status=bogus: %d", status)
	}
	_, body = MustGet(t, chengdu, e.srv.URL+"/admin/registrations")
	id := registrationID(t, body, "成都某科技有限公司")
	if status, _ := MustGet(t, mianyang, e.srv.URL+"/admin/registrations/"+id); status != http.StatusNotFound {
		t.Errorf("绵阳 opens 成都's registration: %d", status)
	}
	if status, _, _ := MustPost(t, mianyang, e.srv.URL+"/admin/registrations/"+id+"/approve", nil); status != http.StatusNotFound {
		t.Errorf("绵阳 approves 成都's registration: %d", status)
	}
	if status, _, _ := MustPost(t, firm, e.srv.URL+"/admin/registrations/"+id+"/approve", nil); status != http.StatusForbidden {
		t.Errorf("the registrant approves itself: %d", status)
	}

	_, body = MustGet(t, chengdu, e.srv.URL+"/admin/registrations/"+id)
	mustContain(t, body, "91510100MA61A0001R", "张经理", `id="registration-match"`, "通过后将新建")
	status, loc, _ := MustPost(t, chengdu, e.srv.URL+"/admin/registrations/"+id+"/approve", nil)
	if status != http.StatusSeeOther {
		t.Fatalf("approve: status %d", status)
	}
	_, body = MustGet(t, chengdu, e.srv.URL+loc)
	mustContain(t, body, `id="registration-status">已通过<`, `id="registration-notice"`)
	if status, _, body := MustPost(t, firm, e.srv.URL+"/demands/new", demandForm("钠电池正极材料制备", "510100")); status != http.StatusSeeOther {
		t.Fatalf("the approved account cannot post: status %d\n%s", status, body)
	}
	o, err := e.users.FindOrganizationByName(t.Context(), "成都某科技有限公司")
	if err != nil || o.CreditCode != "91510100MA61A0001R" || o.CityCode != "5101" {
		t.Fatalf("registry entry = %+v, %v", o, err)
	}
	audit := strings.Join(httpxtest.MustAuditLines(t, e.users.DB), "\n")
	for _, a := range []string{"registration.create", "registration.approve", "organization.create"} {
		if !strings.Contains(audit, a) {
			t.Errorf("audit lacks %s", a)
		}
	}
}

func TestRegistrationRejectedWithAReason(t *testing.T) {
	e := newRegEnv(t)
	if status, _, body := MustPost(t, e.client(t), e.srv.URL+"/register", registrationForm("cdfirm", "成都某科技有限公司", "91510100MA61A0001R")); status != http.StatusCreated {
		t.Fatalf("register: %d\n%s", status, body)
	}
	admin := MustClient(t, e.srv, "admin")
	_, body := MustGet(t, admin, e.srv.URL+"/admin/registrations")
	id := registrationID(t, body, "成都某科技有限公司")
	status, _, body := MustPost(t, admin, e.srv.URL+"/admin/registrations/"+id+"/reject", url.Values{"reason": {" "}})
	if status != http.StatusBadRequest || !strings.Contains(body, "请填写不通过的原因") {
		t.Fatalf("reject without a reason: status %d", status)
	}
	if status, _, _ := MustPost(t, admin, e.srv.URL+"/admin/registrations/"+id+"/reject", url.Values{"reason": {"营业执照与单位名称不符"}}); status != http.StatusSeeOther {
		t.Fatalf("reject: %d", status)
	}
	firm := e.client(t)
	e.loginAs(t, firm, "cdfirm", regPassword)
	_, body = MustGet(t, firm, e.srv.URL+"/account")
	mustContain(t, body, "未通过", "营业执照与单位名称不符")
	if status, _, _ := MustPost(t, firm, e.srv.URL+"/demands/new", demandForm("钠电池正极材料制备", "510100")); status != http.StatusForbidden {
		t.Errorf("a rejected account posts: %d", status)
	}
	if _, n, _ := e.users.ListOrganizations(t.Context(), patentbridge.OrganizationFilter{Query: "成都某科技"}); n != 0 {
		t.Error("a rejected registration entered the registry")
	}
}
