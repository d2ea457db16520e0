package route

// Generic words: a word whose training titles spread over many IPC classes says how
// a thing is made, controlled or sized, not what it is, and must not outweigh a
// need's subject. On the shipped titles the largest share of a word's titles in one
// class is 0.14 for 加工, 0.19 机械, 0.21 自动化, 0.25 小型, 0.27 设备, against 0.42
// 发酵, 0.55 农业, 0.65 电池, 0.67 茶叶, 0.93 锂离子.
const (
	spreadMinTitles = 5   // titles a word needs before its spread is trusted
	specificShare   = 0.4 // class share at and above which a word weighs fully
	minWordWeight   = 0.1 // weight of the most spread word
)

// WordWeights returns, for each word (gse-segmented, as search.Words gives them),
// its weight as a subject word in (0, 1]: (s/specificShare)² capped to
// [minWordWeight, 1], s being the largest share of the word's training titles
// that have one IPC class; 1 for words in fewer than spreadMinTitles titles, too
// rare to call generic.
func (m *Model) WordWeights(words []string) []float64 {
	out := make([]float64, len(words))
	for i, w := range words {
		out[i] = 1
		id, ok := m.tv.ids["g"+w]
		if !ok || int(id) >= len(m.tix.post) || len(m.tix.post[id]) < spreadMinTitles {
			continue
		}
		count := map[string]int{}
		top := 0
		for _, p := range m.tix.post[id] {
			seen := map[string]bool{}
			for _, l := range m.tlabels[p.doc] {
				if c := m.labels[l][:3]; !seen[c] {
					seen[c] = true
					count[c]++
					top = max(top, count[c])
				}
			}
		}
		s := float64(top) / float64(len(m.tix.post[id])) / specificShare
		out[i] = min(1, max(minWordWeight, s*s))
	}
	return out
}
