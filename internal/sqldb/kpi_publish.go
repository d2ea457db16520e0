package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"patentbridge"
)

// kpiPublication is what the public ledger records of a year's published
// figures: each area's value of each indicator.
type kpiPublication struct {
	Year  int                           `json:"year"`
	Areas map[string]map[string]float64 `json:"areas"` // area code -> indicator id -> value
}

// newKPIPublication takes the figures of a report.
func newKPIPublication(r *patentbridge.KPIReport) kpiPublication {
	p := kpiPublication{Year: r.Year, Areas: map[string]map[string]float64{}}
	for _, a := range append([]patentbridge.KPIArea{r.Province}, r.Cities...) {
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
// again appends the figures of the day; a year not yet begun is refused.
// Returns the ledger index. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
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
	pub := newKPIPublication(rep)
	figures, err := json.Marshal(pub)
	if err != nil {
		return 0, err
	}
	var idx int64
	err = db.WithTx(ctx, func(tx *Tx) error {
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
