package sqldb

import (
	"context"
	"log/slog"

	"patentbridge"
)

// RecordEventDeals records, as the platform, the deals of the legal events
// (patentbridge.EventDeals) of every patent written after the patent-change
// sequence number afterSeq (an import's patents: the import command notes
// LastPatentChangeSeq before it runs), each through RecordDeal with source
// "legal_event": one already stored by another path (a form, a deal file, a
// platform licence with its 备案号) gains the event as a source, and an event
// read before adds nothing, so re-running it, or re-importing the same
// export, adds no deal. A deal the service refuses (a party type the deal
// template does not admit, a date after today) is skipped and counted.
func (db *DB) RecordEventDeals(ctx context.Context, afterSeq int64) (patentbridge.EventDealSummary, error) {
	sum := patentbridge.EventDealSummary{LastSeq: afterSeq}
	if !patentbridge.IsPlatform(ctx) {
		return sum, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：法律事件的交易只由平台在导入后登记")
	}
	seen := map[string]bool{}
	for {
		cs, err := db.PatentChanges(ctx, sum.LastSeq, MaxListLimit)
		if err != nil || len(cs) == 0 {
			return sum, err
		}
		for _, c := range cs {
			sum.LastSeq = c.Seq
			if c.Op == "delete" || seen[c.AppNo] {
				continue
			}
			seen[c.AppNo] = true
			p, err := db.FindPatent(ctx, c.AppNo)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				continue
			} else if err != nil {
				return sum, err
			}
			sum.Patents++
			for _, d := range patentbridge.EventDeals(p) {
				merged, err := db.RecordDeal(ctx, d, patentbridge.DealSource{Source: patentbridge.DealFromLegalEvent})
				switch code := patentbridge.ErrorCode(err); {
				case code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN:
					sum.Skipped++
					slog.DebugContext(ctx, "legal event deal skipped", "app_no", p.AppNo, "err", err)
				case err != nil:
					return sum, err
				case merged:
					sum.Merged++
				default:
					sum.New++
				}
			}
		}
	}
}
