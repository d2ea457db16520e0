package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// A patent of 清华大学 and 四川大学 filed from Beijing (国省代码 北京(11)) is
// sleeping through 四川大学, so the pool counts it under 成都市, 四川大学's city
// in the registry: the city filter finds it there, and no count, chart bar or
// supply-list item names a city outside Sichuan.
func TestSleepingCityIsTheQualifyingOwners(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	platform := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	if _, err := db.UpsertOrganizations(platform, []*patentbridge.Organization{
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"}}); err != nil {
		t.Fatal(err)
	}
	users.MustStorePatents(t, httpxtest.SamplePatents()...)
	const title = "一种高熵合金涂层的制备方法"
	csv := "申请号,专利名称,专利类型,申请日,授权公告日,申请人,当前权利人,国省代码,主分类号,法律状态\n" +
		"CN201610000001.5," + title + ",发明,2016-01-05,2019-05-10,清华大学;四川大学,清华大学;四川大学,北京(11),C23C4/06,有权\n"
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	imp := ingest.NewImporter(db, refdata.RegionCodes{Data: refdata.Default()}, quiet)
	sum, err := imp.ImportFiles(platform, []string{path}, patentbridge.ImportOptions{})
	if err != nil || sum.Rejected != 0 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	httpxtest.MustScreen(t, db, testNow)
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Screening: httpxtest.Screening{DB: db}, Sleeping: db, Supply: db, Demands: db})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	client := MustClient(t, srv, "")

	_, body := MustGet(t, client, srv.URL+"/patents/2016100000015")
	mustContain(t, body, "当前权利人 四川大学", "共有人 清华大学")
	_, body = MustGet(t, client, srv.URL+"/sleeping?city=5101")
	mustContain(t, body, title)
	if strings.Contains(body, "北京市") {
		t.Error("the sleeping list shows the patent under 北京市")
	}
	counts, err := db.CountSleeping(context.Background(), patentbridge.SleepingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for k := range counts {
		if code, ok := strings.CutPrefix(k, "city:"); ok && !strings.HasPrefix(code, "51") {
			t.Errorf("counts %v name the city %s outside Sichuan", counts, code)
		}
	}
	_, body = MustGet(t, client, srv.URL+"/")
	if cities := chartValues(t, body, "chart-city"); cities["北京市"] != 0 || len(cities) != 21 {
		t.Errorf("home city chart = %v, want Sichuan's 21 cities only", cities)
	}
	l := &patentbridge.SupplyList{Title: "四川省高校沉睡专利供给清单"}
	if err := db.CreateSupplyList(platform, l); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range l.Items {
		if it.AppNo == "2016100000015" {
			found = true
			if it.City != "5101" {
				t.Errorf("supply-list item city = %q, want 5101", it.City)
			}
		}
	}
	if !found {
		t.Error("the province-wide supply list leaves out the sleeping patent")
	}
}
