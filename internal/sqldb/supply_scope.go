package sqldb

import (
	"context"

	"patentbridge"
)

// supplyBuilder returns who builds a list in ctx: nil for the platform's own act,
// else the signed-in user if patentbridge.AuthorizeSupplyList lets it build
// lists. Returns EUNAUTHORIZED, EFORBIDDEN.
func supplyBuilder(ctx context.Context) (*patentbridge.User, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil && patentbridge.IsPlatform(ctx) {
		return nil, nil
	}
	return u, patentbridge.AuthorizeSupplyList(u, nil)
}

// manageSupplyList decides whether the ctx user (or the platform) may manage l.
// A draft is not found by those who may not manage it; a published list is
// forbidden to them. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func manageSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	u := patentbridge.UserFrom(ctx)
	if u == nil && patentbridge.IsPlatform(ctx) {
		return nil
	}
	err := patentbridge.AuthorizeSupplyList(u, l)
	if err != nil && l.Status == patentbridge.ListDraft {
		return supplyNotFound(l.ID)
	}
	return err
}

// canSeeSupplyList reports whether the ctx user may read l: everyone the
// published and withdrawn lists, drafts only those who may manage them.
func canSeeSupplyList(ctx context.Context, l *patentbridge.SupplyList) bool {
	return l.Status != patentbridge.ListDraft || manageSupplyList(ctx, l) == nil
}

// scopeNewSupplyList fixes a new list's city and author for its builder u (nil:
// the platform, which keeps what it was given): a city user's list is its
// city's and selects only its city's patents, whatever was asked.
func scopeNewSupplyList(u *patentbridge.User, l *patentbridge.SupplyList) {
	if u == nil {
		return
	}
	if u.Role == patentbridge.RoleCity {
		l.CityCode = u.CityCode[:min(4, len(u.CityCode))]
		l.Filter.City = l.CityCode
	}
	l.CreatedBy = u.ID
}
