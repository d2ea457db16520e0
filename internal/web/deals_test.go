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

// newDealEnv serves the deal pages over a real store with the admin, a
// Chengdu and a Mianyang city user and an enterprise user.
func newDealEnv(tb testing.TB) *httptest.Server {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	db := users.DB
	firm := &patentbridge.Organization{Name: "德阳精工装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true}
	if err := db.CreateOrganization(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), firm); err != nil {
		tb.Fatal(err)
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, UploadDir: tb.TempDir(),
		Organizations: db, Deals: db, ImportDeals: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportDeals(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		}})
	if err != nil {
		tb.Fatal(err)
	}
	return MustServe(tb, w, users)
}

// dealFormValues is a valid form of a transfer from 四川大学 to a Chengdu firm.
func dealFormValues() url.Values {
	return url.Values{"app_no": {"CN202223220665.2"}, "kind": {"transfer"}, "from": {"四川大学"}, "from_type": {"university"},
		"to": {"成都芯动科技有限公司"}, "to_type": {"enterprise"}, "to_sme": {"yes"}, "to_region_code": {"510104"},
		"amount": {"50"}, "contract_date": {"2026-06-30"}}
}

// The form records a deal; the same deal typed again is merged into it and
// the page says so, listing both sources; a bad value comes back naming its
// column; a city user records only its city's deals.
func TestDealFormMergesTheSameDeal(t *testing.T) {
	e := newDealEnv(t)
	if status, _ := MustGet(t, MustClient(t, e, "firm"), e.URL+"/deals"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the deals: %d", status)
	}
	admin := MustClient(t, e, "admin")
	status, body := MustGet(t, admin, e.URL+"/deals/new")
	if status != http.StatusOK {
		t.Fatalf("form: %d", status)
	}
	mustContain(t, body, "登记转移转化（交易）", `name="recordation_no"`, "独占许可", "大专院校")
	status, loc, body := MustPost(t, admin, e.URL+"/deals/new", dealFormValues())
	var id int64
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=created") {
		t.Fatalf("create: %d %s\n%s", status, loc, body)
	}
	fmt.Sscanf(loc, "/deals/%d", &id)
	again := dealFormValues()
	again.Set("recordation_no", "2026510000123")
	status, loc, _ = MustPost(t, admin, e.URL+"/deals/new", again)
	if status != http.StatusSeeOther || loc != fmt.Sprintf("/deals/%d?done=merged", id) {
		t.Fatalf("the same deal again: %d %s", status, loc)
	}
	_, body = MustGet(t, admin, e.URL+loc)
	mustContain(t, body, fmt.Sprintf("已与交易 %d 合并", id), "来源（2 个）", "表单录入", "2026510000123", "成都市", "50")
	bad := dealFormValues()
	bad.Set("to_region_code", "51A")
	status, _, body = MustPost(t, admin, e.URL+"/deals/new", bad)
	if status != http.StatusBadRequest {
		t.Fatalf("a bad region code: %d", status)
	}
	mustContain(t, body, `data-field="受让方地区代码"`, "应为6位区县代码", `value="成都芯动科技有限公司"`)
	bad = dealFormValues()
	bad.Set("amount", "十万")
	if status, _, body = MustPost(t, admin, e.URL+"/deals/new", bad); status != http.StatusBadRequest || !strings.Contains(body, `data-field="金额(万元)"`) {
		t.Errorf("a bad amount: %d", status)
	}
	// A receiver the registry knows: its city and SME flag come from there.
	registered := dealFormValues()
	registered.Set("to", "德阳精工装备有限公司")
	registered.Del("to_region_code")
	registered.Del("to_sme")
	status, loc, body = MustPost(t, admin, e.URL+"/deals/new", registered)
	if status != http.StatusSeeOther {
		t.Fatalf("a registered receiver: %d\n%s", status, body)
	}
	_, body = MustGet(t, admin, e.URL+loc)
	mustContain(t, body, "德阳市（据单位名录）", "是（据单位名录）")
	mianyang := dealFormValues()
	mianyang.Set("to_region_code", "510703")
	status, _, body = MustPost(t, MustClient(t, e, "chengdu"), e.URL+"/deals/new", mianyang)
	if status != http.StatusForbidden || !strings.Contains(body, "本市（州）") {
		t.Errorf("chengdu records a Mianyang deal: %d", status)
	}
}

// A deal file uploaded from the page: new rows stored, a row of a deal
// already typed merged, bad rows offered as a reject report; the list filters
// by year, city, kind and application number and a city user sees its city's.
func TestDealUploadListAndTemplates(t *testing.T) {
	e := newDealEnv(t)
	admin := MustClient(t, e, "admin")
	if status, loc, _ := MustPost(t, admin, e.URL+"/deals/new", dealFormValues()); status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", status, loc)
	}
	file := "申请号,交易类型,让与方,让与方类型,受让方,受让方类型,受让方地区代码,金额(万元),合同日期,备案号\n" +
		"2022232206652,转让,四川大学,大专院校,成都芯动科技有限公司,企业,510104,50,2026-06-30,\n" +
		"2021109876548,普通许可,西南交通大学,大专院校,绵阳某装备有限公司,企业,510703,3.5,2025-12-01,X2025510000009\n" +
		"2021109876548,赠与,西南交通大学,大专院校,绵阳某装备有限公司,企业,510703,1,2025-12-01,\n"
	status, body := MustUpload(t, admin, e.URL+"/deals/import", "交易2026.csv", []byte(file), nil)
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	mustContain(t, body, "读取 3 行，新增 1 笔，已登记过（并入原交易或未变）1 笔，拒绝 1 行", "下载拒绝原因（CSV）")
	m := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no rejects download")
	}
	raw, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[1], "&#43;", "+"))
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][0] != "交易2026.csv" || recs[1][1] != "4" || recs[1][2] != "交易类型" || !strings.Contains(recs[1][4], "交易类型应为") {
		t.Fatalf("rejects %q %v", recs, err)
	}
	_, body = MustGet(t, admin, e.URL+"/deals")
	mustContain(t, body, "共 2 笔", "绵阳某装备有限公司", "成都芯动科技有限公司", "批量导入", "3.5")
	_, body = MustGet(t, admin, e.URL+"/deals?city=5107&kind=ordinary&year=2025&app_no=CN202110987654.8")
	mustContain(t, body, "共 1 笔", "绵阳某装备有限公司", "X2025510000009")
	_, body = MustGet(t, admin, e.URL+"/deals?year=2026&kind=transfer")
	if mustContain(t, body, "共 1 笔", "成都芯动科技有限公司"); strings.Contains(body, "绵阳某装备有限公司") {
		t.Error("the 2026 transfers show a 2025 licence")
	}
	// A 6-digit code (the KPI pages' links use them) is its 市(州); a bad one is said.
	_, body = MustGet(t, admin, e.URL+"/deals?city=510700")
	if mustContain(t, body, "共 1 笔", "绵阳某装备有限公司"); strings.Contains(body, "成都芯动科技有限公司") {
		t.Error("/deals?city=510700 shows a Chengdu deal")
	}
	_, body = MustGet(t, admin, e.URL+"/deals?city=510703")
	mustContain(t, body, "共 1 笔", "绵阳某装备有限公司")
	for _, bad := range []string{"51070", "mianyang", "5107000"} {
		status, body := MustGet(t, admin, e.URL+"/deals?city="+bad)
		if status != http.StatusBadRequest {
			t.Errorf("/deals?city=%s: %d", bad, status)
		}
		mustContain(t, body, "城市代码", "应为 4 位（如 5101）或 6 位（如 510100）行政区划代码")
	}
	// A city user's list is its city's, asked for or not; another city's is refused.
	chengdu := MustClient(t, e, "chengdu")
	for _, path := range []string{"/deals", "/deals?city=5101", "/deals?city=510104"} {
		status, body := MustGet(t, chengdu, e.URL+path)
		if mustContain(t, body, "共 1 笔", "只显示受让方在成都市的交易"); status != http.StatusOK || strings.Contains(body, "绵阳某装备有限公司") {
			t.Errorf("chengdu %s: %d", path, status)
		}
	}
	mianyang := MustClient(t, e, "mianyang")
	if status, body := MustGet(t, mianyang, e.URL+"/deals?city=5101"); status != http.StatusForbidden {
		t.Errorf("mianyang asks for Chengdu's deals: %d", status)
	} else if mustContain(t, body, "没有权限：市（州）管理员只能查看本市（州）的记录"); strings.Contains(body, "成都芯动科技有限公司") {
		t.Error("mianyang sees a Chengdu deal")
	}
	if status, body := MustGet(t, mianyang, e.URL+"/deals"); status != http.StatusOK {
		t.Errorf("mianyang's deals: %d", status)
	} else if mustContain(t, body, "共 1 笔", "只显示受让方在绵阳市的交易", "绵阳某装备有限公司"); strings.Contains(body, "成都芯动科技有限公司") {
		t.Error("mianyang sees a Chengdu deal")
	}
	ids := regexp.MustCompile(`<a href="/deals/(\d+)">`).FindAllStringSubmatch(mustBody(t, admin, e.URL+"/deals?city=5107"), -1)
	if len(ids) != 1 {
		t.Fatalf("mianyang deal links %q", ids)
	}
	if status, _ := MustGet(t, chengdu, e.URL+"/deals/"+ids[0][1]); status != http.StatusNotFound {
		t.Errorf("chengdu opens a Mianyang deal: %d", status)
	}
	_, body = MustGet(t, admin, e.URL+"/deals/"+ids[0][1])
	mustContain(t, body, "来源（1 个）", "批量导入", "交易2026.csv 第 3 行")

	// The templates: the importer's columns, the XLSX explaining each.
	res, err := admin.Get(e.URL + "/deals/template.xlsx")
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
	header, _, _, _ := ingest.TemplateRows(ingest.DealColumns)
	if len(rows) != 1 || strings.Join(rows[0], ",") != strings.Join(header, ",") || len(header) != 12 {
		t.Errorf("template header %q", rows)
	}
	notes, _ := f.GetRows("填写说明")
	if len(notes) < 13 || notes[1][0] != "申请号" || notes[1][1] != "必填" {
		t.Errorf("template notes %q", notes)
	}
	_, body = MustGet(t, admin, e.URL+"/deals/template.csv")
	if strings.TrimSpace(strings.TrimPrefix(body, "\ufeff")) != strings.Join(header, ",") {
		t.Errorf("template.csv %q", body)
	}
	if status, _ := MustGet(t, MustClient(t, e, "firm"), e.URL+"/deals/template.xlsx"); status != http.StatusForbidden {
		t.Errorf("an enterprise downloads the template: %d", status)
	}
}

// mustBody fetches a page that must answer 200.
func mustBody(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	status, body := MustGet(t, c, u)
	if status != http.StatusOK {
		t.Fatalf("%s: %d", u, status)
	}
	return body
}
