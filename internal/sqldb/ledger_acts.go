package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/ledger"
)

// mutableKeys are record fields a later act may rightly change: titles follow
// the patent records' corrections, names the registry's renamings.
var mutableKeys = []string{"title", "titles", "organization", "licensor", "licensee", "pool"}

// verifyActs compares, for each entry of an act whose record the platform
// still keeps (an announced open licence, a published or withdrawn offer, a
// published pool, a granted licence), the record rebuilt from today's stored
// act with the ledger's, so that a declaration altered in the database after
// its announcement is found. It returns how many acts it compared and a
// problem for each that no longer says what the ledger says.
func (db *DB) verifyActs(ctx context.Context, entries []ledger.StoredEntry) (int, []patentbridge.LedgerProblem, error) {
	var n int
	var problems []patentbridge.LedgerProblem
	for _, e := range entries {
		var rec struct {
			Kind   string          `json:"kind"`
			Object string          `json:"object"`
			At     time.Time       `json:"at"`
			Data   json.RawMessage `json:"data"`
		}
		if json.Unmarshal(e.Record, &rec) != nil {
			continue // the tree check reports a record that is not what was hashed
		}
		now, label, err := db.actRecord(ctx, rec.Kind, rec.Object)
		if err != nil {
			return n, problems, err
		}
		if label == "" {
			continue
		}
		n++
		if keys := differingKeys(rec.Data, now); len(keys) > 0 {
			problems = append(problems, patentbridge.LedgerProblem{Index: e.Index,
				Message: fmt.Sprintf("%s的现存记录与账本记录不一致（%s）：数据库中的内容在公示后被改动", label, strings.Join(keys, "、"))})
		}
	}
	return n, problems, nil
}

// actRecord rebuilds the ledger data of the act kind on object from what is
// stored today, with the act's label; "" for kinds it does not rebuild and
// for acts no longer stored (their absence is the tree's business).
func (db *DB) actRecord(ctx context.Context, kind, object string) (any, string, error) {
	_, idText, _ := strings.Cut(object, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return nil, "", nil
	}
	var data any
	var label string
	switch kind {
	case "open_licence.announce":
		var r openLicenceRow
		if r, err = db.findOpenLicence(ctx, db.read, id); err == nil {
			data, label = announcement(r.ol), fmt.Sprintf("开放许可声明 %d", id)
		}
	case "offer.publish", "offer.withdraw":
		var o *patentbridge.Offer
		if o, err = db.findOffer(ctx, db.read, id); err == nil {
			if kind == "offer.publish" {
				o.WithdrawnAt, o.WithdrawReason = time.Time{}, ""
			}
			data, label = newOfferRecord(o), fmt.Sprintf("报价 %d", id)
		}
	case "pool.publish":
		var p *patentbridge.Pool
		if p, err = db.findPool(ctx, db.read, id); err == nil {
			data, label = poolRecord(p), fmt.Sprintf("专利池 %d", id)
		}
	case "licence.grant", "pool_licence.grant":
		var r licRow
		if r, err = db.findLicence(ctx, db.read, id); err == nil {
			data, label = grantRecord(r.l), fmt.Sprintf("许可 %d", id)
		}
	case "kpi.publish":
		var p kpiPublication
		if p, err = db.findKPIPublication(ctx, id); err == nil {
			data, label = p, fmt.Sprintf("%d 年度绩效评价公示", p.Year)
		}
	default:
		return nil, "", nil
	}
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("sqldb: verify %s: %w", object, err)
	}
	return data, label, nil
}

// differingKeys returns the top-level keys, other than mutableKeys, whose
// values differ between the ledger's data and the rebuilt one.
func differingKeys(stored json.RawMessage, now any) []string {
	b, err := json.Marshal(now)
	if err != nil {
		return []string{"data"}
	}
	var a, c map[string]any
	if json.Unmarshal(stored, &a) != nil || json.Unmarshal(b, &c) != nil {
		return []string{"data"}
	}
	var keys []string
	for k := range a {
		if !slices.Contains(mutableKeys, k) && !reflect.DeepEqual(a[k], c[k]) {
			keys = append(keys, k)
		}
	}
	for k := range c {
		if _, ok := a[k]; !ok && !slices.Contains(mutableKeys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
