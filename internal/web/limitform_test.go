package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A form post over 1 MiB is answered 413 in Chinese before its handler runs;
// one within the limit reaches the handler with its fields read.
func TestLimitForm(t *testing.T) {
	var got string
	h := limitForm(func(w http.ResponseWriter, r *http.Request) { got = r.PostFormValue("amount") })
	post := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/licences/1/payments", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h(w, r)
		return w
	}
	w := post("amount=" + strings.Repeat("9", maxFormBytes))
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "1 MiB") || got != "" {
		t.Fatalf("over the limit: %d %q, handler saw %q", w.Code, w.Body.String(), got)
	}
	if w := post(url.Values{"amount": {"12,000"}}.Encode()); w.Code != http.StatusOK || got != "12,000" {
		t.Fatalf("within the limit: %d, handler saw %q", w.Code, got)
	}
}
