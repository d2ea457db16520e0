package api_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// A patent of 清华大学 and 四川大学 filed from Beijing is sleeping through
// 四川大学: GET /api/v1/sleeping files it under 成都市, never 北京市.
func TestSleepingAPICityIsTheQualifyingOwners(t *testing.T) {
	users := httpxtest.NewUserService(t)
	owners := []patentbridge.Party{{Name: "清华大学", Type: patentbridge.PartyUniversity}, {Name: "四川大学", Type: patentbridge.PartyUniversity}}
	coOwned := &patentbridge.Patent{AppNo: "2016100000015", Kind: patentbridge.KindInvention, Title: "一种高熵合金涂层的制备方法",
		AppDate: time.Date(2016, 1, 5, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2019, 5, 10, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, MainIPC: "C23C4/06", IPC: []string{"C23C4/06"},
		Applicants: owners, Patentees: owners, RegionCode: "110000"}
	users.MustStorePatents(t, append(httpxtest.SamplePatents(), coOwned)...)
	httpxtest.MustScreen(t, users.DB, testNow)
	srv := api.New(api.Deps{Now: clock, Patents: users.DB, Ref: refdata.Default(), Logger: quiet,
		Screening: httpxtest.Screening{DB: users.DB}, Sleeping: users.DB})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{handler: h}
	m := MustJSON(t, e.do(t, "GET", "/api/v1/sleeping?city=5101", "", nil, nil))
	var found map[string]any
	for _, it := range m["items"].([]any) {
		if it := it.(map[string]any); it["app_no"] == coOwned.AppNo {
			found = it
		}
	}
	if found == nil {
		t.Fatalf("/api/v1/sleeping?city=5101 leaves out the 四川大学 co-owned patent: %v", m)
	}
	if s := found["screening"].(map[string]any); s["city_code"] != "5101" || s["city_name"] != "成都市" {
		t.Errorf("screening city = %v %v, want 5101 成都市", s["city_code"], s["city_name"])
	}
	m = MustJSON(t, e.do(t, "GET", "/api/v1/sleeping", "", nil, nil))
	for k := range m["counts"].(map[string]any) {
		if code, ok := strings.CutPrefix(k, "city:"); ok && !strings.HasPrefix(code, "51") {
			t.Errorf("counts name the city %s outside Sichuan: %v", code, m["counts"])
		}
	}
}
