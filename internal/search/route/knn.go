package route

import (
	"math"
	"sort"
)

// posting is one document's weight for a feature.
type posting struct {
	doc int32
	w   float32
}

// invIndex is an inverted index over unit-length TF-IDF vectors, for cosine search.
type invIndex struct {
	post [][]posting // by feature id
	n    int
}

// newInvIndex indexes documents over a vocabulary of nfeat features.
func newInvIndex(docs []vec, nfeat int) *invIndex {
	ix := &invIndex{post: make([][]posting, nfeat), n: len(docs)}
	for d, v := range docs {
		for _, t := range v {
			ix.post[t.id] = append(ix.post[t.id], posting{int32(d), t.w})
		}
	}
	return ix
}

// hit is a document with its cosine similarity to a query.
type hit struct {
	doc int32
	sim float32
}

// search returns the k documents most similar to q, best first (ties by document order).
func (ix *invIndex) search(q vec, k int) []hit {
	acc := make([]float32, ix.n)
	var touched []int32
	for _, t := range q {
		if int(t.id) >= len(ix.post) {
			continue
		}
		for _, p := range ix.post[t.id] {
			if acc[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			acc[p.doc] += t.w * p.w
		}
	}
	return topK(acc, touched, k)
}

// better orders hits by similarity, then by document order.
func better(a, b hit) bool {
	if a.sim != b.sim {
		return a.sim > b.sim
	}
	return a.doc < b.doc
}

// topK selects the k best of the touched documents with a bounded min-heap.
func topK(acc []float32, touched []int32, k int) []hit {
	h := make([]hit, 0, min(k, len(touched)))
	for _, d := range touched {
		x := hit{d, acc[d]}
		if len(h) < k {
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
			continue
		}
		if !better(x, h[0]) {
			continue
		}
		h[0] = x
		for i := 0; ; {
			l, r, w := 2*i+1, 2*i+2, i
			if l < len(h) && better(h[w], h[l]) {
				w = l
			}
			if r < len(h) && better(h[w], h[r]) {
				w = r
			}
			if w == i {
				break
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	sort.Slice(h, func(i, j int) bool { return better(h[i], h[j]) })
	return h
}

// knnScores votes for labels with the k nearest training titles, each neighbour
// weighted by its similarity raised to power p.
func knnScores(ix *invIndex, labels [][]int32, q vec, k int, p float64, out []float64) {
	for _, h := range ix.search(q, k) {
		w := math.Pow(float64(h.sim), p)
		for _, l := range labels[h.doc] {
			out[l] += w
		}
	}
}
