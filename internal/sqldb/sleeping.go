package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"patentbridge"
)

// ListSleeping returns one page of a run's sleeping patents (latest finished run
// by default) — or, with f.Excluded, of the patents excluded only through a
// declaration (see excludedDecl) — and their total, ordered by grade, score
// (best first) and application number. Returns EINVALID, ENOTFOUND (no run).
func (db *DB) ListSleeping(ctx context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, int, error) {
	if f.Offset < 0 {
		return nil, 0, patentbridge.FieldErrorf("offset", "偏移量不能为负数")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultListLimit
	}
	limit = min(limit, MaxListLimit)
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list sleeping patents: %w", err)
	}
	defer tx.Rollback()
	run, err := db.findRun(ctx, tx, f.RunID)
	if err != nil {
		return nil, 0, err
	}
	count := db.dialect.newQuery().add("SELECT COUNT(*)" + sleepingFrom)
	if err := db.sleepingWhere(count, run.ID, f); err != nil {
		return nil, 0, err
	}
	var total int
	if err := tx.QueryRowContext(ctx, count.String(), count.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqldb: count sleeping patents: %w", err)
	}
	page := db.dialect.newQuery().add("SELECT r.patent_id" + sleepingFrom)
	db.sleepingWhere(page, run.ID, f)
	page.add(" ORDER BY COALESCE(s.grade, ''), COALESCE(s.score, 0) DESC, p.app_no LIMIT ? OFFSET ?", limit, f.Offset)
	ids, err := queryIDs(ctx, tx, page)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list sleeping patents: %w", err)
	}
	items, err := db.sleepingItems(ctx, tx, run, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list sleeping patents: %w", err)
	}
	return items, total, nil
}

// sleepingFrom joins a run's results with their scores and patents.
const sleepingFrom = resultFrom + " JOIN patents p ON p.id = r.patent_id"

// sleepingWhere appends the WHERE clause of a run's listed results under f.
func (db *DB) sleepingWhere(q *query, runID int64, f patentbridge.SleepingFilter) error {
	q.add(" WHERE r.run_id = ?", runID)
	if f.Excluded {
		q.add(" AND r.sleeping = 0 AND r.excluded_decl IN (?, ?)", exclByImplemented, exclByReason)
	} else {
		q.add(" AND r.sleeping = 1")
	}
	tag := func(pattern string) { q.add(" AND r.tags LIKE ? ESCAPE '\\'", pattern) }
	if f.System != "" || f.Industry != "" {
		prefix, ok := systemTags[f.System]
		if !ok {
			return patentbridge.FieldErrorf("system", "未知的产业体系 %q（可选：%s）", patentbridge.ClipValue(f.System), patentbridge.SystemChoices())
		}
		if f.Industry != "" {
			tag(likeTag(prefix + f.Industry))
		} else {
			tag("%|" + escapeLike(prefix) + "%")
		}
	}
	if sei := strings.TrimSpace(f.SEI); sei != "" {
		tag(likeTag("sei:" + sei))
	}
	if f.Flag != "" {
		tag(likeTag("f:" + f.Flag))
	}
	if f.Grade != "" {
		if !slices.Contains([]string{"A", "B", "C", "D"}, f.Grade) {
			return patentbridge.FieldErrorf("grade", "等级应为 A、B、C 或 D")
		}
		q.add(" AND s.grade = ?", f.Grade)
	}
	// A listed result's city is its qualifying owner's (tag c:); results of
	// runs from before they kept one fall back on the patent's city.
	switch city := strings.TrimSpace(f.City); {
	case len(city) == 4:
		q.add(" AND (r.tags LIKE ? ESCAPE '\\' OR (r.tags NOT LIKE ? AND p.city_code = ?))", likeTag(cityTag+city), "%|"+cityTag+"%", city)
	case len(city) < 4 && city != "":
		q.add(" AND (r.tags LIKE ? ESCAPE '\\' OR (r.tags NOT LIKE ? AND p.region_code LIKE ? ESCAPE '\\'))",
			"%|"+escapeLike(cityTag+city)+"%", "%|"+cityTag+"%", escapeLike(city)+"%")
	case city != "":
		// a district: the patents of its city whose address is in it
		q.add(" AND (r.tags LIKE ? ESCAPE '\\' OR r.tags NOT LIKE ?) AND p.region_code LIKE ? ESCAPE '\\'",
			likeTag(cityTag+city[:4]), "%|"+cityTag+"%", escapeLike(city)+"%")
	}
	if f.Kind != "" {
		q.add(" AND p.kind = ?", string(f.Kind))
	}
	if f.GrantYear != 0 {
		q.add(" AND p.grant_date >= ? AND p.grant_date < ?", fmt.Sprintf("%04d-01-01", f.GrantYear), fmt.Sprintf("%04d-01-01", f.GrantYear+1))
	}
	if f.IPCPrefix != "" {
		lo, hi, err := ipcRange(f.IPCPrefix)
		if err != nil {
			return err
		}
		q.add(" AND r.patent_id IN (SELECT patent_id FROM patent_ipc WHERE code >= ? AND code < ?)", lo, hi)
	}
	if f.OrgID != 0 {
		q.add(" AND r.patent_id IN (SELECT patent_id FROM patent_owners WHERE org_id IN (SELECT id FROM organizations WHERE id = ? OR parent_id = ?))",
			f.OrgID, f.OrgID)
	}
	if inst := strings.TrimSpace(f.Institution); inst != "" {
		q.add(" AND r.patent_id IN (SELECT patent_id FROM patent_owners WHERE name "+db.dialect.like+" ? ESCAPE '\\')",
			"%"+escapeLike(patentbridge.NormalizeOrgName(inst))+"%")
	}
	return nil
}

// likeTag returns a LIKE pattern matching one whole tag of a tags column.
func likeTag(tag string) string { return "%|" + escapeLike(tag) + "|%" }

// CountSleeping counts a run's filtered sleeping (or excluded) patents by grade
// ("A"…"D"), by industry ("sichuan_5_1:电子信息", "advantage_6:…",
// "agri_10_3:川茶") and by city ("city:5101", the city of the owner that
// qualified each patent). Returns EINVALID, ENOTFOUND (no run).
func (db *DB) CountSleeping(ctx context.Context, f patentbridge.SleepingFilter) (map[string]int, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count sleeping patents: %w", err)
	}
	defer tx.Rollback()
	run, err := db.findRun(ctx, tx, f.RunID)
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT COALESCE(s.grade, ''), r.tags, p.city_code" + sleepingFrom)
	if err := db.sleepingWhere(q, run.ID, f); err != nil {
		return nil, err
	}
	rs, err := tx.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count sleeping patents: %w", err)
	}
	defer rs.Close()
	systems := map[string]string{}
	for sys, prefix := range systemTags {
		systems[prefix] = sys + ":"
	}
	out := map[string]int{}
	for rs.Next() {
		var grade, tags, city string
		if err := rs.Scan(&grade, &tags, &city); err != nil {
			return nil, fmt.Errorf("sqldb: count sleeping patents: %w", err)
		}
		if grade != "" {
			out[grade]++
		}
		if c := tagCity(tags); c != "" {
			out["city:"+c]++
		} else if city != "" && !strings.Contains(tags, "|"+cityTag) {
			out["city:"+city]++
		}
		for t := range strings.SplitSeq(strings.Trim(tags, "|"), "|") {
			if i := strings.IndexByte(t, ':'); i > 0 {
				if sys, ok := systems[t[:i+1]]; ok {
					out[sys+t[i+1:]]++
				}
			}
		}
	}
	return out, rs.Err()
}
