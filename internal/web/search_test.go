package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/web"
)

// buildingSearch reports an index still being built.
type buildingSearch struct{ patentbridge.SearchService }

func (buildingSearch) Status(context.Context) patentbridge.IndexStatus {
	return patentbridge.IndexStatus{Docs: 63, Patents: 100, Building: true, Progress: 0.63}
}

// newSearchSite serves the UI with a real in-memory index of the sample patents,
// read back from the real store,
// plus one whose title carries markup.
func newSearchSite(tb testing.TB, building bool) *httptest.Server {
	tb.Helper()
	tricky := *httpxtest.SamplePatents()[0]
	tricky.AppNo, tricky.Title = "2023100000018", "一种<script>alert(1)</script>电池&外壳"
	ps := append(httpxtest.SamplePatents(), &tricky)
	ix, err := search.OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	var docs []search.Doc
	for _, p := range ps {
		docs = append(docs, search.DocFromPatent(p, refdata.Default(), search.DocExtra{Grade: "A", Industries: []string{"5+1：电子信息"}}))
	}
	if err := ix.Put(docs); err != nil {
		tb.Fatal(err)
	}
	users := httpxtest.NewUserService(tb)
	users.MustStorePatents(tb, ps...)
	var svc patentbridge.SearchService = &search.Service{Searcher: search.NewSearcher(ix, users.DB)}
	if building {
		svc = buildingSearch{svc}
	}
	w, err := web.New(web.Deps{Now: clock, Patents: users.DB, Users: users, Ref: refdata.Default(), Logger: quiet, Search: svc})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(w)
	tb.Cleanup(srv.Close)
	return srv
}

func get(tb testing.TB, srv *httptest.Server, path string) (int, string) {
	tb.Helper()
	res, err := http.Get(srv.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestSearchPage(t *testing.T) {
	srv := newSearchSite(t, false)
	tests := []struct {
		path   string
		status int
		want   []string
		absent []string
	}{
		{"/search", 200, []string{`id="search-form"`, `action="/search"`}, []string{`id="search-summary"`}},
		{"/search?q=" + url.QueryEscape("电池"), 200, []string{
			`<strong id="search-total">2</strong>`,
			`一种&lt;script&gt;alert(1)&lt;/script&gt;<mark>电池</mark>&amp;外壳`, // user text escaped, match marked
			`<mark>电池</mark>`, `成都市（2）`, `/search?city=5101&amp;q=`, "A 级（2）",
			`5&#43;1：电子信息（2）`, `industry=5%2B1`,
		}, []string{"<script>alert", `id="search-partial"`}},
		{"/search?q=" + url.QueryEscape("电池") + "&industry=" + url.QueryEscape("5+1：电子信息"), 200, []string{`<strong id="search-total">2</strong>`}, nil},
		{"/search?q=" + url.QueryEscape("电池") + "&industry=" + url.QueryEscape("10+3：川酒"), 200, []string{`<strong id="search-total">0</strong>`}, nil},
		// No sample patent holds both words: those with one of them, said so.
		{"/search?q=" + url.QueryEscape("电池 无人机"), 200, []string{`id="search-partial"`, `<mark>电池</mark>`}, nil},
		{"/search?q=" + url.QueryEscape("无人机") + "&kind=utility", 200, []string{`<strong id="search-total">0</strong>`, `id="search-empty"`}, nil},
		{"/search?q=" + url.QueryEscape("电池") + "&ipc=H0", 400, []string{`id="search-error"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, body := get(t, srv, tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("page contains %s", a)
				}
			}
		})
	}
}

func TestSearchPageShowsIndexProgress(t *testing.T) {
	_, body := get(t, newSearchSite(t, true), "/search?q="+url.QueryEscape("电池"))
	if !strings.Contains(body, "索引中：已完成 63%") {
		t.Errorf("no build progress on the page")
	}
	if !strings.Contains(body, `id="site-search-q"`) {
		t.Errorf("no search box in the header")
	}
}
