package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"patentbridge"
)

// This file is the store side of the IPC router's training set
// (patentbridge.RouterCorpus): the stored patents that carry an IPC subclass.

var _ patentbridge.RouterCorpus = (*DB)(nil)

// routerBatch is how many patents one query of EachRouterDoc reads.
const routerBatch = 2000

// routerCount caches the router corpus count under the change table's last
// sequence number: every write to patents or their codes adds a change row
// (and writers lock the table, so none commits under a lower number late), so
// while the number stands the count does too, and the minutely poll costs two
// index lookups instead of a scan of every IPC code.
type routerCount struct {
	mu       sync.Mutex
	seq      int64
	patents  int
	computed bool
}

// RouterCorpusState counts the stored patents with at least one IPC code at
// subclass level or finer, and reports when an import last finished: the later
// of the last finished import job and the newest patent change (the command-line
// import records no job, but every patent it writes leaves a change row).
func (db *DB) RouterCorpusState(ctx context.Context) (patentbridge.CorpusState, error) {
	var st patentbridge.CorpusState
	var seq int64
	var job, change sql.NullString
	err := db.read.QueryRowContext(ctx, "SELECT seq, changed_at FROM patent_changes ORDER BY seq DESC LIMIT 1").Scan(&seq, &change)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("sqldb: router corpus state: %w", err)
	}
	if err := db.read.QueryRowContext(ctx,
		"SELECT MAX(finished_at) FROM import_jobs WHERE status = 'done'").Scan(&job); err != nil {
		return st, fmt.Errorf("sqldb: router corpus state: %w", err)
	}
	for _, s := range []sql.NullString{job, change} {
		t, err := parseTime(s.String)
		if err != nil {
			return st, fmt.Errorf("sqldb: router corpus state: %w", err)
		}
		if t.After(st.LastImport) {
			st.LastImport = t
		}
	}
	c := &db.routerCount
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.computed || c.seq != seq {
		err := db.read.QueryRowContext(ctx,
			"SELECT COUNT(DISTINCT patent_id) FROM patent_ipc WHERE LENGTH(code) >= 4").Scan(&c.patents)
		if err != nil {
			c.computed = false
			return st, fmt.Errorf("sqldb: router corpus state: %w", err)
		}
		c.seq, c.computed = seq, true
	}
	st.Patents = c.patents
	return st, nil
}

// EachRouterDoc calls fn for every stored patent with at least one IPC subclass,
// in 申请号 order, with its title, abstract, first claim and subclasses (main
// first, no duplicates). It reads routerBatch patents per query, keyed on the
// last 申请号 seen, and calls fn only between queries, so memory stays bounded
// and no read stays open while fn works; a patent written meanwhile is seen if
// its 申请号 comes after the cursor. It stops at fn's first error or when ctx ends.
func (db *DB) EachRouterDoc(ctx context.Context, fn func(patentbridge.RouterDoc) error) error {
	docs := make([]patentbridge.RouterDoc, 0, routerBatch)
	for after := ""; ; {
		var n int
		var err error
		docs, after, n, err = db.readRouterBatch(ctx, after, docs[:0])
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		if n < routerBatch {
			return nil
		}
	}
}

// readRouterBatch reads up to routerBatch patents with an IPC code whose 申请号
// comes after after, and appends to docs those with a subclass (a patent whose
// codes are all coarser is read but skipped). It returns the last 申请号 read,
// the cursor of the next batch, and how many rows it read.
func (db *DB) readRouterBatch(ctx context.Context, after string, docs []patentbridge.RouterDoc) ([]patentbridge.RouterDoc, string, int, error) {
	q := db.dialect.newQuery().add("SELECT app_no, title, abstract, first_claim, main_ipc, ipc FROM patents"+
		" WHERE app_no > ? AND (ipc <> '[]' OR main_ipc <> '') ORDER BY app_no LIMIT ?", after, routerBatch)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, "", 0, fmt.Errorf("sqldb: each router doc: %w", err)
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		var d patentbridge.RouterDoc
		var main, ipc string
		if err := rs.Scan(&d.AppNo, &d.Title, &d.Abstract, &d.FirstClaim, &main, &ipc); err != nil {
			return nil, "", 0, fmt.Errorf("sqldb: each router doc: %w", err)
		}
		n, after = n+1, d.AppNo
		codes, err := decodeJSONStrings(ipc)
		if err != nil {
			return nil, "", 0, fmt.Errorf("sqldb: each router doc %s: ipc: %w", d.AppNo, err)
		}
		if d.Subclasses = routerSubclasses(main, codes); len(d.Subclasses) > 0 {
			docs = append(docs, d)
		}
	}
	if err := rs.Err(); err != nil {
		return nil, "", 0, fmt.Errorf("sqldb: each router doc: %w", err)
	}
	return docs, after, n, nil
}

// routerSubclasses returns the distinct subclasses of a patent's codes, the
// main code's first; codes coarser than a subclass ("H01") give none.
func routerSubclasses(main string, codes []string) []string {
	out := make([]string, 0, len(codes)+1)
	add := func(code string) {
		if s := patentbridge.IPCSubclass(code); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(main)
	for _, c := range codes {
		add(c)
	}
	return out
}
