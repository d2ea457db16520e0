package route

import "sort"

// companion is a label that co-occurs with another, with P(label | other).
type companion struct {
	label int32
	p     float32
}

// cooccurrence returns, for every label t, the labels s seen on the same training
// titles with the smoothed estimate P(s|t) = n(s,t) / (n(t) + smooth).
func cooccurrence(labels [][]int32, nlabels int, smooth float64) [][]companion {
	n := make([]int, nlabels)
	pair := make([]map[int32]int, nlabels)
	for _, ls := range labels {
		for _, t := range ls {
			n[t]++
			for _, s := range ls {
				if s == t {
					continue
				}
				if pair[t] == nil {
					pair[t] = map[int32]int{}
				}
				pair[t][s]++
			}
		}
	}
	out := make([][]companion, nlabels)
	for t, m := range pair {
		for s, c := range m {
			out[t] = append(out[t], companion{s, float32(float64(c) / (float64(n[t]) + smooth))})
		}
		sort.Slice(out[t], func(i, j int) bool { return out[t][i].label < out[t][j].label })
	}
	return out
}

// addCompanions raises the companions of the top labels of sc:
// sc'(s) = sc(s) + w·Σ_t sc(t)·P(s|t) over the top labels t.
func addCompanions(sc []float64, cooc [][]companion, top int, w float64) {
	if w == 0 || top <= 0 {
		return
	}
	best := topLabels(sc, top)
	type up struct {
		l int32
		x float64
	}
	var ups []up
	for _, t := range best {
		for _, c := range cooc[t] {
			ups = append(ups, up{c.label, w * sc[t] * float64(c.p)})
		}
	}
	for _, u := range ups {
		sc[u.l] += u.x
	}
}

// topLabels returns the indices of the k highest scores, best first.
func topLabels(sc []float64, k int) []int {
	var idx []int
	for i, x := range sc {
		if x <= 0 {
			continue
		}
		idx = append(idx, i)
	}
	sort.Slice(idx, func(a, b int) bool {
		if sc[idx[a]] != sc[idx[b]] {
			return sc[idx[a]] > sc[idx[b]]
		}
		return idx[a] < idx[b]
	})
	if len(idx) > k {
		idx = idx[:k]
	}
	return idx
}
