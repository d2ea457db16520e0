package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"patentbridge"
)

var _ patentbridge.OrganizationService = (*DB)(nil)

// orgColumns are read by scanOrganization; the last counts the patents it owns.
const orgColumns = `o.id, o.name, o.type, COALESCE(o.credit_code, ''), o.city_code, o.sme, COALESCE(o.parent_id, 0),
	o.created_at, o.updated_at, (SELECT COUNT(DISTINCT po.patent_id) FROM patent_owners po WHERE po.org_id = o.id)`

func scanOrganization(s scanner) (*patentbridge.Organization, error) {
	var o patentbridge.Organization
	var typ, created, updated string
	var sme int
	if err := s.Scan(&o.ID, &o.Name, &typ, &o.CreditCode, &o.CityCode, &sme, &o.ParentID, &created, &updated, &o.Patents); err != nil {
		return nil, err
	}
	o.Type, o.SME, o.Aliases = patentbridge.PartyType(typ), sme != 0, []string{}
	var err error
	if o.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if o.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &o, nil
}

// CreateOrganization validates and stores an organization with its aliases and
// sets o.ID; the owners of its names link to it and take its type. Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateOrganization(ctx context.Context, o *patentbridge.Organization) error {
	if err := normalizeOrg(o); err != nil {
		return err
	}
	if err := authorizeOrg(ctx, o.CityCode, false); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.lockPatentChanges(ctx); err != nil {
			return err
		}
		if err := tx.insertOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.linkAndRetype(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, "organization.create", orgObject(o.ID), nil, o)
	})
}

// UpdateOrganization replaces an organization's fields and aliases; its users
// take its new name and its owners its type. Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) UpdateOrganization(ctx context.Context, o *patentbridge.Organization) error {
	if err := normalizeOrg(o); err != nil {
		return err
	}
	if err := authorizeOrg(ctx, o.CityCode, false); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.lockPatentChanges(ctx); err != nil {
			return err
		}
		before, err := findOrg(ctx, tx.db, tx.tx, o.ID)
		if err != nil {
			return err
		}
		if err := authorizeOrg(ctx, before.CityCode, false); err != nil {
			return err
		}
		if err := tx.updateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.linkAndRetype(ctx); err != nil {
			return err
		}
		o.CreatedAt, o.Patents = before.CreatedAt, before.Patents
		return tx.audit(ctx, "organization.update", orgObject(o.ID), before, o)
	})
}

// FindOrganization returns an organization by id with its aliases. Returns ENOTFOUND.
func (db *DB) FindOrganization(ctx context.Context, id int64) (*patentbridge.Organization, error) {
	return findOrg(ctx, db, db.read, id)
}

// FindOrganizationByName resolves a name or alias after normalization. Returns ENOTFOUND.
func (db *DB) FindOrganizationByName(ctx context.Context, name string) (*patentbridge.Organization, error) {
	id, err := resolveOrg(ctx, db, db.read, patentbridge.NormalizeOrgName(name))
	if err != nil {
		return nil, err
	}
	if id == 0 {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到单位 %q", name)
	}
	return findOrg(ctx, db, db.read, id)
}

// findOrg reads an organization and its aliases through qr. Returns ENOTFOUND.
func findOrg(ctx context.Context, db *DB, qr queryer, id int64) (*patentbridge.Organization, error) {
	q := db.dialect.newQuery().add("SELECT "+orgColumns+" FROM organizations o WHERE o.id = ?", id)
	o, err := scanOrganization(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "单位 %d 不存在", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find organization %d: %w", id, err)
	}
	if err := loadAliases(ctx, db, qr, map[int64]*patentbridge.Organization{o.ID: o}); err != nil {
		return nil, err
	}
	return o, nil
}

// resolveOrg returns the id of the organization with the normalized name or
// alias, 0 when there is none.
func resolveOrg(ctx context.Context, db *DB, qr queryer, name string) (int64, error) {
	q := db.dialect.newQuery().add(`SELECT id FROM organizations WHERE name = ?
		UNION SELECT org_id FROM organization_aliases WHERE alias = ?`, name, name)
	var id int64
	err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("sqldb: resolve organization %q: %w", name, err)
	}
	return id, nil
}

// loadAliases fills the aliases of the organizations, keyed by id.
func loadAliases(ctx context.Context, db *DB, qr queryer, byID map[int64]*patentbridge.Organization) error {
	if len(byID) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	q := db.dialect.newQuery().add("SELECT org_id, alias FROM organization_aliases WHERE org_id IN ").addIDs(ids).add(" ORDER BY alias")
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: organization aliases: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var alias string
		if err := rs.Scan(&id, &alias); err != nil {
			return fmt.Errorf("sqldb: organization aliases: %w", err)
		}
		byID[id].Aliases = append(byID[id].Aliases, alias)
	}
	for _, o := range byID {
		slices.Sort(o.Aliases) // in Go's order, whatever the database's collation
	}
	return rs.Err()
}

// orgObject names an organization in the audit log.
func orgObject(id int64) string { return "organization:" + strconv.FormatInt(id, 10) }
