package route

// Generic words: a word whose training titles spread over many IPC classes (加工,
// 自动化, 小型, 机械 — under a fifth of their titles in any one class on the shipped
// titles, against 茶叶 0.31, 发酵 0.32, 电池 0.51) says how a thing is made or how
// big it is, not what it is, and must not outweigh a need's subject.
const (
	spreadMinTitles = 5   // titles a word needs before its spread is trusted
	specificShare   = 0.4 // class share at and above which a word weighs fully
	minWordWeight   = 0.1 // weight of the most spread word
)

// WordWeights returns, for each word (gse-segmented, as search.Words gives them),
// its weight as a subject word in (0, 1]: (s/specificShare)² capped to
// [minWordWeight, 1], s being the largest share of the word's training titles in
// one IPC class (each title's classes sharing it); 1 for words in fewer than
// spreadMinTitles titles, which are too rare to call generic.
func (m *Model) WordWeights(words []string) []float64 {
	out := make([]float64, len(words))
	for i, w := range words {
		out[i] = 1
		id, ok := m.tv.ids["g"+w]
		if !ok || int(id) >= len(m.tix.post) || len(m.tix.post[id]) < spreadMinTitles {
			continue
		}
		mass := map[string]float64{}
		top := 0.0
		for _, p := range m.tix.post[id] {
			ls := m.tlabels[p.doc]
			for _, l := range ls {
				c := m.labels[l][:3]
				mass[c] += 1 / float64(len(ls))
				top = max(top, mass[c])
			}
		}
		s := top / float64(len(m.tix.post[id])) / specificShare
		out[i] = min(1, max(minWordWeight, s*s))
	}
	return out
}
