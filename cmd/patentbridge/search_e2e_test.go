package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// MustPostJSON posts body as JSON and decodes the answer into v, returning the status.
func MustPostJSON(tb testing.TB, url string, body, v any) int {
	tb.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatalf("POST %s: %v", url, err)
	}
	return resp.StatusCode
}

// TestSearchFollowsImports: an import through the API becomes searchable by the
// background indexer, and matching and IPC routing answer on the same data.
func TestSearchFollowsImports(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			m := MustOpenMain(t, dsn, 0)
			token := MustAdminToken(t, m)
			job := uploadViaAPI(t, m, token, MustGen(t, t.TempDir(), 300, "17"))
			if job["status"] != "done" {
				t.Fatalf("import: %v", job)
			}
			var status struct{ Docs int }
			for deadline := time.Now().Add(30 * time.Second); status.Docs < 300 && time.Now().Before(deadline); {
				time.Sleep(200 * time.Millisecond)
				MustGetJSON(t, m.URL()+"/api/v1/search/status", &status)
			}
			if status.Docs != 300 {
				t.Fatalf("index has %d docs after the import of 300", status.Docs)
			}
			var routed struct{ Router *patentbridge.RouterStatus }
			MustGetJSON(t, m.URL()+"/api/v1/search/status", &routed)
			if r := routed.Router; r == nil || r.Subclasses < 100 || r.Version == "" {
				t.Errorf("the status does not describe the IPC router's model: %+v", r)
			}
			var one apiList
			MustGetJSON(t, m.URL()+"/api/v1/patents?limit=1&kind=invention", &one)
			title := []rune(one.Items[0].Title)
			word := string(title[len(title)-4:]) // the title's last four characters
			var res struct {
				Total int
				Items []struct {
					AppNo     string              `json:"app_no"`
					Title     string              `json:"title"`
					Fragments map[string][]string `json:"fragments"`
				}
			}
			MustGetJSON(t, m.URL()+"/api/v1/patents/search?limit=50&q="+url.QueryEscape(word), &res)
			if res.Total == 0 || !strings.Contains(res.Items[0].Title, word) {
				t.Fatalf("search %q: the first hit should contain the word: %+v", word, res)
			}
			found := false
			for _, it := range res.Items {
				if it.AppNo != one.Items[0].AppNo {
					continue
				}
				found = true
				if frag := strings.Join(it.Fragments["title"], ""); !strings.Contains(frag, "<mark>") {
					t.Errorf("the matching title is not highlighted: %q", frag)
				}
			}
			if !found {
				t.Fatalf("search %q did not find %s (%q): %+v", word, one.Items[0].AppNo, one.Items[0].Title, res)
			}

			var match struct {
				Items []struct {
					AppNo   string   `json:"app_no"`
					Reasons []string `json:"reasons"`
				}
				IPCPredictions []struct{ Subclass, Title string } `json:"ipc_predictions"`
			}
			if code := MustPostJSON(t, m.URL()+"/api/v1/match", map[string]any{"text": one.Items[0].Title, "limit": 5, "all": true}, &match); code != 200 {
				t.Fatalf("match: %d", code)
			}
			if len(match.Items) == 0 || match.Items[0].AppNo != one.Items[0].AppNo || len(match.Items[0].Reasons) == 0 {
				t.Fatalf("matching a patent's own title: %+v", match)
			}
			var cls struct {
				IPCPredictions []struct{ Subclass, Title string } `json:"ipc_predictions"`
			}
			MustPostJSON(t, m.URL()+"/api/v1/classify", map[string]any{"text": "一种锂离子电池正极材料的制备方法"}, &cls)
			if len(cls.IPCPredictions) == 0 || cls.IPCPredictions[0].Title == "" {
				t.Fatalf("classify: %+v", cls)
			}
		})
	}
}

// TestMatchShowsAvailability: a patent on a published supply list says so among
// its match reasons, read from the store by the server's matcher.
func TestMatchShowsAvailability(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := context.Background()
	l := &patentbridge.SupplyList{Title: "测试清单", Filter: patentbridge.SleepingFilter{Limit: 1}, CreatedBy: 1}
	if err := m.DB.CreateSupplyList(ctx, l); err != nil || len(l.Items) != 1 {
		t.Fatalf("create list: %v (%d items)", err, len(l.Items))
	}
	if _, err := m.DB.PublishSupplyList(ctx, l.ID, true); err != nil {
		t.Fatal(err)
	}
	var status struct{ Docs int }
	for deadline := time.Now().Add(60 * time.Second); status.Docs < 400 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
		MustGetJSON(t, m.URL()+"/api/v1/search/status", &status)
	}
	var match struct {
		Items []struct {
			AppNo        string   `json:"app_no"`
			Reasons      []string `json:"reasons"`
			OnSupplyList bool     `json:"on_supply_list"`
			Sleeping     bool     `json:"sleeping"`
			Grade        string   `json:"grade"`
		}
	}
	MustPostJSON(t, m.URL()+"/api/v1/match", map[string]any{"text": l.Items[0].Title, "limit": 20}, &match)
	seen := false
	for _, it := range match.Items {
		listed := slices.Contains(it.Reasons, "已列入供给清单")
		if it.AppNo == l.Items[0].AppNo {
			seen = true
			if !listed {
				t.Errorf("the listed patent's reasons %v lack 已列入供给清单", it.Reasons)
			}
			if !it.OnSupplyList || !it.Sleeping || it.Grade == "" {
				t.Errorf("the listed sleeping patent's match says on_supply_list %v, sleeping %v, grade %q", it.OnSupplyList, it.Sleeping, it.Grade)
			}
		} else if listed {
			t.Errorf("%s is not on the list but its reasons say so: %v", it.AppNo, it.Reasons)
		}
	}
	if !seen {
		t.Fatalf("matching the listed patent's own title did not find it: %+v", match)
	}
}
