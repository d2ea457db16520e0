package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// outOfScope refuses a city user's act on a record of another city.
// Returns EFORBIDDEN.
func outOfScope(u *patentbridge.User, city, what string) error {
	if c := patentbridge.ScopeCity(u); c != "" && city != c {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：市（州）管理员只能%s本市（州）的记录（所在地 %q）", what, city)
	}
	return nil
}

// orgByCodeOrName returns the registry's organization with the credit code,
// else the one with the name or alias, or nil when neither is registered.
func (tx *Tx) orgByCodeOrName(ctx context.Context, code, name string) (*patentbridge.Organization, error) {
	var id int64
	if code != "" {
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", code)).Scan(&id)
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("sqldb: organization by credit code: %w", err)
		}
	}
	if id == 0 && name != "" {
		var err error
		if id, err = resolveOrg(ctx, tx.db, tx.tx, name); err != nil {
			return nil, err
		}
	}
	if id == 0 {
		return nil, nil
	}
	return findOrg(ctx, tx.db, tx.tx, id)
}

// orgCity resolves a named organization (nil when unnamed or unregistered)
// and returns the record's city: the given one, else the organization's.
func (tx *Tx) orgCity(ctx context.Context, name, city string) (orgID int64, _ string, err error) {
	if name == "" {
		return 0, city, nil
	}
	o, err := tx.orgByCodeOrName(ctx, "", name)
	if err != nil || o == nil {
		return 0, city, err
	}
	if city == "" {
		city = o.CityCode
	}
	return o.ID, city, nil
}
