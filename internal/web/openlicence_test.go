package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// A university declares an open licence through the form: a rate above the
// 2024 notice is refused next to the field, a good one is submitted, the admin
// announces it and the public page shows the terms and the ledger index.
func TestOpenLicencePages(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	users.MustUser(t, "swust", patentbridge.RoleInstitution, "西南科技大学")
	users.MustUser(t, "firm", patentbridge.RoleEnterprise, "绵阳某科技有限公司")
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	p := mianyangPatent()
	p.AppNo = "2019107654324"
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, OpenLicences: db, Licences: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	post := func(c *http.Client, path string, form url.Values) (int, string, string) {
		t.Helper()
		res, err := c.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Location"), string(b)
	}
	get := func(c *http.Client, path string) (int, string) {
		t.Helper()
		res, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	uni := MustClient(t, srv, "swust")
	if code, body := get(uni, "/open-licences/new?app_no="+p.AppNo); code != 200 || !strings.Contains(body, "第八十八条") || !strings.Contains(body, "西南科技大学") {
		t.Fatalf("form: %d", code)
	}
	form := url.Values{"app_no": {p.AppNo}, "method": {"sales_royalty"}, "rate": {"20.01"}, "report_months": {"6"},
		"term_start": {"2026-12-01"}, "term_end": {"2030-11-30"}, "fee_basis": {"参照估算指引的行业提成率"}, "action": {"submit"},
		"confirmations": {"no_exclusive_licence", "no_suspension", "fees_paid", "no_pledge", "no_other_bar"}}
	code, _, body := post(uni, "/open-licences/new", form)
	if code != http.StatusBadRequest || !strings.Contains(body, `id="err-rate"`) || !strings.Contains(body, "国知发运字〔2024〕19号") {
		t.Fatalf("20.01%%: %d %s", code, body)
	}
	form.Set("rate", "20")
	code, loc, body := post(uni, "/open-licences/new", form)
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "done=submitted") {
		t.Fatalf("submit: %d %s %s", code, loc, body)
	}
	path := strings.TrimSuffix(loc, "?done=submitted")
	if code, _ := get(MustClient(t, srv, ""), path); code != http.StatusNotFound {
		t.Fatalf("a submitted declaration read anonymously: %d", code)
	}
	admin := MustClient(t, srv, "admin")
	if code, loc, body := post(admin, path+"/review", url.Values{"decision": {"approve"}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d %s %s", code, loc, body)
	}
	code, body = get(MustClient(t, srv, ""), path)
	if code != 200 || !strings.Contains(body, "账本序号 0") || !strings.Contains(body, `href="/ledger/0"`) || !strings.Contains(body, "按净销售额提成 20%") {
		t.Fatalf("public page: %d %s", code, body)
	}
	take := `href="` + path + `/take"`
	if _, body := get(MustClient(t, srv, "firm"), path); !strings.Contains(body, take) {
		t.Errorf("an enterprise finds no way from the announced declaration to taking the licence")
	}
	if _, body := get(uni, path); strings.Contains(body, take) {
		t.Errorf("the patentee is offered to take its own open licence")
	}
	if code, body := get(MustClient(t, srv, ""), "/open-licences?method=sales_royalty"); code != 200 || !strings.Contains(body, p.AppNo) {
		t.Fatalf("public list: %d", code)
	}
	if _, body := get(MustClient(t, srv, ""), "/patents/"+p.AppNo); !strings.Contains(body, `id="patent-open-licence"`) {
		t.Errorf("the patent page does not show the announced open licence")
	}
	if _, body := get(MustClient(t, srv, ""), "/open-licences?method=free"); strings.Contains(body, p.AppNo) {
		t.Errorf("the free filter shows a royalty declaration")
	}

	// A batch: the template downloads; a good row becomes a draft, bad rows are named.
	res, err := uni.Get(srv.URL + "/open-licences/import/template.xlsx")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("template: %v %v", err, res)
	}
	tpl, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(tpl) < 1000 {
		t.Fatalf("template of %d bytes", len(tpl))
	}
	book := strings.Join([]string{"申请号,许可使用费支付方式,固定费用（元）,许可期限起,许可期限止,确认无妨碍情形",
		p.AppNo + ",固定费用,500000,2027-01-01,2030-12-31,是",
		p.AppNo + ",固定费用,20000000.01,2027-01-01,2030-12-31,是",
		"2019107654328,免费,,2027-01-01,2030-12-31,是"}, "\n")
	res = postFile(t, uni, srv.URL+"/open-licences/import", "batch.xlsx", string(xlsxOf(t, book)))
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body = string(b)
	if res.StatusCode != 200 || !strings.Contains(body, "保存草稿 1 份，未通过 2 行") || !strings.Contains(body, "第3行“固定费用（元）”列") ||
		!strings.Contains(body, "第4行“申请号”列") {
		t.Fatalf("batch: %d %s", res.StatusCode, body)
	}
}

// xlsxOf builds a one-sheet workbook from comma-separated lines.
func xlsxOf(t *testing.T, csv string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, line := range strings.Split(csv, "\n") {
		for j, v := range strings.Split(line, ",") {
			c, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("Sheet1", c, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The batch refuses, on their rows, a patent repeating an earlier row's and a
// patent not yet granted; only the first good row becomes a draft. The page
// states the limits the code applies.
func TestOpenLicenceImportRefusesDuplicateAndPendingPatents(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "swust", patentbridge.RoleInstitution, "西南科技大学")
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	granted, pending := mianyangPatent(), mianyangPatent()
	granted.AppNo = "2019107654324"
	pending.AppNo, pending.Status, pending.StatusText, pending.GrantDate = "2019107654339", patentbridge.StatusPending, "审中-实审", time.Time{}
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{granted, pending}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, OpenLicences: db, Licences: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	uni := MustClient(t, srv, "swust")
	res, err := uni.Get(srv.URL + "/open-licences/import")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), "不超过 2000 行、5 MB") {
		t.Errorf("the import page does not state the limits: %s", b)
	}
	book := strings.Join([]string{"申请号,许可使用费支付方式,固定费用（元）,许可期限起,许可期限止,确认无妨碍情形",
		granted.AppNo + ",固定费用,500000,2027-01-01,2030-12-31,是",
		pending.AppNo + ",固定费用,500000,2027-01-01,2030-12-31,是",
		granted.AppNo + ",免费,,2027-01-01,2030-12-31,是"}, "\n")
	res = postFile(t, uni, srv.URL+"/open-licences/import", "batch.xlsx", string(xlsxOf(t, book)))
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	body := string(b)
	if res.StatusCode != 200 || !strings.Contains(body, "保存草稿 1 份，未通过 2 行") ||
		!strings.Contains(body, "第3行“申请号”列") || !strings.Contains(body, "尚未授权") ||
		!strings.Contains(body, "第4行“申请号”列") || !strings.Contains(body, "已在第2行声明") {
		t.Fatalf("batch: %d %s", res.StatusCode, body)
	}
	if _, n, err := db.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{}); err != nil || n != 1 {
		t.Errorf("%d drafts saved (%v), want 1", n, err)
	}
}
