package ingest

import "patentbridge"

// maxBatchText is the most text (bytes of titles, abstracts, claims, addresses
// and Extra) one batch holds before it is written, whatever its row count: a
// batch of rows each near the field limits would otherwise hold hundreds of MB.
const maxBatchText = 32 << 20

// batch accumulates patents for one upsert; a 申请号 seen twice keeps the last row.
type batch struct {
	size int
	ps   []*patentbridge.Patent
	idx  map[string]int
	text int // textSize of the patents in ps
}

func newBatch(size int) *batch {
	return &batch{size: size, ps: make([]*patentbridge.Patent, 0, size), idx: make(map[string]int, size)}
}

// add puts p in the batch and reports whether the batch is now full: size
// patents, or maxBatchText bytes of text.
func (b *batch) add(p *patentbridge.Patent) bool {
	b.text += textSize(p)
	if i, ok := b.idx[p.AppNo]; ok {
		b.ps[i] = p
		return b.text >= maxBatchText
	}
	b.idx[p.AppNo] = len(b.ps)
	b.ps = append(b.ps, p)
	return len(b.ps) >= b.size || b.text >= maxBatchText
}

// reset empties the batch; the store may keep the old slice, so a new one is made.
func (b *batch) reset() {
	b.ps = make([]*patentbridge.Patent, 0, b.size)
	b.text = 0
	clear(b.idx)
}

// textSize approximates the bytes a patent's text takes.
func textSize(p *patentbridge.Patent) int {
	n := len(p.Title) + len(p.Abstract) + len(p.FirstClaim) + len(p.Address) + len(p.Priority) + len(p.StatusText)
	for k, v := range p.Extra {
		n += len(k) + len(v)
	}
	for _, e := range p.Events {
		n += len(e.Text)
	}
	return n
}
