package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunLoadCountsEveryAnswer sends a bounded number of requests to a server
// that fails every third one: each is counted once, the failures as errors.
func TestRunLoadCountsEveryAnswer(t *testing.T) {
	var seen atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1)%3 == 0 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	target := loadTarget{"test", func(ctx context.Context, i int) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	}}
	res := runLoad(t.Context(), srv.Client(), target, 4, 30, time.Minute)
	if res.n != 30 || seen.Load() != 30 || res.errors != 10 || !strings.Contains(res.firstErr, "HTTP 500") {
		t.Fatalf("n %d (server saw %d), errors %d, first %q", res.n, seen.Load(), res.errors, res.firstErr)
	}
	if res.percentile(50) > res.percentile(99) || res.percentile(99) != res.lat[len(res.lat)-1] { // 99% of 30 is all but none
		t.Errorf("percentiles p50 %v p99 %v of %v", res.percentile(50), res.percentile(99), res.lat)
	}
}

// TestRunLoadStopsAtItsTimeBound: requests still open when the time is up are
// neither answers nor errors, and the run ends.
func TestRunLoadStopsAtItsTimeBound(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	defer srv.Close()
	target := loadTarget{"stuck", func(ctx context.Context, i int) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	}}
	res := runLoad(t.Context(), srv.Client(), target, 2, 1000, 50*time.Millisecond)
	if res.n != 0 || res.errors != 0 {
		t.Fatalf("n %d errors %d, want nothing counted", res.n, res.errors)
	}
}

// TestLoadTargetsAreWhatUsersSend checks the three endpoints' requests: each
// cycles through its texts, searches carry q, match a JSON demand.
func TestLoadTargetsAreWhatUsersSend(t *testing.T) {
	var mu sync.Mutex
	got := map[string][]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		text := r.URL.Query().Get("q")
		if r.Method == "POST" {
			var b struct{ Text string }
			if json.NewDecoder(r.Body).Decode(&b) != nil || r.Header.Get("Content-Type") != "application/json" {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			text = b.Text
		}
		if r.Header.Get("Authorization") != "Bearer tok" || text == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		got[r.Method+" "+r.URL.Path] = append(got[r.Method+" "+r.URL.Path], text)
		mu.Unlock()
	}))
	defer srv.Close()
	for _, target := range loadTargets(srv.URL, "tok", loadQueries, loadDemands) {
		if res := runLoad(t.Context(), srv.Client(), target, 1, 60, time.Minute); res.errors != 0 {
			t.Fatalf("%s: %s", target.name, res.firstErr)
		}
	}
	for _, path := range []string{"GET /search", "GET /api/v1/patents/search", "POST /api/v1/match"} {
		distinct := map[string]bool{}
		for _, s := range got[path] {
			distinct[s] = true
		}
		if len(got[path]) != 60 || len(distinct) < 10 {
			t.Errorf("%s: %d requests, %d distinct texts", path, len(got[path]), len(distinct))
		}
	}
}

// TestBenchHTTPOnTheDemo runs the load figures' command, briefly, against the
// real server with demo data: every endpoint answers 2xx to every request.
func TestBenchHTTPOnTheDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the demo server")
	}
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 300)
	var out bytes.Buffer
	if err := benchHTTP(t.Context(), m.URL(), "", loadOptions{c: 2, n: 20, warm: 1, d: 5 * time.Minute, queries: loadQueries, demands: loadDemands}, &out); err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^(GET|POST) \S+.*?\s(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+ms\s+[\d.]+ms$`)
	rows := row.FindAllStringSubmatch(out.String(), -1)
	if len(rows) != 3 {
		t.Fatalf("want 3 endpoint rows:\n%s", out.String())
	}
	for _, r := range rows {
		if r[2] != "20" || r[3] != "0" {
			t.Errorf("requests %s errors %s, want 20 and 0:\n%s", r[2], r[3], out.String())
		}
	}
}
