package httpx_test

import (
	"net/http/httptest"
	"testing"

	"patentbridge/internal/config"
	"patentbridge/internal/httpx"
)

// The client's address comes from X-Forwarded-For only behind a trusted proxy:
// otherwise anyone could pick the address the audit log and the login throttle see.
func TestRequestOriginBehindProxies(t *testing.T) {
	trusted, err := config.ParseTrustedProxies("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ peer, xff, want string }{
		{"203.0.113.9:5555", "", "203.0.113.9"},
		{"203.0.113.9:5555", "1.2.3.4", "203.0.113.9"},                        // an untrusted peer's header is ignored
		{"127.0.0.1:5555", "198.51.100.7", "198.51.100.7"},                    // one trusted proxy
		{"127.0.0.1:5555", "6.6.6.6, 198.51.100.7, 10.1.2.3", "198.51.100.7"}, // a forged first hop does not count
		{"127.0.0.1:5555", "not-an-address", "127.0.0.1"},
		{"[::ffff:127.0.0.1]:5555", "198.51.100.7", "198.51.100.7"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := httpx.RequestOrigin(r, trusted).Address; got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: client %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
	if _, err := config.ParseTrustedProxies("10.0.0.0/8, proxy.local"); err == nil {
		t.Error("a host name was accepted as a trusted proxy")
	}
}
