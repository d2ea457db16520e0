package route

import (
	"math"
	"math/rand/v2"
)

// linear is a softmax regression over TF-IDF features: a title's true subclasses
// share its target probability equally. Only features seen in at least two titles
// get weights, and only subclasses seen in training are outputs.
type linear struct {
	rowOf  []int32 // feature id -> weight row, -1 when the feature has none
	outOf  []int32 // label -> output column, -1 when never seen in training
	labels []int32 // output column -> label
	w      []float32
	b      []float32
}

// trainLinear fits the model with plain SGD over a fixed number of epochs.
func trainLinear(docs []vec, labels [][]int32, df []int32, nlabels, epochs int, lr float64) *linear {
	m := &linear{rowOf: make([]int32, len(df)), outOf: make([]int32, nlabels)}
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
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(1, 2))
	prob := make([]float64, k)
	active := make([]int32, 0, k)
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		eta := float32(lr / (1 + float64(e)))
		for _, d := range order {
			if len(labels[d]) == 0 {
				continue
			}
			m.softmax(docs[d], prob)
			share := 1 / float64(len(labels[d]))
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
	return m
}

// softmax writes the output probabilities for a vector into prob.
func (m *linear) softmax(x vec, prob []float64) {
	k := len(m.labels)
	for j := range prob {
		prob[j] = float64(m.b[j])
	}
	for _, t := range x {
		if int(t.id) >= len(m.rowOf) {
			continue
		}
		r := m.rowOf[t.id]
		if r < 0 {
			continue
		}
		row := m.w[int(r)*k : int(r+1)*k]
		for j, w := range row {
			prob[j] += float64(t.w * w)
		}
	}
	mx := math.Inf(-1)
	for _, z := range prob {
		mx = max(mx, z)
	}
	var s float64
	for j, z := range prob {
		prob[j] = math.Exp(z - mx)
		s += prob[j]
	}
	for j := range prob {
		prob[j] /= s
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
