package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

func TestOrganizationPagesOverSQLite(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := context.Background() // the platform itself
	if _, err := db.UpsertPatents(ctx, httpxtest.SamplePatents()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	scu, err := db.FindOrganizationByName(ctx, "四川大学")
	if err != nil {
		t.Fatal(err)
	}
	hospital := &patentbridge.Organization{Name: "四川大学华西医院", Aliases: []string{"华西医院"}, Type: patentbridge.PartyHospital,
		CityCode: "5101", ParentID: scu.ID}
	if err := db.CreateOrganization(ctx, hospital); err != nil {
		t.Fatal(err)
	}
	users := &httpxtest.UserService{DB: db}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Organizations: db, Ref: refdata.Default(),
		Logger: quiet, UploadDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	c := MustClient(t, srv, "")

	// an unknown type is refused, naming the field, not listed as nothing
	for _, bad := range []string{"bogus", "individual"} {
		if status, body := MustGet(t, c, srv.URL+"/organizations?type="+bad); status != http.StatusBadRequest ||
			!strings.Contains(body, "单位类型 &#34;"+bad+"&#34; 无效：应为大专院校、科研单位、国有企业、企业、医院或机关团体") {
			t.Errorf("type=%s: status %d", bad, status)
		}
	}
	status, body := MustGet(t, c, srv.URL+"/organizations?type=hospital&city=5101")
	if status != http.StatusOK || !strings.Contains(body, "四川大学华西医院") || !strings.Contains(body, "华西医院") ||
		strings.Contains(body, ">四川大学</a>") || !strings.Contains(body, "医院") || !strings.Contains(body, "成都市") {
		t.Errorf("hospital list = %d, want 四川大学华西医院 with its alias, type and city only:\n%s", status, body)
	}
	status, body = MustGet(t, c, srv.URL+"/organizations?q="+url.QueryEscape("华西医院"))
	if status != http.StatusOK || !strings.Contains(body, "共 1 家") {
		t.Errorf("search by alias = %d, want 1 found:\n%s", status, body)
	}

	status, body = MustGet(t, c, fmt.Sprintf("%s/organizations/%d", srv.URL, hospital.ID))
	if status != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`<a href="/organizations/%d">四川大学</a>`, scu.ID)) {
		t.Errorf("hospital page = %d, want a link to its parent:\n%s", status, body)
	}
	status, body = MustGet(t, c, fmt.Sprintf("%s/organizations/%d", srv.URL, scu.ID))
	link := fmt.Sprintf("/patents?organization=%d", scu.ID)
	if status != http.StatusOK || !strings.Contains(body, link) || !strings.Contains(body, fmt.Sprintf("%d 件", scu.Patents)) ||
		scu.Patents == 0 || !strings.Contains(body, "大专院校") {
		t.Errorf("university page = %d, want its %d patents linked to %s:\n%s", status, scu.Patents, link, body)
	}
	if status, _ := MustGet(t, c, srv.URL+"/organizations/999"); status != http.StatusNotFound {
		t.Errorf("unknown organization = %d, want 404", status)
	}
}

// The admin merges a duplicate registration from the organization's page: the
// duplicate's patents and accounts move over, its name becomes an alias, and
// anyone else is refused the form post.
func TestOrganizationMergeFromItsPage(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	if _, err := db.UpsertPatents(ctx, httpxtest.SamplePatents()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	users.MustUser(t, "dup", patentbridge.RoleInstitution, "四川大学技术转移中心")
	users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	scu, err := db.FindOrganizationByName(ctx, "四川大学")
	if err != nil || scu.Patents == 0 {
		t.Fatalf("四川大学 = %+v, %v", scu, err)
	}
	scuUser, _ := users.MustUser(t, "scu", patentbridge.RoleInstitution, "四川大学")
	decl := &patentbridge.Declaration{AppNo: "2021108432658", Kind: patentbridge.DeclReason, Reason: patentbridge.ReasonNegotiating}
	if err := db.CreateDeclaration(patentbridge.WithUser(ctx, scuUser), decl); err != nil {
		t.Fatalf("declaration by 四川大学: %v", err)
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: db, Organizations: db, Declarations: db, Ref: refdata.Default(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, db)
	page := fmt.Sprintf("%s/organizations/%d", srv.URL, scu.ID)
	_, body := MustGet(t, MustClient(t, srv, ""), page)
	mustContain(t, body, `id="organization-declarations"`, "2021108432658", "正当理由", "有效")
	if strings.Contains(body, `id="organization-users"`) || strings.Contains(body, `id="merge-form"`) {
		t.Error("an anonymous visitor sees the organization's accounts or the merge form")
	}
	status, _, _ := MustPost(t, MustClient(t, srv, "firm"), page+"/merge", url.Values{"gone": {"四川大学技术转移中心"}})
	if status != http.StatusForbidden {
		t.Errorf("an enterprise merging: %d, want 403", status)
	}
	admin := MustClient(t, srv, "admin")
	status, loc, _ := MustPost(t, admin, page+"/merge", url.Values{"gone": {"四川大学技术转移中心"}})
	if status != http.StatusSeeOther || loc != fmt.Sprintf("/organizations/%d", scu.ID) {
		t.Fatalf("merge = %d %q", status, loc)
	}
	_, body = MustGet(t, admin, page)
	mustContain(t, body, "四川大学技术转移中心", `id="organization-users"`, ">dup</a>", ">scu</a>", `id="merge-form"`)
	if _, err := db.FindOrganizationByName(ctx, "四川大学技术转移中心"); err != nil {
		t.Errorf("the merged name no longer resolves: %v", err)
	}
	status, _, body = MustPost(t, admin, page+"/merge", url.Values{"gone": {"没有这个单位"}})
	if status != http.StatusNotFound {
		t.Errorf("merging an unknown organization: %d", status)
	}
	mustContain(t, body, `id="organization-error"`)
}

// The admin uploads an SME list on the registry page: good rows mark or create
// organizations, a bad credit code is rejected by line with a downloadable report.
func TestOrganizationListUpload(t *testing.T) {
	db := sqldbtest.SQLite(t)
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: db, Organizations: db, Ref: refdata.Default(), Logger: quiet,
		UploadDir: t.TempDir(), ImportOrganizations: func(ctx context.Context, path, kind string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportOrganizations(ctx, db, []string{path}, kind, patentbridge.ImportOptions{Rejects: rejects})
		}})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, db)
	list := []byte("企业名称,统一社会信用代码,所属市(州)\n成都某酒业有限公司,91350100M000100Y43,成都市\n坏代码公司,123,成都市\n")
	status, body := MustUpload(t, MustClient(t, srv, "chengdu"), srv.URL+"/organizations/import?kind=sme", "中小企业名单.csv", list)
	if status != http.StatusForbidden {
		t.Errorf("a city user uploading: %d, want 403", status)
	}
	status, body = MustUpload(t, MustClient(t, srv, "admin"), srv.URL+"/organizations/import?kind=sme", "中小企业名单.csv", list)
	if status != http.StatusOK {
		t.Fatalf("upload = %d:\n%s", status, body)
	}
	mustContain(t, body, "中小企业名单.csv：读取 2 行，新增 1 家", "拒绝 1 行", `id="organization-rejects"`)
	o, err := db.FindOrganizationByName(context.Background(), "成都某酒业有限公司")
	if err != nil || !o.SME || o.CityCode != "5101" {
		t.Errorf("organization = %+v, %v; want an SME of 成都", o, err)
	}
}
