package web_test

import (
	"context"
	"fmt"
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
	link := "/patents?owner=" + url.QueryEscape("四川大学")
	if status != http.StatusOK || !strings.Contains(body, link) || !strings.Contains(body, fmt.Sprintf("%d 件", scu.Patents)) ||
		scu.Patents == 0 || !strings.Contains(body, "大专院校") {
		t.Errorf("university page = %d, want its %d patents linked to %s:\n%s", status, scu.Patents, link, body)
	}
	if status, _ := MustGet(t, c, srv.URL+"/organizations/999"); status != http.StatusNotFound {
		t.Errorf("unknown organization = %d, want 404", status)
	}
}
