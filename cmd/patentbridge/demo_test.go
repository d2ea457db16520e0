package main

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
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
	if MustGetJSON(t, m.URL()+"/api/v1/sleeping", &sleeping); sleeping.Total == 0 {
		t.Fatal("demo's sleeping-patent database is empty: the first screening did not run")
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
