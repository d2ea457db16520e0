package sqldb

import (
	"context"
	"fmt"
	"slices"

	"patentbridge"
)

// MergeOrganizations moves gone's name and aliases to keep's aliases, and its
// patents' owner links, users and child organizations to keep, then deletes
// gone, in one audited transaction (admin only); gone's owners take keep's
// type (applyRegistryTypes). Returns EINVALID when keep is
// gone, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) MergeOrganizations(ctx context.Context, keepID, goneID int64) error {
	if err := authorizeOrg(ctx, "", true); err != nil {
		return err
	}
	if keepID == goneID {
		return patentbridge.FieldErrorf("gone", "不能把单位合并到它自己")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.lockPatentChanges(ctx); err != nil {
			return err
		}
		keep, err := findOrg(ctx, db, tx.tx, keepID)
		if err != nil {
			return err
		}
		gone, err := findOrg(ctx, db, tx.tx, goneID)
		if err != nil {
			return err
		}
		after := *keep
		after.Aliases = append(slices.Clone(keep.Aliases), gone.Name)
		after.Aliases = append(after.Aliases, gone.Aliases...)
		if after.CreditCode == "" {
			after.CreditCode = gone.CreditCode
		}
		if after.CityCode == "" {
			after.CityCode = gone.CityCode
		}
		if after.ParentID == gone.ID {
			after.ParentID = gone.ParentID
		}
		if after.ParentID == keep.ID {
			after.ParentID = 0
		}
		// gone's rows go first, so that its names and credit code are free for keep.
		for _, q := range []*query{
			tx.q().add("UPDATE patent_owners SET org_id = ? WHERE org_id = ?", keep.ID, gone.ID),
			orgUsersUpdate(tx.q(), gone.ID, keep),
			tx.q().add("UPDATE declarations SET org_id = ?, org_name = ? WHERE org_id = ?", keep.ID, keep.Name, gone.ID),
			tx.q().add("UPDATE demands SET org_id = ?, enterprise = ? WHERE org_id = ?", keep.ID, keep.Name, gone.ID),
			tx.q().add("UPDATE messages SET org_id = ? WHERE org_id = ?", keep.ID, gone.ID),
			tx.q().add("UPDATE organizations SET parent_id = ? WHERE parent_id = ? AND id <> ?", keep.ID, gone.ID, keep.ID),
			tx.q().add("DELETE FROM organization_aliases WHERE org_id = ?", gone.ID),
			tx.q().add("DELETE FROM organizations WHERE id = ?", gone.ID),
		} {
			if _, err := tx.exec(ctx, q); err != nil {
				return fmt.Errorf("sqldb: merge organization %d into %d: %w", gone.ID, keep.ID, err)
			}
		}
		if err := normalizeOrg(&after); err != nil {
			return err
		}
		if err := tx.updateOrg(ctx, &after); err != nil {
			return err
		}
		if _, err := tx.applyRegistryTypes(ctx); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, tx.q().add("SELECT COUNT(DISTINCT patent_id) FROM patent_owners WHERE org_id = ?", keep.ID)).Scan(&after.Patents); err != nil {
			return fmt.Errorf("sqldb: merge organization count: %w", err)
		}
		return tx.audit(ctx, "organization.merge", orgObject(keep.ID),
			map[string]any{"keep": keep, "gone": gone}, &after)
	})
}

// orgUsersUpdate moves the accounts of organization from to o: its id and name,
// and, for the organization's own accounts (not admin or city accounts), its
// city, so that the city managing an organization manages its accounts.
func orgUsersUpdate(q *query, from int64, o *patentbridge.Organization) *query {
	return q.add(`UPDATE users SET organization_id = ?, org_name = ?,
		city_code = CASE WHEN role IN ('admin', 'city') OR ? = '' THEN city_code ELSE ? END WHERE organization_id = ?`,
		o.ID, o.Name, o.CityCode, o.CityCode, from)
}
