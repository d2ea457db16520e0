package search

import (
	"context"

	"patentbridge"
)

// tailBatch is how many change-table entries tail reads at a time.
const tailBatch = 1000

// tail applies every change after the recorded seq: a patent inserted or updated
// is read again and replaced, a deleted or vanished one is removed, one that
// fails to index is skipped (putSkipping). The seq is recorded after each
// applied batch, so a restart resumes where it stopped — past skipped docs.
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
		var gone, put []string
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
			docs = append(docs, x.docOf(p, t))
			put = append(put, appNo)
		}
		if st, err = x.markWriting(st); err != nil {
			return err
		}
		skipped, err := x.putSkipping(x.ix, docs)
		if err != nil {
			return err
		}
		if err := x.ix.Delete(gone); err != nil {
			x.ix.fault(err) // the next Sync checks the index
			return err
		}
		st = st.unskipping(append(put, gone...)).skipping(skipped)
		st.Seq = cs[len(cs)-1].Seq
		if err := x.setCounted(st); err != nil {
			return err
		}
		if len(cs) < tailBatch {
			return nil
		}
	}
}

// docOf makes a patent's doc; one cut to the index's caps is logged.
func (x *Indexer) docOf(p *patentbridge.Patent, t patentbridge.PatentTags) Doc {
	d := DocFromPatent(p, x.ref, ExtraFromTags(t, x.ref))
	before := docBytes(&d)
	if prepareDoc(&d) {
		x.log.Warn("search index: a patent's text is over the index's caps and is indexed cut",
			"app_no", d.ID, "bytes", before, "indexed_bytes", docBytes(&d))
	}
	return d
}

// markWriting records, on disk, that a batch is being applied: an index that
// stops mid-batch may hold other docs than its state counts (openVerified).
func (x *Indexer) markWriting(st indexState) (indexState, error) {
	if x.ix.path == "" || st.Writing {
		return st, nil
	}
	st.Writing = true
	return st, x.setState(st)
}

// setCounted records st, no longer writing, with the index's doc count.
func (x *Indexer) setCounted(st indexState) error {
	n, err := x.ix.Count()
	if err != nil {
		return err
	}
	st.Docs, st.Writing = int(n), false
	return x.setState(st)
}
