package search

import (
	"context"

	"patentbridge"
)

// tailBatch is how many change-table entries tail reads at a time.
const tailBatch = 1000

// tail applies every change after the recorded seq: a patent inserted or updated
// is read again and replaced, a deleted or vanished one is removed. The seq is
// recorded after each applied batch, so a restart resumes where it stopped.
func (x *Indexer) tail(ctx context.Context) error {
	st := x.current()
	for {
		cs, err := x.store.PatentChangesSince(ctx, st.Seq, tailBatch)
		if err != nil || len(cs) == 0 {
			return err
		}
		last := map[string]string{} // app_no -> last op of the batch
		var order []string
		for _, c := range cs {
			if _, seen := last[c.AppNo]; !seen {
				order = append(order, c.AppNo)
			}
			last[c.AppNo] = c.Op
		}
		var docs []Doc
		var gone []string
		for _, appNo := range order {
			if last[appNo] == "delete" {
				gone = append(gone, appNo)
				continue
			}
			p, t, err := x.store.FindPatentTagged(ctx, st.RunID, appNo)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				gone = append(gone, appNo)
				continue
			} else if err != nil {
				return err
			}
			docs = append(docs, DocFromPatent(p, x.ref, ExtraFromTags(t, x.ref)))
		}
		if err := x.ix.Put(docs); err != nil {
			return err
		}
		if err := x.ix.Delete(gone); err != nil {
			return err
		}
		st.Seq = cs[len(cs)-1].Seq
		if err := x.setState(st); err != nil {
			return err
		}
		if len(cs) < tailBatch {
			return nil
		}
	}
}
