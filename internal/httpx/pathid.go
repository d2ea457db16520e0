package httpx

import (
	"net/http"
	"strconv"
)

// PathID parses the request path's {name} value as a positive integer id; ok is
// false when it is not one (callers answer with their own Chinese message).
func PathID(r *http.Request, name string) (id int64, ok bool) { return ParseID(r.PathValue(name)) }

// ParseID reads a positive decimal id; ok is false when s is not one.
func ParseID(s string) (id int64, ok bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
