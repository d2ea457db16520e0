package patentbridge

import "context"

// contextKey is the private type of this package's context keys.
type contextKey int

const userContextKey contextKey = iota + 1

// WithUser returns a copy of ctx that carries the signed-in user.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey, u)
}

// UserFrom returns the signed-in user carried by ctx, or nil for anonymous requests.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey).(*User)
	return u
}
