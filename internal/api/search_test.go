package api_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
)

// newSearchAPI serves the API with a real in-memory index of the sample patents,
// read back from the real store.
func newSearchAPI(tb testing.TB) http.Handler {
	tb.Helper()
	return newSearchAPIWith(tb, nil)
}

// newSearchAPIWith is newSearchAPI with the router status router (nil: none).
func newSearchAPIWith(tb testing.TB, router func() patentbridge.RouterStatus) http.Handler {
	tb.Helper()
	samples := httpxtest.SamplePatents()
	ix, err := search.OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	var docs []search.Doc
	for _, p := range samples {
		docs = append(docs, search.DocFromPatent(p, refdata.Default(), search.DocExtra{Grade: "B"}))
	}
	if err := ix.Put(docs); err != nil {
		tb.Fatal(err)
	}
	users := httpxtest.NewUserService(tb)
	users.MustStorePatents(tb, samples...)
	svc := &search.Service{Searcher: search.NewSearcher(ix, users.DB), RouterStatus: router}
	return api.New(api.Deps{Now: clock, Patents: users.DB, Ref: refdata.Default(), Logger: quiet, Search: svc})
}

func TestSearchAPI(t *testing.T) {
	h := newSearchAPI(t)
	tests := []struct {
		target    string
		status    int
		wantTotal int
		wantApp   string
		wantCode  string
	}{
		{"/api/v1/patents/search?q=电池", 200, 1, "2021108432658", ""},
		{"/api/v1/patents/search?q=电池&kind=utility", 200, 0, "", ""},
		{"/api/v1/patents/search?q=无人机&city=5106&grade=b", 200, 1, "2021112263722", ""},
		{"/api/v1/patents/search?ipc=H01L", 200, 1, "2022232206652", ""},
		{"/api/v1/patents/search?q=电池+无人机", 200, 2, "", ""}, // no patent holds both: partial
		{"/api/v1/patents/search?q=", 400, 0, "", "EINVALID"},
		{"/api/v1/patents/search?q=电池&grade=E", 400, 0, "", "EINVALID"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			var body struct {
				Total   int  `json:"total"`
				Partial bool `json:"partial"`
				Items   []struct {
					AppNo     string              `json:"app_no"`
					Title     string              `json:"title"`
					Score     float64             `json:"score"`
					Fragments map[string][]string `json:"fragments"`
				} `json:"items"`
				Facets map[string][]patentbridge.FacetCount `json:"facets"`
				Index  patentbridge.IndexStatus             `json:"index"`
				Error  struct{ Code string }                `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if tt.wantCode != "" {
				if body.Error.Code != tt.wantCode {
					t.Errorf("error %+v, want %s", body.Error, tt.wantCode)
				}
				return
			}
			if body.Total != tt.wantTotal || len(body.Items) != tt.wantTotal {
				t.Fatalf("total %d with %d items, want %d: %s", body.Total, len(body.Items), tt.wantTotal, rec.Body)
			}
			if body.Partial != strings.Contains(tt.target, "+") {
				t.Errorf("partial %v for %s", body.Partial, tt.target)
			}
			if body.Index.Docs != 3 {
				t.Errorf("index status %+v, want 3 docs", body.Index)
			}
			if tt.wantApp == "" {
				return
			}
			it := body.Items[0]
			if it.AppNo != tt.wantApp || it.Title == "" {
				t.Errorf("item %+v, want %s with its title", it, tt.wantApp)
			}
			if strings.Contains(tt.target, "q=") && !strings.Contains(strings.Join(it.Fragments["title"], ""), "<mark>") {
				t.Errorf("title fragments %q mark nothing", it.Fragments["title"])
			}
			if len(body.Facets["kind"]) == 0 || body.Facets["grade"][0] != (patentbridge.FacetCount{Value: "B", Count: tt.wantTotal}) {
				t.Errorf("facets %+v", body.Facets)
			}
		})
	}
}

func TestSearchStatusAPI(t *testing.T) {
	rec := httptest.NewRecorder()
	newSearchAPI(t).ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search/status", nil))
	var st patentbridge.IndexStatus
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil || rec.Code != 200 || st.Docs != 3 {
		t.Errorf("status %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), `"router"`) {
		t.Errorf("a service without a router reports one: %s", rec.Body)
	}
}

// TestSearchStatusReportsTheRouter: the status names the IPC router's model —
// the stored patents and subclasses it learned, when it was built, its version,
// and whether a newer one is training.
func TestSearchStatusReportsTheRouter(t *testing.T) {
	built := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	router := func() patentbridge.RouterStatus {
		return patentbridge.RouterStatus{Patents: 63_600, Subclasses: 412, BuiltAt: built, Version: "corpus-5f3a", Training: true}
	}
	rec := httptest.NewRecorder()
	newSearchAPIWith(t, router).ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search/status", nil))
	var got struct {
		Docs   int            `json:"docs"`
		Router map[string]any `json:"router"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("status %d %s", rec.Code, rec.Body)
	}
	want := map[string]any{"patents": 63600.0, "subclasses": 412.0, "built_at": "2026-03-01T09:30:00Z", "version": "corpus-5f3a", "training": true}
	if got.Docs != 3 || !maps.Equal(got.Router, want) {
		t.Errorf("status %s, want docs 3 and router %v", rec.Body, want)
	}
}
