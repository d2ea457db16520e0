package screen

import (
	"bytes"
	"cmp"
	"math"
	"patentbridge"
	"slices"
)

// Score is the grading outcome of one patent (patentbridge.Score).
type Score = patentbridge.Score

// Grader keeps one compact record per patent during a run — raw vector, cohort,
// IPC main group, sleeping bit — then normalizes within cohorts, scores and grades.
// At a million patents it holds about 170 MB.
type Grader struct {
	cfg      *Config
	appNos   []byte   // concatenated application numbers
	ends     []uint32 // end offset of each number in appNos
	raw      [][NumIndicators]float32
	norm     [][NumIndicators]float32
	cohort   []int32
	group    []int32
	sleeping []bool
	score    []float64
	grade    []byte
	cohorts  map[string]int32
	groups   map[string]int32
	heat     []float32 // recent deals by group
	done     bool
}

// NewGrader returns an empty grader for a configuration.
func NewGrader(cfg *Config) *Grader {
	return &Grader{cfg: cfg, cohorts: map[string]int32{}, groups: map[string]int32{}}
}

// Add records one patent: its raw vector (market heat is filled in by Finish), its
// cohort key, its IPC main group, the recent transfers and licences it adds to the
// group's market heat, and whether it is sleeping.
func (g *Grader) Add(appNo string, raw [NumIndicators]float32, cohort, mainGroup string, recentDeals int, sleeping bool) {
	g.appNos = append(g.appNos, appNo...)
	g.ends = append(g.ends, uint32(len(g.appNos)))
	g.raw = append(g.raw, raw)
	g.cohort = append(g.cohort, intern(g.cohorts, cohort))
	gid := intern(g.groups, mainGroup)
	g.group = append(g.group, gid)
	for int(gid) >= len(g.heat) {
		g.heat = append(g.heat, 0)
	}
	g.heat[gid] += float32(recentDeals)
	g.sleeping = append(g.sleeping, sleeping)
}

func intern(m map[string]int32, k string) int32 {
	id, ok := m[k]
	if !ok {
		id = int32(len(m))
		m[k] = id
	}
	return id
}

// Len returns how many patents were added.
func (g *Grader) Len() int { return len(g.ends) }

func (g *Grader) appBytes(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = g.ends[i-1]
	}
	return g.appNos[start:g.ends[i]]
}

// Finish fills in market heat, normalizes every indicator within its cohort,
// computes the scores and grades the sleeping patents. It returns the number of
// sleeping patents per grade.
func (g *Grader) Finish() map[string]int {
	for i := range g.raw {
		g.raw[i][iMarketHeat] = g.heat[g.group[i]]
	}
	g.normalize()
	w := g.cfg.weightVector()
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	g.score = make([]float64, len(g.raw))
	for i := range g.norm {
		s := 0.0
		for k, x := range g.norm[i] {
			s += w[k] * float64(x)
		}
		g.score[i] = 100 * s / sum
	}
	g.done = true
	return g.assignGrades()
}

// normalize replaces each value by its percentile rank within the cohort:
// (rank-1)/(n-1) with tied values sharing their mean rank, so the lowest value
// gets 0, the highest 1, and a cohort of one (or all equal values) gets 0.5.
// Missing values are left out of the ranking and take
// patentbridge.NeutralPercentile.
func (g *Grader) normalize() {
	g.norm = make([][NumIndicators]float32, len(g.raw))
	members := make([][]int32, len(g.cohorts))
	for i, c := range g.cohort {
		members[c] = append(members[c], int32(i))
	}
	type entry struct {
		v float32
		i int32
	}
	var es []entry
	for _, m := range members {
		for k := 0; k < NumIndicators; k++ {
			es = es[:0]
			for _, i := range m {
				if v := g.raw[i][k]; patentbridge.IsMissingRaw(v) {
					g.norm[i][k] = patentbridge.NeutralPercentile
				} else {
					es = append(es, entry{v, i})
				}
			}
			n := len(es)
			slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.v, b.v) })
			for lo := 0; lo < n; {
				hi := lo + 1
				for hi < n && es[hi].v == es[lo].v {
					hi++
				}
				p := percentile(lo, hi, n)
				for _, e := range es[lo:hi] {
					g.norm[e.i][k] = p
				}
				lo = hi
			}
		}
	}
}

// percentile is the normalized mean rank of the tied values at sorted positions
// lo..hi-1 among n: (mean rank - 1)/(n - 1), or 0.5 for a cohort of one.
func percentile(lo, hi, n int) float32 {
	if n == 1 {
		return 0.5
	}
	return float32((float64(lo) + float64(hi-lo-1)/2) / float64(n-1))
}

// assignGrades grades the sleeping patents by absolute thresholds when configured,
// else by rank of score (ties broken by application number) with the grade
// shares' cumulative cut-offs rounded to whole patents.
func (g *Grader) assignGrades() map[string]int {
	g.grade = make([]byte, len(g.raw))
	counts := map[string]int{}
	for _, x := range Grades {
		counts[x] = 0
	}
	var idx []int
	for i, s := range g.sleeping {
		if s {
			idx = append(idx, i)
		}
	}
	if t := g.cfg.Thresholds; t != nil {
		for _, i := range idx {
			switch s := g.score[i]; {
			case s >= t.A:
				g.grade[i] = 'A'
			case s >= t.B:
				g.grade[i] = 'B'
			case s >= t.C:
				g.grade[i] = 'C'
			default:
				g.grade[i] = 'D'
			}
			counts[string(g.grade[i])]++
		}
		return counts
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(g.score[b], g.score[a]); c != 0 {
			return c
		}
		return bytes.Compare(g.appBytes(a), g.appBytes(b))
	})
	n := float64(len(idx))
	cum, start := 0.0, 0
	for gi, x := range Grades {
		cum += g.cfg.GradeShares[x]
		end := min(max(int(math.Round(cum*n)), start), len(idx)) // cut-offs never go back
		if gi == len(Grades)-1 {
			end = len(idx)
		}
		for _, i := range idx[start:end] {
			g.grade[i] = x[0]
		}
		counts[x] += end - start
		start = end
	}
	return counts
}

// Each calls fn with the scores in batches of at most size, in the order the
// patents were added. The slices in a Score stay valid while the Grader lives.
// Finish must have been called.
func (g *Grader) Each(size int, fn func([]Score) error) error {
	if !g.done {
		panic("screen: Grader.Each before Finish")
	}
	batch := make([]Score, 0, size)
	for i := range g.raw {
		s := Score{AppNo: string(g.appBytes(i)), Score: g.score[i], Normalized: g.norm[i][:], Raw: g.raw[i][:]}
		if g.grade[i] != 0 {
			s.Grade = string(g.grade[i])
		}
		batch = append(batch, s)
		if len(batch) == size {
			if err := fn(batch); err != nil {
				return err
			}
			batch = make([]Score, 0, size)
		}
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}
