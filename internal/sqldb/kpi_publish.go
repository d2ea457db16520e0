package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"patentbridge"
)

// kpiPublication is what the public ledger records of a year's published
// figures: each area's value of each indicator, the areas being the province
// (510000), the 21 市(州) and the records of no known city
// (patentbridge.KPIUnassigned), so that the published cities and unassigned
// add up to the province. A publication made before the unassigned row was
// published lacks it; it is kept, and verified, as it was.
type kpiPublication struct {
	Year  int                           `json:"year"`
	Areas map[string]map[string]float64 `json:"areas"` // area code -> indicator id -> value
}

// newKPIPublication takes the figures of a report.
func newKPIPublication(r *patentbridge.KPIReport) kpiPublication {
	p := kpiPublication{Year: r.Year, Areas: map[string]map[string]float64{}}
	areas := append([]patentbridge.KPIArea{r.Province}, r.Cities...)
	for _, a := range append(areas, r.Unassigned) {
		vs := map[string]float64{}
		for _, v := range a.Indicators {
			vs[v.ID] = v.Value
		}
		p.Areas[a.Code] = vs
	}
	return p
}

// kpiPublicationObject names a publication in the audit log and the ledger.
func kpiPublicationObject(id int64) string { return "kpi_report:" + strconv.FormatInt(id, 10) }

// PublishKPIReport computes the year's figures and appends them to the public
// ledger as "kpi.publish", keeping what was published (a later record changes
// the figures, never what was published); admin only, audited. Publishing
// again appends the figures of the day when they differ from the year's
// latest publication (the same figures again are refused, ECONFLICT); a year
// not yet begun is refused. Returns the ledger index. Returns EINVALID,
// ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) PublishKPIReport(ctx context.Context, year int) (int64, error) {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.AdminOnly(u, "公示年度绩效评价结果"); err != nil {
		return 0, err
	}
	if now := db.now().In(patentbridge.Beijing).Year(); year > now {
		return 0, patentbridge.FieldErrorf("year", "%d 年尚未到来，不能公示其绩效评价结果（公共账本只增不改）", year)
	}
	rep, err := db.KPIReport(ctx, year)
	if err != nil {
		return 0, err
	}
	return db.appendKPIPublication(ctx, u, newKPIPublication(rep))
}

// appendKPIPublication keeps pub and appends it to the ledger in one
// audited transaction, unless it repeats the year's latest publication.
// Returns the ledger index. Returns ECONFLICT.
func (db *DB) appendKPIPublication(ctx context.Context, u *patentbridge.User, pub kpiPublication) (int64, error) {
	year := pub.Year
	figures, err := json.Marshal(pub)
	if err != nil {
		return 0, err
	}
	var idx int64
	err = db.WithTx(ctx, func(tx *Tx) error {
		if q := tx.db.dialect.lockLedger; q != "" { // two publications at once: the second sees the first
			if _, err := tx.exec(ctx, tx.q().add(q)); err != nil {
				return fmt.Errorf("sqldb: lock ledger: %w", err)
			}
		}
		if err := sameAsLatest(ctx, tx, pub); err != nil {
			return err
		}
		var id int64
		q := tx.q().add(`INSERT INTO kpi_publications (year, figures, published_by, published_at, ledger_index)
			VALUES (?, ?, ?, ?, 0) RETURNING id`, year, string(figures), u.ID, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&id); err != nil {
			return fmt.Errorf("sqldb: publish kpi report: %w", err)
		}
		if idx, err = tx.appendLedger(ctx, "kpi.publish", kpiPublicationObject(id), pub); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, tx.q().add("UPDATE kpi_publications SET ledger_index = ? WHERE id = ?", idx, id)); err != nil {
			return fmt.Errorf("sqldb: publish kpi report: %w", err)
		}
		return tx.audit(ctx, "kpi.publish", kpiPublicationObject(id), nil, map[string]any{"year": year, "ledger_index": idx})
	})
	return idx, err
}

// sameAsLatest refuses pub when its figures are those of the latest
// publication of its year, naming that publication's ledger entry and day.
// Returns ECONFLICT.
func sameAsLatest(ctx context.Context, tx *Tx, pub kpiPublication) error {
	var figures, at string
	var idx int64
	q := tx.q().add(`SELECT figures, published_at, ledger_index FROM kpi_publications WHERE year = ?
		ORDER BY id DESC LIMIT 1`, pub.Year)
	err := tx.queryRow(ctx, q).Scan(&figures, &at, &idx)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqldb: latest kpi publication: %w", err)
	}
	var last kpiPublication
	if err := json.Unmarshal([]byte(figures), &last); err != nil {
		return fmt.Errorf("sqldb: latest kpi publication: %w", err)
	}
	if !reflect.DeepEqual(last, pub) {
		return nil
	}
	day := at
	if t, err := parseTime(at); err == nil {
		day = patentbridge.FormatDay(t)
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT,
		"%d 年度绩效评价结果已于 %s 公示（公共账本第 %d 条），此后指标未有变化，无需重复公示", pub.Year, day, idx)
}

// findKPIPublication returns what a publication put on the ledger. Returns ENOTFOUND.
func (db *DB) findKPIPublication(ctx context.Context, id int64) (kpiPublication, error) {
	var p kpiPublication
	var figures string
	q := db.dialect.newQuery().add("SELECT figures FROM kpi_publications WHERE id = ?", id)
	err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&figures)
	if isNoRows(err) {
		return p, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到绩效评价公示 %d", id)
	}
	if err == nil {
		err = json.Unmarshal([]byte(figures), &p)
	}
	return p, err
}
