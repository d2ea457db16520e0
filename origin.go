package patentbridge

import "context"

const originContextKey contextKey = userContextKey + 1

// Origin is where an act came from, as the audit log records it: the client's
// address and user agent for web and API requests, "cli" for the command line.
type Origin struct {
	Address   string
	UserAgent string
}

// OriginCLI is the origin of acts run from the command line.
var OriginCLI = Origin{Address: "cli"}

// WithOrigin returns a copy of ctx that carries the origin of its acts.
func WithOrigin(ctx context.Context, o Origin) context.Context {
	return context.WithValue(ctx, originContextKey, o)
}

// OriginFrom returns the origin carried by ctx; acts with none come from the
// platform itself (background jobs, the demo) and are recorded as "system".
func OriginFrom(ctx context.Context) Origin {
	if o, ok := ctx.Value(originContextKey).(Origin); ok {
		return o
	}
	return Origin{Address: "system"}
}
