package search

import (
	"slices"
)

// A doc that fails to index is skipped: logged at WARN with the patent and the
// reason, recorded in the index's state (Indexer.Status counts them) and passed
// over — the tail's checkpoint moves past it, so no restart tries it again. A
// later change of the patent, or a rebuild, tries it again.

// maxSkippedListed is how many skipped docs the state lists; beyond it they are
// only counted.
const maxSkippedListed = 1000

// maxReasonBytes caps a skipped doc's recorded reason.
const maxReasonBytes = 300

// skippedDoc is a doc that failed to index, with why.
type skippedDoc struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// skipping returns st with docs recorded as skipped (a copy: states share no slices).
func (st indexState) skipping(docs []skippedDoc) indexState {
	if len(docs) == 0 {
		return st
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	st = st.unskipping(ids)
	for _, d := range docs {
		if len(st.Skipped) >= maxSkippedListed {
			st.SkippedMore++
			continue
		}
		cutString(&d.Reason, maxReasonBytes)
		st.Skipped = append(st.Skipped, d)
	}
	return st
}

// unskipping returns st without ids among its skipped docs (they were indexed
// or deleted since).
func (st indexState) unskipping(ids []string) indexState {
	if len(st.Skipped) == 0 || len(ids) == 0 {
		return st
	}
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	st.Skipped = slices.DeleteFunc(slices.Clone(st.Skipped), func(d skippedDoc) bool { return set[d.ID] })
	return st
}

// putSkipping indexes docs into ix in one batch; when the batch fails, each doc
// is indexed alone and those that still fail are returned to be skipped (and
// logged). When every doc failed and ix cannot even count its docs, the index
// is at fault, not the docs: the error is returned and nothing is skipped.
func (x *Indexer) putSkipping(ix *Index, docs []Doc) ([]skippedDoc, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	put := func(docs []Doc) error {
		if err := x.failing(docs); err != nil {
			return err
		}
		return ix.Put(docs)
	}
	err := put(docs)
	if err == nil {
		return nil, nil
	}
	var skipped []skippedDoc
	if len(docs) == 1 {
		skipped = []skippedDoc{{ID: docs[0].ID, Reason: err.Error()}}
	} else {
		for _, d := range docs {
			if err := put([]Doc{d}); err != nil {
				skipped = append(skipped, skippedDoc{ID: d.ID, Reason: err.Error()})
			}
		}
	}
	if len(skipped) == len(docs) {
		if _, cerr := ix.Count(); cerr != nil {
			ix.fault(err) // the next Sync checks the index
			return nil, err
		}
	}
	x.logSkipped(skipped)
	return skipped, nil
}

func (x *Indexer) logSkipped(docs []skippedDoc) {
	for _, d := range docs {
		x.log.Warn("search index: a patent failed to index and is skipped", "app_no", d.ID, "reason", d.Reason)
	}
}

// failing returns the test hook's error for the first doc it fails, nil in production.
func (x *Indexer) failing(docs []Doc) error {
	if x.failDoc == nil {
		return nil
	}
	for _, d := range docs {
		if err := x.failDoc(d); err != nil {
			return err
		}
	}
	return nil
}
