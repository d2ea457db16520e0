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

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// newServiceEnv serves the 服务体系 pages (and the deal pages) over a real
// store with the admin, a Chengdu city user, an enterprise user and two
// Chengdu enterprises in the registry.
func newServiceEnv(tb testing.TB) *httptest.Server {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	db := users.DB
	for name, city := range map[string]string{"成都芯动科技有限公司": "5101", "成都另一装备有限公司": "5101", "绵阳某装备有限公司": "5107"} {
		o := &patentbridge.Organization{Name: name, Type: patentbridge.PartyEnterprise, CityCode: city, SME: true}
		if err := db.CreateOrganization(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), o); err != nil {
			tb.Fatal(err)
		}
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, UploadDir: tb.TempDir(),
		Organizations: db, Deals: db, Filings: db, Commissioners: db, Outlets: db,
		ImportFilings: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportFilings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportCommissioners: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportCommissioners(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportServices: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportServices(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportOutlets: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportOutlets(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportTechManagers: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportTechManagers(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		}})
	if err != nil {
		tb.Fatal(err)
	}
	return MustServe(tb, w, users)
}

// The 服务体系 pages sit under the officials' one 运营记录 entry, whose
// page links their lists, forms, uploads and templates; the entry is marked
// on their pages, and the pages link each other.
func TestServiceNavigation(t *testing.T) {
	e := newServiceEnv(t)
	for _, who := range []string{"admin", "chengdu"} {
		c := MustClient(t, e, who)
		_, body := MustGet(t, c, e.URL+"/programme")
		mustContain(t, body, "专利产品备案", `href="/filings/new"`, `href="/filings/import"`, `href="/filings/template.xlsx"`,
			`href="/commissioners/import"`, `href="/service-records/import"`, `href="/service-outlets"`, `href="/tech-managers"`)
		_, body = MustGet(t, c, e.URL+"/filings")
		mustContain(t, body, `href="/commissioners"`, `href="/service-records"`, `href="/service-outlets"`, `href="/tech-managers"`)
		if !regexp.MustCompile(`<a href="/programme"[^>]*(class="active"|aria-current)`).MatchString(body) {
			t.Errorf("%s: 运营记录 is not marked on /filings", who)
		}
	}
	if _, body := MustGet(t, MustClient(t, e, "firm"), e.URL+"/"); strings.Contains(body, `href="/programme"`) {
		t.Error("an enterprise sees 运营记录")
	}
}

// mustDeal records a deal on the deal form and returns its id.
func mustDeal(t *testing.T, c *http.Client, base, appNo, kind, to string) int64 {
	t.Helper()
	status, loc, body := MustPost(t, c, base+"/deals/new", url.Values{"app_no": {appNo}, "kind": {kind}, "from": {"四川大学"},
		"from_type": {"university"}, "to": {to}, "to_type": {"enterprise"}, "amount": {"20"}, "contract_date": {"2026-03-01"}})
	var id int64
	if status != http.StatusSeeOther {
		t.Fatalf("deal: %d\n%s", status, body)
	}
	fmt.Sscanf(loc, "/deals/%d", &id)
	return id
}

// filingValues is a valid filing form of a Chengdu firm's product with an
// own patent and a licensed one from deal.
func filingValues(deal int64) url.Values {
	return url.Values{"enterprise": {"成都芯动科技有限公司"}, "product": {"智能巡检机器人"}, "model": {"XJ-200"},
		"industry": {"高端装备制造"}, "filed_on": {"2026-06-01"},
		"patent_app_no": {"CN202110843265.8", "CN202223220665.2", ""},
		"patent_source": {"own", "licensed", "own"},
		"patent_deal":   {"", fmt.Sprint(deal), ""}}
}

// A city official files a product using a licensed patent linked to its
// deal, then sets a year's output and sales; the filing shows on the list by
// year, city, industry and enterprise. A filing whose 受让 patent points at
// another enterprise's deal is refused on the form naming 交易编号, the form
// kept; the same product again is a conflict naming the stored filing; an
// enterprise user is refused.
func TestFilingFormLinksDealsAndSetsYears(t *testing.T) {
	e := newServiceEnv(t)
	if status, _ := MustGet(t, MustClient(t, e, "firm"), e.URL+"/filings"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the filings: %d", status)
	}
	admin, chengdu := MustClient(t, e, "admin"), MustClient(t, e, "chengdu")
	licence := mustDeal(t, admin, e.URL, "CN202223220665.2", "ordinary", "成都芯动科技有限公司")
	otherTransfer := mustDeal(t, admin, e.URL, "CN202110843265.8", "transfer", "成都另一装备有限公司")

	status, body := MustGet(t, chengdu, e.URL+"/filings/new")
	if status != http.StatusOK {
		t.Fatalf("form: %d", status)
	}
	mustContain(t, body, "登记专利产品备案", `name="patent_deal"`, ">许可<", ">受让<", "服务体系")

	bad := filingValues(licence)
	bad["patent_source"] = []string{"assigned", "licensed", "own"}
	bad["patent_deal"] = []string{fmt.Sprint(otherTransfer), fmt.Sprint(licence), ""}
	status, _, body = MustPost(t, chengdu, e.URL+"/filings/new", bad)
	if status != http.StatusBadRequest {
		t.Fatalf("a 受让 patent of another enterprise's deal: %d\n%s", status, body)
	}
	mustContain(t, body, `data-field="交易编号"`, "成都另一装备有限公司", "不是备案企业", `value="智能巡检机器人"`, `value="XJ-200"`,
		`value="`+fmt.Sprint(otherTransfer)+`"`)

	status, loc, body := MustPost(t, chengdu, e.URL+"/filings/new", filingValues(licence))
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=created") {
		t.Fatalf("create: %d %s\n%s", status, loc, body)
	}
	var id int64
	fmt.Sscanf(loc, "/filings/%d", &id)
	_, body = MustGet(t, chengdu, e.URL+loc)
	mustContain(t, body, "产品备案已登记", "智能巡检机器人", "成都市", "使用的专利（2 件）",
		fmt.Sprintf(`<a href="/deals/%d" class="filing-deal">交易 %d</a>`, licence, licence), "尚未填报年度产值和销售额")

	status, loc, body = MustPost(t, chengdu, e.URL+fmt.Sprintf("/filings/%d/years", id), url.Values{"year": {"2025"}, "output": {"1200.5"}, "sales": {"980"}})
	if status != http.StatusSeeOther {
		t.Fatalf("year: %d\n%s", status, body)
	}
	_, body = MustGet(t, chengdu, e.URL+loc)
	mustContain(t, body, "年度产值和销售额已更新", "<td>2025</td><td>1,200.5</td><td>980</td>")
	status, _, body = MustPost(t, chengdu, e.URL+fmt.Sprintf("/filings/%d/years", id), url.Values{"year": {"2025"}, "output": {"十万"}})
	if status != http.StatusBadRequest {
		t.Errorf("a bad output: %d", status)
	}
	mustContain(t, body, `data-field="产值(万元)"`, `value="十万"`)

	status, _, body = MustPost(t, chengdu, e.URL+"/filings/new", filingValues(licence))
	if status != http.StatusConflict {
		t.Errorf("the same product again: %d", status)
	}
	mustContain(t, body, "已备案为备案", fmt.Sprintf(`href="/filings/%d"`, id), `value="智能巡检机器人"`)

	_, body = MustGet(t, admin, e.URL+"/filings?year=2026&city=5101&industry=高端装备制造&enterprise=成都芯动科技有限公司")
	mustContain(t, body, "共 1 项", "智能巡检机器人", "1,200.5（2025 年）")
	_, body = MustGet(t, admin, e.URL+"/filings?year=2026&city=510100")
	mustContain(t, body, "共 1 项", "智能巡检机器人")
	if status, body := MustGet(t, admin, e.URL+"/filings?city=成都"); status != http.StatusBadRequest || !strings.Contains(body, "应为 4 位（如 5101）或 6 位") {
		t.Errorf("/filings?city=成都: %d", status)
	}
	_, body = MustGet(t, admin, e.URL+"/filings?enterprise=成都另一装备有限公司")
	if mustContain(t, body, "共 0 项"); strings.Contains(body, "智能巡检机器人") {
		t.Error("another enterprise's list shows the filing")
	}
	_, body = MustGet(t, admin, e.URL+"/filings?year=2025")
	mustContain(t, body, "共 0 项")

	// A city user files and reads its city's products only.
	mianyang := MustClient(t, e, "mianyang")
	other := filingValues(0)
	other.Set("enterprise", "成都另一装备有限公司")
	other["patent_deal"] = []string{"", "", ""}
	if status, _, body = MustPost(t, mianyang, e.URL+"/filings/new", other); status != http.StatusForbidden {
		t.Errorf("mianyang files a Chengdu product: %d", status)
	}
	mustContain(t, body, `value="成都另一装备有限公司"`)
	other.Set("enterprise", "绵阳某装备有限公司")
	if status, _, body = MustPost(t, mianyang, e.URL+"/filings/new", other); status != http.StatusSeeOther {
		t.Fatalf("mianyang files its product: %d\n%s", status, body)
	}
	if status, body := MustGet(t, mianyang, e.URL+"/filings?city=5101"); status != http.StatusForbidden || strings.Contains(body, "成都芯动科技有限公司") {
		t.Errorf("mianyang asks for Chengdu's filings: %d", status)
	}
	_, body = MustGet(t, mianyang, e.URL+"/filings")
	if mustContain(t, body, "共 1 项", "绵阳某装备有限公司", "只显示绵阳市企业的备案"); strings.Contains(body, "成都芯动科技有限公司") {
		t.Error("mianyang sees a Chengdu filing")
	}
	if status, _ := MustGet(t, mianyang, e.URL+fmt.Sprintf("/filings/%d", id)); status != http.StatusNotFound {
		t.Errorf("mianyang opens a Chengdu filing: %d", status)
	}
	if status, _, _ := MustPost(t, mianyang, e.URL+fmt.Sprintf("/filings/%d/years", id), url.Values{"year": {"2025"}, "output": {"1"}}); status != http.StatusNotFound {
		t.Errorf("mianyang sets a Chengdu filing's year: %d", status)
	}
	_, body = MustGet(t, admin, e.URL+"/filings")
	mustContain(t, body, "共 2 项")
}

// A commissioner registered on the form records a service to an enterprise
// and then leaves; the service shows on the commissioner's page and on the
// service list filtered by year, city and type; a bad service comes back
// naming its column.
func TestCommissionerRecordsAService(t *testing.T) {
	e := newServiceEnv(t)
	chengdu := MustClient(t, e, "chengdu")
	status, loc, body := MustPost(t, chengdu, e.URL+"/commissioners/new", url.Values{"name": {"李明"}, "organization": {"成都知识产权服务中心"},
		"city": {"5101"}, "registered_on": {"2026-01-15"}})
	if status != http.StatusSeeOther {
		t.Fatalf("commissioner: %d\n%s", status, body)
	}
	page := strings.TrimSuffix(loc, "?done=created")
	status, _, body = MustPost(t, chengdu, e.URL+"/commissioners/new", url.Values{"name": {"李明"}, "organization": {"成都知识产权服务中心"},
		"city": {"5101"}, "registered_on": {"2026-01-15"}})
	if status != http.StatusConflict {
		t.Errorf("the same commissioner again: %d", status)
	}
	mustContain(t, body, `href="`+page+`"`, `value="李明"`)
	status, _, body = MustPost(t, chengdu, e.URL+page+"/services", url.Values{"enterprise": {"成都芯动科技有限公司"},
		"served_on": {"2026-05-12"}, "service_type": {"valuation"}, "outcome": {"完成价值评估"}})
	if status != http.StatusSeeOther {
		t.Fatalf("service: %d\n%s", status, body)
	}
	_, body = MustGet(t, chengdu, e.URL+page+"?done=service")
	mustContain(t, body, "服务记录已登记", "服务记录（共 1 条）", "价值评估", "完成价值评估", "成都芯动科技有限公司")
	status, _, body = MustPost(t, chengdu, e.URL+page+"/services", url.Values{"enterprise": {"成都芯动科技有限公司"},
		"served_on": {"2026-05-13"}, "service_type": {"喝茶"}})
	if status != http.StatusBadRequest {
		t.Errorf("a bad service type: %d", status)
	}
	mustContain(t, body, `data-field="服务类型"`, "服务类型")
	_, body = MustGet(t, chengdu, e.URL+"/service-records?year=2026&type=valuation")
	mustContain(t, body, "共 1 条", "李明", "完成价值评估")
	_, body = MustGet(t, chengdu, e.URL+"/service-records?type=negotiation")
	mustContain(t, body, "共 0 条")
	status, loc, _ = MustPost(t, chengdu, e.URL+page+"/leave", url.Values{"left_on": {"2026-10-31"}})
	if status != http.StatusSeeOther {
		t.Fatalf("leave: %d", status)
	}
	_, body = MustGet(t, chengdu, e.URL+loc)
	if mustContain(t, body, "已记录离任", "2026-10-31", "离任前的服务"); strings.Contains(body, `id="leave-form"`) {
		t.Error("a commissioner who left is offered to leave again")
	}
	_, body = MustGet(t, chengdu, e.URL+"/service-records?commissioner="+strings.TrimPrefix(page, "/commissioners/"))
	mustContain(t, body, "共 1 条", "专员：", "李明")
	if status, _ := MustGet(t, MustClient(t, e, "mianyang"), e.URL+"/service-records?commissioner="+strings.TrimPrefix(page, "/commissioners/")); status != http.StatusNotFound {
		t.Errorf("mianyang filters by a Chengdu commissioner: %d", status)
	}
	_, body = MustGet(t, chengdu, e.URL+"/commissioners?serving=1")
	mustContain(t, body, "共 0 名")
}

// The outlet and technology manager pages register, list and close.
func TestOutletsAndTechManagers(t *testing.T) {
	e := newServiceEnv(t)
	admin := MustClient(t, e, "admin")
	status, _, body := MustPost(t, admin, e.URL+"/service-outlets/new", url.Values{"name": {"锦江区服务网点"}, "kind": {"outlet"},
		"city": {"5101"}, "opened_on": {"2026-02-01"}})
	if status != http.StatusSeeOther {
		t.Fatalf("outlet: %d\n%s", status, body)
	}
	_, body = MustGet(t, admin, e.URL+"/service-outlets?city=510104&kind=outlet")
	mustContain(t, body, "共 1 个", "锦江区服务网点", "网点", "记录撤销")
	id := regexp.MustCompile(`action="/service-outlets/(\d+)/close"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no close form")
	}
	status, _, body = MustPost(t, admin, e.URL+"/service-outlets/"+id[1]+"/close", url.Values{"closed_on": {"2026-01-01"}})
	if status != http.StatusBadRequest || !strings.Contains(body, `data-field="撤销日期"`) {
		t.Errorf("closing before opening: %d", status)
	}
	if status, _, _ = MustPost(t, admin, e.URL+"/service-outlets/"+id[1]+"/close", url.Values{"closed_on": {"2026-09-30"}}); status != http.StatusSeeOther {
		t.Fatalf("close: %d", status)
	}
	_, body = MustGet(t, admin, e.URL+"/service-outlets?open=1")
	mustContain(t, body, "共 0 个")
	status, _, body = MustPost(t, admin, e.URL+"/tech-managers/new", url.Values{"name": {""}, "registered_on": {"2026-02-01"}})
	if status != http.StatusBadRequest || !strings.Contains(body, `data-field="姓名"`) {
		t.Errorf("a manager without a name: %d", status)
	}
	if status, _, _ = MustPost(t, admin, e.URL+"/tech-managers/new", url.Values{"name": {"王芳"}, "city": {"5101"}, "registered_on": {"2026-02-01"}}); status != http.StatusSeeOther {
		t.Fatalf("manager: %d", status)
	}
	_, body = MustGet(t, admin, e.URL+"/tech-managers?year=2026")
	mustContain(t, body, "共 1 名", "王芳", "成都市")
	if status, _ := MustGet(t, MustClient(t, e, "firm"), e.URL+"/tech-managers"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the managers: %d", status)
	}
}

// rejectRows decodes the rejects CSV offered on an upload page.
func rejectRows(t *testing.T, body string) [][]string {
	t.Helper()
	m := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no rejects download\n%s", body)
	}
	raw, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[1], "&#43;", "+"))
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// Uploads of filings, commissioners and services with a bad row each: the
// page sums the rows up and offers a reject report naming the line and the
// column; the templates hold the importers' columns.
func TestServiceUploadsAndTemplates(t *testing.T) {
	e := newServiceEnv(t)
	admin := MustClient(t, e, "admin")
	uploads := []struct {
		path, file, content, summary, line, column string
	}{
		{"/filings/import", "备案.csv", "企业名称,产品名称,型号,申请号,专利来源,行业,年度,产值(万元),销售额(万元),备案日期\n" +
			"成都芯动科技有限公司,巡检机器人,A1,2021108432658,自有,装备,2025,100,80,2026-04-01\n" +
			"成都芯动科技有限公司,巡检机器人,A2,2021108432658,租来的,装备,2025,100,80,2026-04-01\n",
			"读取 2 行，新增 1 项", "3", "专利来源"},
		{"/commissioners/import", "专员.csv", "专员姓名,所属机构,所在市(州),登记日期\n李明,成都知识产权服务中心,5101,2026-01-15\n张华,成都知识产权服务中心,51A1,2026-01-15\n",
			"读取 2 行，新增 1 名", "3", "所在市(州)"},
		{"/service-records/import", "服务.csv", "专员姓名,服务企业,服务日期,服务类型,服务成效\n李明,成都芯动科技有限公司,2026-05-12,价值评估,评估\n李明,成都芯动科技有限公司,2026-05-13,喝茶,\n",
			"读取 2 行，新增 1 条", "3", "服务类型"},
	}
	for _, u := range uploads {
		status, body := MustUpload(t, admin, e.URL+u.path, u.file, []byte(u.content), nil)
		if status != http.StatusOK {
			t.Fatalf("%s: %d\n%s", u.path, status, body)
		}
		mustContain(t, body, u.summary, "拒绝 1 行", "下载拒绝原因（CSV）")
		recs := rejectRows(t, body)
		if len(recs) != 2 || recs[1][0] != u.file || recs[1][1] != u.line || recs[1][2] != u.column {
			t.Errorf("%s rejects %q", u.path, recs)
		}
	}
	_, body := MustGet(t, admin, e.URL+"/service-records")
	mustContain(t, body, "共 1 条", "李明")

	templates := []struct {
		path string
		cols []ingest.TemplateColumn
	}{{"/filings", ingest.FilingColumns}, {"/commissioners", ingest.CommissionerColumns}, {"/service-records", ingest.ServiceColumns}}
	for _, tt := range templates {
		header, _, _, _ := ingest.TemplateRows(tt.cols)
		res, err := admin.Get(e.URL + tt.path + "/template.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s template.xlsx: %v", tt.path, err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		if len(rows) != 1 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
			t.Errorf("%s template header %q", tt.path, rows)
		}
		notes, _ := f.GetRows("填写说明")
		if len(notes) < len(header)+1 {
			t.Errorf("%s template notes %q", tt.path, notes)
		}
		_, body := MustGet(t, admin, e.URL+tt.path+"/template.csv")
		if strings.TrimSpace(strings.TrimPrefix(body, "\ufeff")) != strings.Join(header, ",") {
			t.Errorf("%s template.csv %q", tt.path, body)
		}
		if status, _ := MustGet(t, MustClient(t, e, "firm"), e.URL+tt.path+"/template.xlsx"); status != http.StatusForbidden {
			t.Errorf("an enterprise downloads %s: %d", tt.path, status)
		}
	}
	if status, _ := MustUpload(t, MustClient(t, e, "firm"), e.URL+"/filings/import", "x.csv", []byte("a\n"), nil); status != http.StatusForbidden {
		t.Errorf("an enterprise uploads filings: %d", status)
	}
}
