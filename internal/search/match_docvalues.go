package search

import "fmt"

// docTerms returns the indexed terms of keyword fields (ipc, grade, city, …) for
// each doc ID, read from the index's doc values (these fields are not stored).
func (ix *Index) docTerms(ids []string, fields ...string) (map[string]map[string][]string, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: doc values: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: doc values: %w", err)
	}
	defer r.Close()
	dvr, err := r.DocValueReader(fields)
	if err != nil {
		return nil, fmt.Errorf("search: doc values: %w", err)
	}
	out := make(map[string]map[string][]string, len(ids))
	for _, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil || iid == nil {
			continue
		}
		t := map[string][]string{}
		err = dvr.VisitDocValues(iid, func(field string, term []byte) {
			t[field] = append(t[field], string(term))
		})
		if err != nil {
			return nil, fmt.Errorf("search: doc values of %s: %w", id, err)
		}
		out[id] = t
	}
	return out, nil
}
