package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// TestSearchAPIWhileTheIndexIsRebuilt: while the index holds no complete build,
// search and match answer 503 EUNAVAILABLE in Chinese with a Retry-After, the
// status says rebuilding, and the patent list answers as usual.
func TestSearchAPIWhileTheIndexIsRebuilt(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustStorePatents(t, httpxtest.SamplePatents()...)
	svc := httpxtest.MustUnbuiltSearch(t, users.DB)
	h := api.New(api.Deps{Now: clock, Patents: users.DB, Ref: refdata.Default(), Logger: quiet, Search: svc})

	for _, req := range []*http.Request{
		httptest.NewRequest("GET", "/api/v1/patents/search?q=电池", nil),
		httptest.NewRequest("POST", "/api/v1/match", strings.NewReader(`{"text":"锂离子电池散热"}`)),
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var body httpx.ErrorBody
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != http.StatusServiceUnavailable || body.Error.Code != patentbridge.EUNAVAILABLE ||
			!strings.Contains(body.Error.Message, "全文索引正在重建") || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s %s: %d %s (Retry-After %q)", req.Method, req.URL.Path, rec.Code, rec.Body, rec.Header().Get("Retry-After"))
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search/status", nil))
	var st patentbridge.IndexStatus
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil || !st.Rebuilding {
		t.Errorf("status while rebuilding: %s", rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/patents", nil))
	if rec.Code != 200 {
		t.Errorf("the patent list answers %d while the index is rebuilt", rec.Code)
	}
}
