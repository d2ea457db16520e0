package httpx

import "net/http"

// ContentSecurityPolicy allows the pages only what the binary serves itself: no
// inline script or style, no framing, forms posted to this site only.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// SecurityHeaders sets the headers every response carries: the content
// security policy, a same-origin referrer policy, no MIME sniffing and no framing.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// StatusClientClosedRequest is the status logged when the client went away
// before the answer (nginx's 499): not an error of the platform.
const StatusClientClosedRequest = 499
