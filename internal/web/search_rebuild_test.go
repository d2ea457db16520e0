package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// TestSearchPageWhileTheIndexIsRebuilt: while the index holds no complete build
// (the real search service with an indexer that has not built yet), a search
// answers 503 with a Retry-After and says why in Chinese above the form, the
// empty search page says so too, and other pages answer as usual.
func TestSearchPageWhileTheIndexIsRebuilt(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustStorePatents(t, httpxtest.SamplePatents()...)
	svc := httpxtest.MustUnbuiltSearch(t, users.DB)
	w, err := web.New(web.Deps{Now: clock, Patents: users.DB, Users: users, Ref: refdata.Default(), Logger: quiet, Search: svc})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	defer srv.Close()

	res, err := http.Get(srv.URL + "/search?q=" + url.QueryEscape("电池"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("search while rebuilding: %d, Retry-After %q; want 503 with a Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	_, body := get(t, srv, "/search?q="+url.QueryEscape("电池"))
	if !strings.Contains(body, `id="search-error"`) || !strings.Contains(body, "全文索引正在重建，请稍后再试") || !strings.Contains(body, `id="search-form"`) {
		t.Errorf("the page does not say the index is being rebuilt above the form:\n%s", body)
	}
	if code, body := get(t, srv, "/search"); code != 200 || !strings.Contains(body, "全文索引正在重建") {
		t.Errorf("the empty search page: %d, no note of the rebuild", code)
	}
	if code, _ := get(t, srv, "/patents"); code != 200 {
		t.Errorf("the patent list answers %d while the index is rebuilt", code)
	}
}
