package route

import (
	"math"
	"slices"
	"sort"
)

// term is one feature of a sparse vector.
type term struct {
	id int32
	w  float32
}

// vec is a sparse vector sorted by feature id.
type vec []term

// vocab maps features to ids and keeps their document frequencies.
type vocab struct {
	ids  map[string]int32
	df   []int32
	docs int
	idf  []float32
}

func newVocab() *vocab { return &vocab{ids: make(map[string]int32, 1<<16)} }

// add counts one document's features, creating ids for new ones.
func (v *vocab) add(gs []string) {
	v.docs++
	seen := make(map[int32]bool, len(gs))
	for _, g := range gs {
		id, ok := v.ids[g]
		if !ok {
			id = int32(len(v.df))
			v.ids[g] = id
			v.df = append(v.df, 0)
		}
		if !seen[id] {
			seen[id] = true
			v.df[id]++
		}
	}
}

// finish computes the smoothed inverse document frequencies.
func (v *vocab) finish() {
	v.idf = make([]float32, len(v.df))
	n := float64(v.docs)
	for i, df := range v.df {
		v.idf[i] = float32(math.Log((n + 1) / (float64(df) + 1)))
	}
}

// counts returns the term frequencies of known features, sorted by id.
func (v *vocab) counts(gs []string) vec {
	m := make(map[int32]float32, len(gs))
	for _, g := range gs {
		if id, ok := v.ids[g]; ok {
			m[id]++
		}
	}
	out := make(vec, 0, len(m))
	for id, c := range m {
		out = append(out, term{id, c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// tfidf returns the L2-normalized TF-IDF vector (sublinear tf) of some features.
func (v *vocab) tfidf(gs []string) vec {
	out := v.counts(gs)
	for i := range out {
		out[i].w = (1 + float32(math.Log(float64(out[i].w)))) * v.idf[out[i].id]
	}
	return out.normalized()
}

// normalized scales a vector to unit length; an all-zero vector stays as it is.
func (x vec) normalized() vec {
	var s float64
	for _, t := range x {
		s += float64(t.w) * float64(t.w)
	}
	if s == 0 {
		return x
	}
	k := float32(1 / math.Sqrt(s))
	for i := range x {
		x[i].w *= k
	}
	return x
}

// dot is the inner product of two sorted sparse vectors.
func dot(a, b vec) float32 {
	var s float32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// strongest returns the n largest-weighted terms of a unit vector, renormalized
// (all of them when n is 0 or the vector is shorter): a long abstract keeps what
// sets it apart and costs the linear models and the index no more than a title.
func strongest(x vec, n int) vec {
	if n <= 0 || len(x) <= n {
		return x
	}
	byWeight := slices.Clone(x)
	sort.Slice(byWeight, func(i, j int) bool {
		if byWeight[i].w != byWeight[j].w {
			return byWeight[i].w > byWeight[j].w
		}
		return byWeight[i].id < byWeight[j].id
	})
	out := byWeight[:n:n]
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out.normalized()
}

// keepFrequent clears the document frequency of all but the n most frequent
// features among those seen at least twice (ties at the cut are all dropped), so
// the linear models weigh at most n features; n = 0 keeps them all.
func keepFrequent(df []int32, n int) {
	if n <= 0 {
		return
	}
	var seen []int32
	for _, d := range df {
		if d >= 2 {
			seen = append(seen, d)
		}
	}
	if len(seen) <= n {
		return
	}
	slices.Sort(seen)
	slices.Reverse(seen)
	cutAt := seen[n] // features at or below this frequency lose their rows
	for i, d := range df {
		if d <= cutAt {
			df[i] = 0
		}
	}
}
