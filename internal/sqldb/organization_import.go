package sqldb

import (
	"context"
	"fmt"
	"slices"

	"patentbridge"
)

// UpsertOrganizations imports a registry upload in one audited transaction: each
// entry updates the organization with its credit code, else with its name or
// alias, else is created; an entry without a type keeps the stored one (or is
// typed from its name); owners of patents then link to the entries of their
// name and take the registry's types (applyRegistryTypes). A city user may
// import its own city's organizations only. Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN (nothing is written).
func (db *DB) UpsertOrganizations(ctx context.Context, os []*patentbridge.Organization) (patentbridge.UpsertResult, error) {
	var res patentbridge.UpsertResult
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role == patentbridge.RoleCity {
		for _, o := range os {
			if o.CityCode == "" {
				o.CityCode = u.CityCode
			}
		}
	}
	for _, o := range os {
		if err := authorizeOrg(ctx, o.CityCode, false); err != nil {
			return res, err
		}
	}
	err := db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.lockPatentChanges(ctx); err != nil {
			return err
		}
		var err error
		if res, err = tx.upsertOrgs(ctx, os, true, ""); err != nil {
			return err
		}
		retyped, err := tx.linkAndRetype(ctx)
		if err != nil {
			return err
		}
		return tx.audit(ctx, "organization.import", "organizations", nil,
			withRetyped(map[string]int64{"inserted": int64(res.Inserted), "updated": int64(res.Updated)}, retyped))
	})
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	return res, nil
}

// upsertOrgs upserts the entries in tx; scoped checks that the caller may change
// each matched organization's city; a new entry without a type gets deflt, or
// one from its name when deflt is "".
func (tx *Tx) upsertOrgs(ctx context.Context, os []*patentbridge.Organization, scoped bool, deflt patentbridge.PartyType) (patentbridge.UpsertResult, error) {
	var res patentbridge.UpsertResult
	for _, o := range os {
		typed := o.Type != ""
		if !typed && deflt != "" {
			o.Type = deflt
		} else if !typed {
			if o.Type = patentbridge.ClassifyParty(o.Name, ""); o.Type == patentbridge.PartyIndividual {
				o.Type = patentbridge.PartyEnterprise
			}
		}
		if err := normalizeOrg(o); err != nil {
			return res, withName(err, o.Name)
		}
		cur, err := tx.matchOrg(ctx, o)
		if err != nil {
			return res, err
		}
		if cur == nil {
			if err := tx.insertOrg(ctx, o); err != nil {
				return res, withName(err, o.Name)
			}
			res.Inserted++
			continue
		}
		if scoped {
			if err := authorizeOrg(ctx, cur.CityCode, false); err != nil {
				return res, err
			}
		}
		next := *cur
		next.Aliases = append(slices.Clone(cur.Aliases), o.Aliases...)
		next.Aliases = append(next.Aliases, o.Name)
		if typed {
			next.Type = o.Type
		}
		if o.CreditCode != "" {
			next.CreditCode = o.CreditCode
		}
		if o.CityCode != "" {
			next.CityCode = o.CityCode
		}
		if o.ParentID != 0 {
			next.ParentID = o.ParentID
		}
		next.SME = o.SME
		if err := normalizeOrg(&next); err != nil {
			return res, withName(err, o.Name)
		}
		o.ID = cur.ID
		if sameOrg(cur, &next) {
			res.Unchanged++
			continue
		}
		if err := tx.updateOrg(ctx, &next); err != nil {
			return res, withName(err, o.Name)
		}
		res.Updated++
	}
	return res, nil
}

// matchOrg returns the stored organization with o's credit code, else with its
// name or alias, nil when there is none.
func (tx *Tx) matchOrg(ctx context.Context, o *patentbridge.Organization) (*patentbridge.Organization, error) {
	var id int64
	if o.CreditCode != "" {
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", o.CreditCode)).Scan(&id)
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("sqldb: match organization: %w", err)
		}
	}
	if id == 0 {
		var err error
		if id, err = resolveOrg(ctx, tx.db, tx.tx, o.Name); err != nil || id == 0 {
			return nil, err
		}
	}
	return findOrg(ctx, tx.db, tx.tx, id)
}

func sameOrg(a, b *patentbridge.Organization) bool {
	return a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && a.Type == b.Type && a.CreditCode == b.CreditCode &&
		a.CityCode == b.CityCode && a.SME == b.SME && a.ParentID == b.ParentID
}

// withName prefixes an application error's message with the organization it concerns.
func withName(err error, name string) error {
	if e, ok := err.(*patentbridge.Error); ok {
		c := *e
		c.Message = fmt.Sprintf("单位 %q：%s", name, e.Message)
		return &c
	}
	return err
}
