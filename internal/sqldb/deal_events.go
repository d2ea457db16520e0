package sqldb

import (
	"context"
	"fmt"
	"log/slog"

	"patentbridge"
)

// eventDealPage is how many patents with transfers or licences
// RecordEventDeals reads between two advances of its cursor.
const eventDealPage = 500

// RecordEventDeals records, as the platform, the deals of the legal events
// (patentbridge.EventDeals) of every patent with a transfer or a licence
// written since it last ran (it keeps its place in the patent_changes outbox
// in deal_event_cursor, so an import run from the command line, the web or a
// resumed job is caught up by whoever runs it next, and the first run covers
// the patents imported before), each through RecordDeal with source
// "legal_event": one already stored by another path (a form, a deal file, a
// platform licence with its 备案号) gains the event as a source, and an event
// read before adds nothing, so re-running it, or re-importing the same
// export, adds no deal. A deal the service refuses (a party type the deal
// template does not admit, a date after today or before the patent's
// application date) is skipped and counted.
// Returns EFORBIDDEN for anyone but the platform.
func (db *DB) RecordEventDeals(ctx context.Context) (patentbridge.EventDealSummary, error) {
	var sum patentbridge.EventDealSummary
	if !patentbridge.IsPlatform(ctx) {
		return sum, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：法律事件的交易只由平台在导入后登记")
	}
	if err := db.read.QueryRowContext(ctx, "SELECT seq FROM deal_event_cursor WHERE id = 1").Scan(&sum.LastSeq); err != nil {
		return sum, fmt.Errorf("sqldb: deal event cursor: %w", err)
	}
	last, err := db.LastPatentChangeSeq(ctx)
	if err != nil {
		return sum, err
	}
	seen := map[string]bool{}
	for {
		type change struct {
			seq   int64
			appNo string
		}
		var cs []change
		q := db.dialect.newQuery().add(`SELECT c.seq, c.app_no FROM patent_changes c JOIN patents p ON p.app_no = c.app_no
			WHERE c.seq > ? AND c.seq <= ? AND c.op <> 'delete'
			AND (p.events LIKE '%"type":"transfer"%' OR p.events LIKE '%"type":"licence"%') ORDER BY c.seq LIMIT ?`,
			sum.LastSeq, last, eventDealPage)
		err := eachRow(ctx, db.read, q, func(s scanner) error {
			var c change
			err := s.Scan(&c.seq, &c.appNo)
			cs = append(cs, c)
			return err
		})
		if err != nil {
			return sum, fmt.Errorf("sqldb: patents with deal events: %w", err)
		}
		for _, c := range cs {
			if seen[c.appNo] {
				continue
			}
			seen[c.appNo] = true
			if err := db.recordPatentEventDeals(ctx, c.appNo, &sum); err != nil {
				return sum, err
			}
		}
		upTo := last
		if len(cs) == eventDealPage {
			upTo = cs[len(cs)-1].seq
		}
		if err := db.WithTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, tx.q().add("UPDATE deal_event_cursor SET seq = ? WHERE id = 1 AND seq < ?", upTo, upTo))
			return err
		}); err != nil {
			return sum, fmt.Errorf("sqldb: advance deal event cursor: %w", err)
		}
		sum.LastSeq = upTo
		if upTo == last {
			return sum, nil
		}
	}
}

// recordPatentEventDeals records the deals of one patent's legal events.
func (db *DB) recordPatentEventDeals(ctx context.Context, appNo string, sum *patentbridge.EventDealSummary) error {
	p, err := db.FindPatent(ctx, appNo)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	sum.Patents++
	for _, d := range patentbridge.EventDeals(p) {
		merged, err := db.RecordDeal(ctx, d, patentbridge.DealSource{Source: patentbridge.DealFromLegalEvent})
		switch code := patentbridge.ErrorCode(err); {
		case code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN:
			sum.Skipped++
			slog.DebugContext(ctx, "legal event deal skipped", "app_no", p.AppNo, "err", err)
		case err != nil:
			return err
		case merged:
			sum.Merged++
		default:
			sum.New++
		}
	}
	return nil
}
