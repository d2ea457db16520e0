package ingest

import "patentbridge"

// batch accumulates patents for one upsert; a 申请号 seen twice keeps the last row.
type batch struct {
	size int
	ps   []*patentbridge.Patent
	idx  map[string]int
}

func newBatch(size int) *batch {
	return &batch{size: size, ps: make([]*patentbridge.Patent, 0, size), idx: make(map[string]int, size)}
}

// add puts p in the batch and reports whether the batch is now full.
func (b *batch) add(p *patentbridge.Patent) bool {
	if i, ok := b.idx[p.AppNo]; ok {
		b.ps[i] = p
		return false
	}
	b.idx[p.AppNo] = len(b.ps)
	b.ps = append(b.ps, p)
	return len(b.ps) >= b.size
}

// reset empties the batch; the store may keep the old slice, so a new one is made.
func (b *batch) reset() {
	b.ps = make([]*patentbridge.Patent, 0, b.size)
	clear(b.idx)
}
