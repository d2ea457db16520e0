package httpx

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"patentbridge"
)

// RequestOrigin is the origin the audit log records and the login throttle
// counts for a request: the client's address and the user agent. Behind a
// trusted reverse proxy the client is the last address of X-Forwarded-For that
// is not itself a trusted proxy; otherwise the header is ignored, since any
// client can send one.
func RequestOrigin(r *http.Request, trusted []netip.Prefix) patentbridge.Origin {
	addr := r.RemoteAddr
	if host, _, err := net.SplitHostPort(addr); err == nil {
		addr = host
	}
	if isTrusted(addr, trusted) {
		hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop := strings.TrimSpace(hops[i])
			if _, err := netip.ParseAddr(hop); err != nil {
				break
			}
			if addr = hop; !isTrusted(hop, trusted) {
				break
			}
		}
	}
	ua := r.UserAgent()
	if len(ua) > 300 {
		ua = ua[:300]
	}
	return patentbridge.Origin{Address: addr, UserAgent: ua}
}

// isTrusted reports whether addr lies in one of the trusted networks.
func isTrusted(addr string, trusted []netip.Prefix) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
