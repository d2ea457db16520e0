package sqldb

import (
	"context"
	"fmt"
	"slices"

	"patentbridge"
)

// patentWriter stores a batch of encoded patents in one transaction.
type patentWriter interface {
	upsert(ctx context.Context, rows []*patentRow) (patentbridge.UpsertResult, error)
}

// UpsertPatents inserts new patents and updates changed ones in one transaction;
// patents whose content hash is unchanged are not rewritten. Every written patent
// gets a row in the patent_changes outbox. Returns EINVALID for a patent without
// an application number or with an unknown kind, before writing anything.
func (db *DB) UpsertPatents(ctx context.Context, ps []*patentbridge.Patent) (patentbridge.UpsertResult, error) {
	if len(ps) == 0 {
		return patentbridge.UpsertResult{}, nil
	}
	now := formatTime(db.now())
	rows := make([]*patentRow, len(ps))
	for i, p := range ps {
		if p.AppNo == "" {
			return patentbridge.UpsertResult{}, patentbridge.FieldErrorf("app_no", "第 %d 条专利缺少申请号", i+1)
		}
		if !slices.Contains(patentbridge.Kinds, p.Kind) {
			return patentbridge.UpsertResult{}, patentbridge.FieldErrorf("kind", "专利 %s 的类型 %q 无效", p.AppNo, p.Kind)
		}
		rows[i] = encodePatent(p, now)
	}
	res, err := db.dialect.bulkUpsert(db).upsert(ctx, rows)
	if err != nil {
		return patentbridge.UpsertResult{}, fmt.Errorf("sqldb: upsert %d patents: %w", len(ps), err)
	}
	return res, nil
}

// storedPatent is what a writer reads of a patent already stored.
type storedPatent struct {
	id   int64
	hash string
}

// upsertPlan is what a batch must write, given the patents already stored.
type upsertPlan struct {
	result  patentbridge.UpsertResult
	insert  []*patentRow // the last version of each new patent, still without id
	update  []*patentRow // the last version of each changed patent, with its stored id
	updated []int64      // ids of the updated patents, whose child rows must be replaced
	changes [][]any      // outbox rows (app_no, op, changed_at) in batch order
}

// planUpsert compares each row with the stored hash, in batch order, so that a
// patent listed twice counts as inserted then updated (or unchanged).
func planUpsert(rows []*patentRow, stored map[string]storedPatent) upsertPlan {
	var pl upsertPlan
	current := make(map[string]string, len(rows))
	last := make(map[string]*patentRow, len(rows))
	for _, r := range rows {
		h, ok := current[r.appNo]
		if !ok {
			var sp storedPatent
			sp, ok = stored[r.appNo]
			h = sp.hash
		}
		switch {
		case !ok:
			pl.result.Inserted++
		case h == r.hash:
			pl.result.Unchanged++
			current[r.appNo] = h
			continue
		default:
			pl.result.Updated++
		}
		current[r.appNo] = r.hash
		last[r.appNo] = r
	}
	for _, r := range rows {
		if last[r.appNo] != r {
			continue
		}
		op := "insert"
		if sp, ok := stored[r.appNo]; ok {
			op = "update"
			r.setID(sp.id)
			pl.update = append(pl.update, r)
			pl.updated = append(pl.updated, sp.id)
		} else {
			pl.insert = append(pl.insert, r)
		}
		pl.changes = append(pl.changes, []any{r.appNo, op, r.vals[colUpdatedAt]})
	}
	return pl
}

// assignIDs gives the new patents consecutive ids from first on.
func (pl *upsertPlan) assignIDs(first int64) {
	for i, r := range pl.insert {
		r.setID(first + int64(i))
	}
}

// childRows returns the IPC and party rows of every patent the plan writes.
func (pl *upsertPlan) childRows() (ipc, owners [][]any) {
	for _, rs := range [][]*patentRow{pl.insert, pl.update} {
		for _, r := range rs {
			ipc = append(ipc, r.ipc...)
			owners = append(owners, r.owners...)
		}
	}
	return ipc, owners
}

// appNos returns the distinct application numbers of rows.
func appNos(rows []*patentRow) []string {
	out := make([]string, 0, len(rows))
	seen := make(map[string]bool, len(rows))
	for _, r := range rows {
		if !seen[r.appNo] {
			seen[r.appNo] = true
			out = append(out, r.appNo)
		}
	}
	return out
}

// updatedPatentColumns are the columns an update overwrites: all but the id,
// the application number and created_at.
func updatedPatentColumns() []string {
	var out []string
	for _, c := range patentColumns {
		if c != "id" && c != "app_no" && c != "created_at" {
			out = append(out, c)
		}
	}
	return out
}
