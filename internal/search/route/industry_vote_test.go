package route

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
)

// withoutLiquor are folds 1-3 without a title about liquor or a C12C/C12G/C12H/C12J
// label: a platform before any liquor patent is imported.
func withoutLiquor() []Example {
	return slices.DeleteFunc(foldExamples(1, 2, 3), func(e Example) bool {
		return strings.Contains(e.Title, "酒") || slices.ContainsFunc(e.Subclasses, func(s string) bool {
			return slices.Contains([]string{"C12C", "C12G", "C12H", "C12J"}, s)
		})
	})
}

// topWithoutVotes ranks the labels by the model's own scores, industry votes left out.
func topWithoutVotes(m *Model, text string, k int) []string {
	sc := m.scores(search.NeedSubject(text))
	m.post(sc, m.p)
	idx := make([]int, len(sc))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return sc[idx[a]] > sc[idx[b]] })
	out := make([]string, k)
	for i := range out {
		out[i] = m.labels[idx[i]]
	}
	return out
}

func TestIndustryKeywordsVoteBeforeAnyLiquorPatent(t *testing.T) {
	m := Train(withoutLiquor(), refdata.Default())
	const text = "白酒固态发酵"
	liquor := func(s string) bool { return s == "C12G" || s == "C12H" }
	if before := topWithoutVotes(m, text, 5); slices.ContainsFunc(before, liquor) {
		t.Fatalf("control: without the keyword votes %s already routes to %v", text, before)
	}
	var got []string
	for _, p := range m.Predict(text, 5) {
		got = append(got, p.Subclass)
	}
	if !slices.ContainsFunc(got, liquor) {
		t.Errorf("%s routes to %v, want C12G or C12H among the first five (白酒 is a 川酒 keyword)", text, got)
	}
}

func TestIndustryVotesFollowTheMapping(t *testing.T) {
	m := mustFold123(t)
	labels := func(prefixes ...string) []string {
		var out []string
		for _, l := range m.prefixLabels(prefixes) {
			out = append(out, m.labels[l])
		}
		slices.Sort(out)
		return out
	}
	if got := labels("A23F3/", "A23L3/36", "C12G"); !slices.Equal(got, []string{"A23F", "A23L", "C12G"}) {
		t.Errorf("group and subclass prefixes map to %v", got)
	}
	h10 := labels("H10")
	if len(h10) < 2 || slices.ContainsFunc(h10, func(s string) bool { return !strings.HasPrefix(s, "H10") }) {
		t.Errorf("class H10 maps to %v, want its subclasses", h10)
	}
	vote := func(text, sub string) float64 {
		v := m.industryVotes(text)
		if v == nil {
			return 0
		}
		return v[m.labelOf[sub]]
	}
	// 川茶 names A23F alone and votes fully; 川酒 spreads over its four subclasses.
	if got := vote("名优绿茶杀青", "A23F"); got != 1 {
		t.Errorf("绿茶 votes %v for A23F, want 1", got)
	}
	if got := vote("白酒固态发酵", "C12G"); got != 0.5 {
		t.Errorf("白酒 votes %v for C12G, want 1/√4", got)
	}
	// Exclusions hold: 茶几 is furniture, not tea.
	if got := vote("一种红茶几", "A23F"); got != 0 {
		t.Errorf("茶几 votes %v for A23F", got)
	}
	if m.industryVotes("一种锂离子电池正极材料") == nil || m.industryVotes("一种信号处理方法") != nil {
		t.Error("votes should come from the mapping's keywords only")
	}
}

func TestEnterpriseWordedTeaNeedRoutesToTea(t *testing.T) {
	m := Default()
	for _, text := range []string{"我们是一家川茶加工企业，希望找到名优绿茶自动化杀青和揉捻的专利技术", "名优绿茶自动化杀青和揉捻"} {
		if p := m.Predict(text, 3); len(p) == 0 || p[0].Subclass != "A23F" {
			t.Errorf("%s routes to %+v, want A23F first", text, p)
		}
	}
}

func TestWordWeightsTellGenericWords(t *testing.T) {
	m := Default()
	words := []string{"加工", "自动化", "小型", "机械", "茶叶", "电池", "锂离子", "杀青", "不存在的词"}
	ws := m.WordWeights(words)
	for i, w := range words {
		generic := i < 4
		if generic && ws[i] >= 0.5 || !generic && ws[i] != 1 {
			t.Errorf("%s weighs %.2f, want %s", w, ws[i], map[bool]string{true: "< 0.5 (generic)", false: "1 (subject or too rare)"}[generic])
		}
	}
}
