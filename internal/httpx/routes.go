package httpx

import (
	"net/http"

	"patentbridge"
)

// Route is one entry of a permission table: a Go 1.22 ServeMux pattern
// ("POST /admin/supply/{id}/publish"), who may use it, and its handler.
type Route struct {
	Pattern string
	Access  Access
	Handler http.Handler
}

// DeniedFunc answers a request that its route's Access refused with err
// (EUNAUTHORIZED or EFORBIDDEN).
type DeniedFunc func(w http.ResponseWriter, r *http.Request, err error)

// Register adds every route to mux, each behind Guard with onDenied.
func Register(mux *http.ServeMux, routes []Route, onDenied DeniedFunc) {
	for _, rt := range routes {
		mux.Handle(rt.Pattern, Guard(rt.Access, rt.Handler, onDenied))
	}
}

// Guard serves h to the users a admits and answers the others with onDenied;
// routes open to anyone are served unwrapped.
func Guard(a Access, h http.Handler, onDenied DeniedFunc) http.Handler {
	if !a.signedIn {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a.Check(patentbridge.UserFrom(r.Context())); err != nil {
			onDenied(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// DenyJSON answers a refused API request with the JSON error body: 401 or 403.
func DenyJSON(w http.ResponseWriter, r *http.Request, err error) { Error(w, r, err, nil) }

// NewRoute returns the Route of pattern, access and handler function.
func NewRoute(pattern string, a Access, h http.HandlerFunc) Route {
	return Route{Pattern: pattern, Access: a, Handler: h}
}
