package sqldb

import (
	"context"
	"fmt"
	"sync"

	"patentbridge"
)

// listedCache is the set of patents on published supply lists, with the version
// of the lists it was read at (published lists are frozen; only a publication or
// a withdrawal changes the set).
type listedCache struct {
	mu      sync.Mutex
	version string
	appNos  map[string]bool
}

// SupplyListed returns which of appNos are on a supply list that is published
// and not withdrawn (the matcher's availability signal).
func (db *DB) SupplyListed(ctx context.Context, appNos []string) (map[string]bool, error) {
	var n int
	var published, withdrawn string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(
		"SELECT COUNT(*), COALESCE(MAX(published_at), ''), COALESCE(MAX(withdrawn_at), '') FROM supply_lists WHERE status <> ?"),
		patentbridge.ListDraft).Scan(&n, &published, &withdrawn)
	if err != nil {
		return nil, fmt.Errorf("sqldb: supply-listed patents: %w", err)
	}
	version := fmt.Sprint(n, "|", published, "|", withdrawn)
	c := &db.listed
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.appNos == nil || c.version != version {
		lists, err := db.ListSupplyLists(ctx, false)
		if err != nil {
			return nil, err
		}
		set := map[string]bool{}
		for _, l := range lists {
			if l.Status != patentbridge.ListPublished {
				continue
			}
			for _, it := range l.Items {
				set[it.AppNo] = true
			}
		}
		c.version, c.appNos = version, set
	}
	out := make(map[string]bool, len(appNos))
	for _, a := range appNos {
		if c.appNos[a] {
			out[a] = true
		}
	}
	return out, nil
}
