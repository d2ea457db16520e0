package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// The import types a party from the export or from its name; the registry
// knows better where it knows the organization (东方电气集团东方电机有限公司 is
// an SOE, not the enterprise its name suggests). applyRegistryTypes makes the
// registry's type the owners' type after every act that links owners or changes
// an organization's type.

// ownerRetype is one linked owner whose stored type differs from its organization's.
type ownerRetype struct {
	pos  int
	name string
	typ  patentbridge.PartyType
}

// applyRegistryTypes gives every patent owner linked to an organization the
// organization's type: in patent_owners (owner filters and counts), in the
// patent's patentees and applicants of that name (pages, API, screening, the
// search index), with the patent's updated_at and an outbox entry so that the
// search index takes the change. The content hash stays the import's, so
// re-importing the same export changes nothing. It returns how many patents
// changed. The caller holds lockPatentChanges.
func (tx *Tx) applyRegistryTypes(ctx context.Context) (int, error) {
	rs, err := tx.query(ctx, tx.q().add(`SELECT po.patent_id, po.pos, po.name, o.type FROM patent_owners po
		JOIN organizations o ON o.id = po.org_id
		WHERE o.type <> '' AND o.type <> 'individual' AND o.type <> po.type ORDER BY po.patent_id, po.pos`))
	if err != nil {
		return 0, fmt.Errorf("sqldb: owners to retype: %w", err)
	}
	byPatent := map[int64][]ownerRetype{}
	var ids []int64
	for rs.Next() {
		var id int64
		var r ownerRetype
		var typ string
		if err := rs.Scan(&id, &r.pos, &r.name, &typ); err != nil {
			rs.Close()
			return 0, fmt.Errorf("sqldb: owners to retype: %w", err)
		}
		r.typ = patentbridge.PartyType(typ)
		if _, ok := byPatent[id]; !ok {
			ids = append(ids, id)
		}
		byPatent[id] = append(byPatent[id], r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return 0, fmt.Errorf("sqldb: owners to retype: %w", err)
	}
	now := formatTime(tx.now)
	for chunk := range chunkIDs(ids) {
		if err := tx.retypePatents(ctx, chunk, byPatent, now); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// retypePatents rewrites the parties of the patents with ids and records each change.
func (tx *Tx) retypePatents(ctx context.Context, ids []int64, byPatent map[int64][]ownerRetype, now string) error {
	type stored struct {
		id                    int64
		appNo, apps, patentee string
	}
	rs, err := tx.query(ctx, tx.q().add("SELECT id, app_no, applicants, patentees FROM patents WHERE id IN ").addIDs(ids))
	if err != nil {
		return fmt.Errorf("sqldb: patents to retype: %w", err)
	}
	var ps []stored
	for rs.Next() {
		var s stored
		if err := rs.Scan(&s.id, &s.appNo, &s.apps, &s.patentee); err != nil {
			rs.Close()
			return fmt.Errorf("sqldb: patents to retype: %w", err)
		}
		ps = append(ps, s)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("sqldb: patents to retype: %w", err)
	}
	for _, s := range ps {
		apps, err := decodeJSONParties(s.apps)
		if err != nil {
			return fmt.Errorf("sqldb: patent %s applicants: %w", s.appNo, err)
		}
		pats, err := decodeJSONParties(s.patentee)
		if err != nil {
			return fmt.Errorf("sqldb: patent %s patentees: %w", s.appNo, err)
		}
		owners := pats
		if len(owners) == 0 {
			owners = apps
		}
		for _, r := range byPatent[s.id] {
			if r.pos < len(owners) {
				owners[r.pos].Type = r.typ
			}
			for _, list := range [][]patentbridge.Party{apps, pats} {
				for i := range list {
					if list[i].Name == r.name {
						list[i].Type = r.typ
					}
				}
			}
			if _, err := tx.exec(ctx, tx.q().add("UPDATE patent_owners SET type = ? WHERE patent_id = ? AND pos = ?",
				string(r.typ), s.id, r.pos)); err != nil {
				return fmt.Errorf("sqldb: retype owner of %s: %w", s.appNo, err)
			}
		}
		if _, err := tx.exec(ctx, tx.q().add("UPDATE patents SET applicants = ?, patentees = ?, updated_at = ? WHERE id = ?",
			string(appendJSONParties(nil, apps)), string(appendJSONParties(nil, pats)), now, s.id)); err != nil {
			return fmt.Errorf("sqldb: retype patent %s: %w", s.appNo, err)
		}
		if _, err := tx.exec(ctx, tx.q().add("INSERT INTO patent_changes (app_no, op, changed_at) VALUES (?, 'update', ?)",
			s.appNo, now)); err != nil {
			return fmt.Errorf("sqldb: record change of %s: %w", s.appNo, err)
		}
	}
	return nil
}

// lockPatentChanges makes the transaction take its turn with the patent
// writers before it touches owners (see copyWriter): outbox entries then
// commit in sequence order, and neither waits on the other's owner rows.
func (tx *Tx) lockPatentChanges(ctx context.Context) error {
	if tx.db.dialect.lockChanges == "" {
		return nil
	}
	if _, err := tx.exec(ctx, tx.q().add(tx.db.dialect.lockChanges)); err != nil {
		return fmt.Errorf("sqldb: lock patent changes: %w", err)
	}
	return nil
}

// withRetyped adds the number of retyped patents to an audit record when there are any.
func withRetyped(after map[string]int64, n int) map[string]int64 {
	if n > 0 {
		after["retyped_patents"] = int64(n)
	}
	return after
}

// linkAndRetype links unlinked owners to the organizations of their names and
// gives every linked owner its organization's type; it returns how many
// patents changed.
func (tx *Tx) linkAndRetype(ctx context.Context) (int, error) {
	if _, err := tx.linkOwners(ctx); err != nil {
		return 0, err
	}
	return tx.applyRegistryTypes(ctx)
}
