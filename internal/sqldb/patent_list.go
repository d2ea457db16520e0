package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

// List page sizes.
const (
	DefaultListLimit = 50
	MaxListLimit     = 10000
)

// patentSorts maps PatentFilter.Sort keys to columns; unknown (empty) dates sort
// last in both directions, and app_no breaks ties so pages are stable.
var patentSorts = map[string]string{
	"app_date":   "app_date",
	"grant_date": "grant_date",
	"title":      "title",
	"app_no":     "app_no",
}

// ListPatents returns one page of the patents that match the filter and the total
// count. The default order is newest application first. Returns EINVALID for a
// bad sort key, a negative offset or a malformed filter value.
func (db *DB) ListPatents(ctx context.Context, f patentbridge.PatentFilter) ([]*patentbridge.Patent, int, error) {
	order, err := patentOrder(f.Sort)
	if err != nil {
		return nil, 0, err
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}

	count := db.dialect.newQuery().add("SELECT COUNT(*) FROM patents p WHERE 1 = 1")
	if err := db.filterPatents(count, f); err != nil {
		return nil, 0, err
	}
	list := db.dialect.newQuery().add("SELECT " + readColumns + " FROM patents p WHERE 1 = 1")
	db.filterPatents(list, f)
	list.add(" ORDER BY "+order+" LIMIT ? OFFSET ?", limit, f.Offset)

	return listPage(ctx, db, "patents", count, list, scanPatent)
}

// patentOrder turns a sort key ("-grant_date") into an ORDER BY list.
func patentOrder(key string) (string, error) {
	if key == "" {
		key = "-app_date"
	}
	desc := strings.HasPrefix(key, "-")
	col, ok := patentSorts[strings.TrimPrefix(key, "-")]
	if !ok {
		return "", patentbridge.FieldErrorf("sort", "不支持的排序方式 %q（可按申请日、授权日、专利名称或申请号排序，正序或倒序）", patentbridge.ClipValue(key))
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	order := col + dir
	if strings.HasSuffix(col, "_date") && !desc {
		// Unknown ('') dates sort last; descending they already do, which lets the
		// default newest-first order walk the date index instead of sorting.
		order = "(" + col + " = '') ASC, " + order
	}
	if col != "app_no" {
		order += ", app_no" + dir
	}
	return order, nil
}

// filterPatents appends one AND condition per set filter field.
func (db *DB) filterPatents(q *query, f patentbridge.PatentFilter) error {
	if f.Kind != "" {
		q.add(" AND p.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		q.add(" AND p.status = ?", string(f.Status))
	}
	if f.City != "" {
		q.add(" AND p.city_code = ?", f.City)
	}
	if f.OwnerType != "" {
		q.add(" AND p.id IN (SELECT patent_id FROM patent_owners WHERE type = ?)", string(f.OwnerType))
	}
	if f.OrgID != 0 {
		q.add(" AND p.id IN (SELECT patent_id FROM patent_owners WHERE org_id IN (SELECT id FROM organizations WHERE id = ? OR parent_id = ?))",
			f.OrgID, f.OrgID)
	}
	if owner := strings.TrimSpace(f.Owner); owner != "" {
		q.add(" AND p.id IN (SELECT patent_id FROM patent_owners WHERE name "+
			db.dialect.like+" ? ESCAPE '\\')", "%"+escapeLike(patentbridge.NormalizeOrgName(owner))+"%")
	}
	if f.IPCPrefix != "" {
		lo, hi, err := ipcRange(f.IPCPrefix)
		if err != nil {
			return err
		}
		q.add(" AND p.id IN (SELECT patent_id FROM patent_ipc WHERE code >= ? AND code < ?)", lo, hi)
	}
	if f.GrantYearFrom != 0 {
		q.add(" AND p.grant_date >= ?", fmt.Sprintf("%04d-01-01", f.GrantYearFrom))
	}
	if f.GrantYearTo != 0 {
		q.add(" AND p.grant_date <> '' AND p.grant_date < ?", fmt.Sprintf("%04d-01-01", f.GrantYearTo+1))
	}
	return nil
}

// ipcRange turns an IPC prefix into a half-open range of codes that an ordinary
// index serves in both dialects. A prefix below the subclass level names a main
// group, so "G06F16" matches G06F16/… but not G06F160/….
func ipcRange(prefix string) (lo, hi string, err error) {
	p := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(prefix), " ", ""))
	base := strings.TrimSuffix(p, "/")
	if n, err := patentbridge.NormalizeIPC(base); err == nil {
		p = n
	} else if isGroupPrefix(base) {
		p = base
	} else {
		return "", "", patentbridge.FieldErrorf("ipc", "IPC分类号前缀 %q 格式不正确（应如 H01M、G06F16）", prefix)
	}
	if len(p) > 4 && !strings.Contains(p, "/") {
		p += "/"
	}
	return p, p[:len(p)-1] + string(rune(p[len(p)-1]+1)), nil
}

// isGroupPrefix reports whether p is a subclass followed by main-group digits
// ("G06F16"), which NormalizeIPC alone does not accept.
func isGroupPrefix(p string) bool {
	if len(p) <= 4 {
		return false
	}
	if _, err := patentbridge.NormalizeIPC(p[:4]); err != nil {
		return false
	}
	_, err := strconv.Atoi(p[4:])
	return err == nil && !strings.HasPrefix(p[4:], "-")
}

// escapeLike escapes LIKE wildcards with a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
