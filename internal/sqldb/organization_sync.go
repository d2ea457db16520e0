package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// SyncOrganizations links every owner of a stored patent that has no
// organization and is not an individual to the organization with its name or
// alias, first creating one for each name that has none (type from the owner,
// city from one of the patents it holds first, whose region is its address,
// else from any of its patents), then gives every linked owner its
// organization's type (applyRegistryTypes), all in one audited transaction
// (admin and platform only). It returns how many organizations it created.
func (db *DB) SyncOrganizations(ctx context.Context) (int, error) {
	if err := authorizeOrg(ctx, "", true); err != nil {
		return 0, err
	}
	var created, linked int64
	err := db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.lockPatentChanges(ctx); err != nil {
			return err
		}
		n, err := tx.linkOwners(ctx)
		if err != nil {
			return err
		}
		now := formatTime(tx.now)
		created, err = affected(tx.exec(ctx, tx.q().add(`INSERT INTO organizations (name, type, city_code, sme, created_at, updated_at)
			SELECT po.name, MAX(po.type), COALESCE(MAX(CASE WHEN po.pos = 0 THEN NULLIF(p.city_code, '') END), MAX(p.city_code)), 0, ?, ?
			FROM patent_owners po JOIN patents p ON p.id = po.patent_id
			WHERE po.org_id IS NULL AND po.type <> 'individual' AND po.name <> ''
			GROUP BY po.name`, now, now)))
		if err != nil {
			return fmt.Errorf("sqldb: sync organizations: %w", err)
		}
		if err := tx.classifyUntyped(ctx); err != nil {
			return err
		}
		m, err := tx.linkOwners(ctx)
		if err != nil {
			return err
		}
		linked = n + m
		retyped, err := tx.applyRegistryTypes(ctx)
		if err != nil {
			return err
		}
		if created == 0 && linked == 0 && retyped == 0 {
			return nil
		}
		return tx.audit(ctx, "organization.sync", "organizations", nil,
			withRetyped(map[string]int64{"created": created, "linked": linked}, retyped))
	})
	return int(created), err
}

// linkOwners sets the organization of unlinked, non-individual owners whose name
// is an organization's name or alias, and returns how many it linked.
func (tx *Tx) linkOwners(ctx context.Context) (int64, error) {
	var total int64
	for _, q := range []*query{
		tx.q().add(`UPDATE patent_owners SET org_id = (SELECT o.id FROM organizations o WHERE o.name = patent_owners.name)
			WHERE org_id IS NULL AND type <> 'individual' AND name IN (SELECT name FROM organizations)`),
		tx.q().add(`UPDATE patent_owners SET org_id = (SELECT a.org_id FROM organization_aliases a WHERE a.alias = patent_owners.name)
			WHERE org_id IS NULL AND type <> 'individual' AND name IN (SELECT alias FROM organization_aliases)`),
	} {
		n, err := affected(tx.exec(ctx, q))
		if err != nil {
			return 0, fmt.Errorf("sqldb: link patent owners: %w", err)
		}
		total += n
	}
	return total, nil
}

// classifyUntyped gives the organizations created from owners without a type one
// from their name (an enterprise when the name looks like a person's).
func (tx *Tx) classifyUntyped(ctx context.Context) error {
	rs, err := tx.query(ctx, tx.q().add("SELECT id, name FROM organizations WHERE type = ''"))
	if err != nil {
		return fmt.Errorf("sqldb: untyped organizations: %w", err)
	}
	types := map[int64]patentbridge.PartyType{}
	for rs.Next() {
		var id int64
		var name string
		if err := rs.Scan(&id, &name); err != nil {
			rs.Close()
			return fmt.Errorf("sqldb: untyped organizations: %w", err)
		}
		if t := patentbridge.ClassifyParty(name, ""); t != patentbridge.PartyIndividual {
			types[id] = t
		} else {
			types[id] = patentbridge.PartyEnterprise
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("sqldb: untyped organizations: %w", err)
	}
	for id, t := range types {
		if _, err := tx.exec(ctx, tx.q().add("UPDATE organizations SET type = ? WHERE id = ?", string(t), id)); err != nil {
			return fmt.Errorf("sqldb: classify organization %d: %w", id, err)
		}
	}
	return nil
}
