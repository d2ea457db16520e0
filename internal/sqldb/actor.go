package sqldb

import (
	"context"

	"patentbridge"
)

// platformActor stands for the platform's own acts (the demo, the command line)
// in scope checks: it may do what an administrator may.
var platformActor = &patentbridge.User{Role: patentbridge.RoleAdmin}

// actor returns the signed-in user of ctx, or platformActor for the platform's
// own acts (no user, origin "cli" or "system"). Returns EUNAUTHORIZED otherwise.
func actor(ctx context.Context) (*patentbridge.User, error) {
	if u := patentbridge.UserFrom(ctx); u != nil {
		return u, nil
	}
	if patentbridge.IsPlatform(ctx) {
		return platformActor, nil
	}
	return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
}
