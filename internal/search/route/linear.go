package route

import (
	"math"
	"math/rand/v2"
)

// linear is a softmax regression over TF-IDF features — a title's true subclasses
// share its target probability equally — or, when ovr, one logistic regression per
// subclass (each true subclass a target of 1). Only features seen in at least two titles
// get weights, and only subclasses seen in training are outputs.
type linear struct {
	rowOf  []int32   // feature id -> weight row, -1 when the feature has none
	outOf  []int32   // label -> output column, -1 when never seen in training
	labels []int32   // output column -> label
	w      []float32 // dense rows while training, nil after compact
	b      []float32
	// After compact: the weights of row r are cols/vals[start[r]:start[r+1]].
	start []int32
	cols  []uint16
	vals  []float32
	ovr   bool // one-vs-rest logistic outputs instead of a softmax
}

// trainLinear fits the model with plain SGD over a fixed number of epochs; weights,
// when not nil, scale each document's step; ovr asks for one-vs-rest outputs; seed
// picks the order the documents are shuffled in.
func trainLinear(docs []vec, labels [][]int32, weights []float32, df []int32, nlabels, epochs int, lr float64, ovr bool, seed uint64) *linear {
	m := &linear{rowOf: make([]int32, len(df)), outOf: make([]int32, nlabels), ovr: ovr}
	rows := int32(0)
	for i, n := range df {
		m.rowOf[i] = -1
		if n >= 2 {
			m.rowOf[i] = rows
			rows++
		}
	}
	for i := range m.outOf {
		m.outOf[i] = -1
	}
	for _, ls := range labels {
		for _, l := range ls {
			if m.outOf[l] < 0 {
				m.outOf[l] = int32(len(m.labels))
				m.labels = append(m.labels, l)
			}
		}
	}
	k := len(m.labels)
	m.w = make([]float32, int(rows)*k)
	m.b = make([]float32, k)
	if ovr {
		// Start every output at its prior log-odds.
		n := make([]float64, k)
		for _, ls := range labels {
			for _, l := range ls {
				n[m.outOf[l]]++
			}
		}
		for j := range m.b {
			p := (n[j] + 0.5) / (float64(len(docs)) + 1)
			m.b[j] = float32(math.Log(p / (1 - p)))
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(1, 2+seed))
	prob := make([]float64, k)
	active := make([]int32, 0, k)
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		eta := float32(lr / (1 + float64(e)))
		for _, d := range order {
			if len(labels[d]) == 0 {
				continue
			}
			eta := eta
			if weights != nil {
				eta *= weights[d]
			}
			m.softmax(docs[d], prob)
			share := 1 / float64(len(labels[d]))
			if ovr {
				share = 1
			}
			for _, l := range labels[d] {
				prob[m.outOf[l]] -= share
			}
			// Skip outputs whose gradient is negligible: after the first epoch most
			// are, and this makes training several times faster.
			active = active[:0]
			for j, g := range prob {
				if g > 1e-3 || g < -1e-3 {
					active = append(active, int32(j))
					m.b[j] -= eta * float32(g)
				}
			}
			for _, t := range docs[d] {
				r := m.rowOf[t.id]
				if r < 0 {
					continue
				}
				row := m.w[int(r)*k : int(r+1)*k]
				x := eta * t.w
				for _, j := range active {
					row[j] -= x * float32(prob[j])
				}
			}
		}
	}
	m.compact(pruneBelow)
	return m
}

// pruneBelow is the smallest weight magnitude kept after training.
var pruneBelow float32 = 0.02

// compact turns the dense weight rows into sparse ones, dropping weights smaller
// than eps: most of a feature's weights are near zero, and the dense matrix would
// cost over 100 MB.
func (m *linear) compact(eps float32) {
	k := len(m.labels)
	rows := len(m.w) / max(k, 1)
	m.start = make([]int32, rows+1)
	for r := 0; r < rows; r++ {
		for j, w := range m.w[r*k : (r+1)*k] {
			if w > eps || w < -eps {
				m.cols = append(m.cols, uint16(j))
				m.vals = append(m.vals, w)
			}
		}
		m.start[r+1] = int32(len(m.vals))
	}
	m.w = nil
}

// softmax writes the output probabilities for a vector into prob (independent
// sigmoids for a one-vs-rest model).
func (m *linear) softmax(x vec, prob []float64) {
	k := len(m.labels)
	z := make([]float32, k)
	copy(z, m.b)
	for _, t := range x {
		if int(t.id) >= len(m.rowOf) {
			continue
		}
		r := m.rowOf[t.id]
		if r < 0 {
			continue
		}
		if m.w != nil {
			axpy(t.w, m.w[int(r)*k:int(r+1)*k], z)
			continue
		}
		a, b := m.start[r], m.start[r+1]
		vals := m.vals[a:b]
		for i, j := range m.cols[a:b] {
			z[j] += t.w * vals[i]
		}
	}
	if m.ovr {
		for j, v := range z {
			prob[j] = 1 / (1 + math.Exp(-float64(v)))
		}
		return
	}
	mx := float32(math.Inf(-1))
	for _, v := range z {
		mx = max(mx, v)
	}
	var s float64
	for j, v := range z {
		// exp(-30) is below float32 precision next to the maximum's 1.
		if d := float64(v - mx); d > -30 {
			prob[j] = math.Exp(d)
			s += prob[j]
		} else {
			prob[j] = 0
		}
	}
	for j := range prob {
		prob[j] /= s
	}
}

// axpy adds a·x to y (len(y) ≥ len(x)), four at a time.
func axpy(a float32, x, y []float32) {
	y = y[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		xs, ys := x[i:i+4:i+4], y[i:i+4:i+4]
		ys[0] += a * xs[0]
		ys[1] += a * xs[1]
		ys[2] += a * xs[2]
		ys[3] += a * xs[3]
	}
	for ; i < len(x); i++ {
		y[i] += a * x[i]
	}
}

// scores adds the probability of every label for a vector into out (indexed by label).
func (m *linear) scores(x vec, out []float64) {
	prob := make([]float64, len(m.labels))
	m.softmax(x, prob)
	for j, p := range prob {
		out[m.labels[j]] += p
	}
}
