package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
)

// TestDemoStartsLiving checks what a new user sees after `serve --demo`: patents,
// a first screening, and role accounts to try each view with.
func TestDemoStartsLiving(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	var health struct{ Patents int }
	if MustGetJSON(t, m.URL()+"/healthz", &health); health.Patents != 400 {
		t.Fatalf("demo has %d patents, want 400", health.Patents)
	}
	var sleeping struct{ Total int }
	if MustGetJSON(t, m.URL()+"/api/v1/sleeping", &sleeping); sleeping.Total < 20 {
		t.Fatalf("demo's sleeping-patent database holds %d patents: the first screening did not run or left too few", sleeping.Total)
	}
	// Sichuan's pool holds no out-of-province university's patent, but 四川大学华西医院's count as 四川大学's.
	for _, outside := range []string{"清华大学", "浙江大学", "西安交通大学", "重庆大学", "贵州大学"} {
		var list struct{ Total int }
		if MustGetJSON(t, m.URL()+"/api/v1/sleeping?institution="+url.QueryEscape(outside), &list); list.Total != 0 {
			t.Errorf("%d patents of %s in Sichuan's sleeping-patent database", list.Total, outside)
		}
	}
	var huaxi apiList
	MustGetJSON(t, m.URL()+"/api/v1/patents?limit=50&owner="+url.QueryEscape("四川大学华西医院"), &huaxi)
	if len(huaxi.Items) == 0 {
		t.Fatal("the demo has no 四川大学华西医院 patent")
	}
	for _, p := range huaxi.Items {
		res, err := m.DB.FindScreeningResult(context.Background(), 0, p.AppNo)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Criteria {
			if c.Criterion == patentbridge.CritInstitution && (c.Outcome != patentbridge.Met || !strings.Contains(c.Evidence, "按 四川大学 计")) {
				t.Errorf("四川大学华西医院 patent %s: institution %s %q, want it counted as 四川大学's", p.AppNo, c.Outcome, c.Evidence)
			}
		}
	}
	for _, u := range demoUsers {
		if _, err := m.DB.Login(context.Background(), u.Username, m.Config.AdminPassword, false); err != nil {
			t.Errorf("demo account %s: %v", u.Username, err)
		}
	}
	var demands struct{ Total int }
	if MustGetJSON(t, m.URL()+"/api/v1/demands", &demands); demands.Total != len(demoDemands) {
		t.Errorf("demo publishes %d demands, want %d", demands.Total, len(demoDemands))
	}
	// Each demo demand's subject is among the demo patents, so its matches are real.
	var titles []string
	for offset := 0; offset < 400; offset += 200 {
		var page apiList
		MustGetJSON(t, m.URL()+"/api/v1/patents?limit=200&offset="+strconv.Itoa(offset), &page)
		for _, p := range page.Items {
			titles = append(titles, p.Title)
		}
	}
	for _, subject := range []string{"酒", "茶", "锂", "播种"} {
		if !slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(s, subject) }) {
			t.Errorf("no demo patent's title holds %s, a demo demand's subject", subject)
		}
	}
	for _, page := range []string{"/", "/patents", "/sleeping", "/supply", "/demands", "/demands/1"} {
		resp, err := http.Get(m.URL() + page)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s", page, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}
