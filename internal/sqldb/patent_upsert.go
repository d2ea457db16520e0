package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
		r, err := encodePatent(p, now)
		if err != nil {
			return patentbridge.UpsertResult{}, fmt.Errorf("sqldb: encode patent %s: %w", p.AppNo, err)
		}
		rows[i] = r
	}
	res, err := db.dialect.bulkUpsert(db).upsert(ctx, rows)
	if err != nil {
		return patentbridge.UpsertResult{}, fmt.Errorf("sqldb: upsert %d patents: %w", len(ps), err)
	}
	return res, nil
}

// upsertPlan is what a batch must write, given the hashes already stored.
type upsertPlan struct {
	result  patentbridge.UpsertResult
	write   []*patentRow // the last version of each new or changed patent
	ops     []string     // "insert" or "update", parallel to write
	updated []string     // application numbers whose child rows must be replaced
}

// planUpsert compares each row with the stored hash, in batch order, so that a
// patent listed twice counts as inserted then updated (or unchanged).
func planUpsert(rows []*patentRow, stored map[string]string) upsertPlan {
	var pl upsertPlan
	current := make(map[string]string, len(rows))
	last := make(map[string]*patentRow, len(rows))
	for _, r := range rows {
		h, ok := current[r.appNo]
		if !ok {
			h, ok = stored[r.appNo]
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
		pl.write = append(pl.write, r)
		if _, ok := stored[r.appNo]; ok {
			pl.ops = append(pl.ops, "update")
			pl.updated = append(pl.updated, r.appNo)
		} else {
			pl.ops = append(pl.ops, "insert")
		}
	}
	return pl
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

// upsertPatentSQL is the statement that inserts patents from values (a VALUES
// list or a SELECT) or overwrites every column but created_at; both dialects
// accept it.
func upsertPatentSQL(values string) string {
	return "INSERT INTO patents (" + strings.Join(patentColumns, ", ") + ") " + values + upsertPatentSet()
}

// upsertPatentSet is the ON CONFLICT clause of upsertPatentSQL.
func upsertPatentSet() string {
	var b strings.Builder
	b.WriteString(" ON CONFLICT (app_no) DO UPDATE SET ")
	first := true
	for _, c := range patentColumns {
		if c == "app_no" || c == "created_at" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(c + " = excluded." + c)
	}
	return b.String()
}
