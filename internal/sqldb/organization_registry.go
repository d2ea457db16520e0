package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// RegistryOrganizations returns every organization of the registry with its
// aliases, type, city and parent (no patent counts), for screening to know
// where an owner is and whom it belongs to. It reads for the platform's own
// screening runs and checks no user.
func (db *DB) RegistryOrganizations(ctx context.Context) ([]*patentbridge.Organization, error) {
	rs, err := db.read.QueryContext(ctx, "SELECT id, name, type, city_code, COALESCE(parent_id, 0) FROM organizations ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqldb: registry organizations: %w", err)
	}
	defer rs.Close()
	var out []*patentbridge.Organization
	byID := map[int64]*patentbridge.Organization{}
	for rs.Next() {
		var o patentbridge.Organization
		var typ string
		if err := rs.Scan(&o.ID, &o.Name, &typ, &o.CityCode, &o.ParentID); err != nil {
			return nil, fmt.Errorf("sqldb: registry organizations: %w", err)
		}
		o.Type = patentbridge.PartyType(typ)
		out = append(out, &o)
		byID[o.ID] = &o
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("sqldb: registry organizations: %w", err)
	}
	rs.Close()
	as, err := db.read.QueryContext(ctx, "SELECT org_id, alias FROM organization_aliases")
	if err != nil {
		return nil, fmt.Errorf("sqldb: registry aliases: %w", err)
	}
	defer as.Close()
	for as.Next() {
		var id int64
		var alias string
		if err := as.Scan(&id, &alias); err != nil {
			return nil, fmt.Errorf("sqldb: registry aliases: %w", err)
		}
		if o := byID[id]; o != nil {
			o.Aliases = append(o.Aliases, alias)
		}
	}
	return out, as.Err()
}
