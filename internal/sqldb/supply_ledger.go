package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// supplyLedgerItem is one patent of a list as the ledger records it.
type supplyLedgerItem struct {
	AppNo string `json:"app_no"`
	Title string `json:"title"`
}

// supplyLedgerData is the public content of a list's publication or withdrawal.
type supplyLedgerData struct {
	Number         string             `json:"number"` // "2026年第3期"
	Title          string             `json:"title"`
	Issuer         string             `json:"issuer"` // the series: "51" (the province) or a city's code
	Year           int                `json:"year"`
	Seq            int                `json:"seq"`
	Items          []supplyLedgerItem `json:"items"`
	PublishedAt    string             `json:"published_at"`
	WithdrawnAt    string             `json:"withdrawn_at,omitempty"`
	WithdrawReason string             `json:"withdraw_reason,omitempty"`
}

func newSupplyLedgerData(l *patentbridge.SupplyList, withdrawn bool) supplyLedgerData {
	d := supplyLedgerData{Number: l.NumberLabel(), Title: l.Title, Issuer: l.Issuer(), Year: l.Year, Seq: l.Number,
		Items: make([]supplyLedgerItem, len(l.Items)), PublishedAt: formatTime(l.PublishedAt)}
	for i, it := range l.Items {
		d.Items[i] = supplyLedgerItem{AppNo: it.AppNo, Title: it.Title}
	}
	if withdrawn {
		d.WithdrawnAt, d.WithdrawReason = formatTime(l.WithdrawnAt), l.WithdrawReason
	}
	return d
}

// ledgerSupplyList appends a list's publication (or, withdrawn, its
// withdrawal) to the public ledger and keeps the entry's index on the list.
func (tx *Tx) ledgerSupplyList(ctx context.Context, l *patentbridge.SupplyList, withdrawn bool) error {
	kind, column := "supply_list.publish", "ledger_index"
	if withdrawn {
		kind, column = "supply_list.withdraw", "withdraw_ledger_index"
	}
	idx, err := tx.appendLedger(ctx, kind, supplyObject(l.ID), newSupplyLedgerData(l, withdrawn))
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, tx.q().add("UPDATE supply_lists SET "+column+" = ? WHERE id = ?", idx, l.ID)); err != nil {
		return fmt.Errorf("sqldb: supply list ledger index: %w", err)
	}
	if withdrawn {
		l.WithdrawLedgerIndex = &idx
	} else {
		l.LedgerIndex = &idx
	}
	return nil
}

// BackfillSupplyLedger appends, in one transaction, the lists published (and
// withdrawn) before the ledger existed: publications in their publication
// order, then withdrawals in theirs. A list already in the ledger is left
// alone, so a second call appends nothing. Returns how many entries it appended.
func (db *DB) BackfillSupplyLedger(ctx context.Context) (int, error) {
	var n int
	err := db.WithTx(ctx, func(tx *Tx) error {
		n = 0
		if q := tx.db.dialect.lockLedger; q != "" { // two processes starting at once append once
			if _, err := tx.exec(ctx, tx.q().add(q)); err != nil {
				return fmt.Errorf("sqldb: lock ledger: %w", err)
			}
		}
		for _, step := range []struct {
			where, order string
			withdrawn    bool
		}{
			{"status <> ? AND ledger_index IS NULL", "published_at, id", false},
			{"status = ? AND withdraw_ledger_index IS NULL", "withdrawn_at, id", true},
		} {
			status := patentbridge.ListDraft
			if step.withdrawn {
				status = patentbridge.ListWithdrawn
			}
			lists, err := tx.supplyListsWhere(ctx, step.where+" ORDER BY "+step.order, status)
			if err != nil {
				return err
			}
			for _, l := range lists {
				if err := tx.ledgerSupplyList(ctx, l, step.withdrawn); err != nil {
					return err
				}
				n++
			}
		}
		if n == 0 {
			return nil
		}
		return tx.audit(ctx, "ledger.backfill", "ledger", nil, map[string]int{"supply_list_entries": n})
	})
	return n, err
}

// supplyListsWhere reads the lists matching where inside the transaction.
func (tx *Tx) supplyListsWhere(ctx context.Context, where string, args ...any) ([]*patentbridge.SupplyList, error) {
	rs, err := tx.query(ctx, tx.q().add("SELECT "+supplyColumns+" FROM supply_lists WHERE "+where, args...))
	if err != nil {
		return nil, fmt.Errorf("sqldb: supply lists: %w", err)
	}
	defer rs.Close()
	var out []*patentbridge.SupplyList
	for rs.Next() {
		l, err := scanSupplyList(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: supply lists: %w", err)
		}
		out = append(out, l)
	}
	return out, rs.Err()
}
