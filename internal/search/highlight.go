package search

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/registry"
)

// Highlighting is done here on the page's texts rather than by Bleve: Bleve's
// highlighter makes the search collect term locations of every match, which
// costs more than the search itself on broad queries.

// abstractFragmentRunes is the length of an abstract's fragment.
const abstractFragmentRunes = 120

var cjkAnalyzer analysis.Analyzer

func init() {
	a, err := registry.NewCache().AnalyzerNamed(cjk.AnalyzerName)
	if err != nil {
		panic(err)
	}
	cjkAnalyzer = a
}

// queryTerms returns the index terms of a query text (the cjk analyzer's bigrams).
func queryTerms(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range cjkAnalyzer.Analyze([]byte(text)) {
		if s := string(t.Term); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Highlight returns text HTML-escaped with every occurrence of a term in <mark>
// (overlapping occurrences merged), and whether anything matched. Matching
// ignores ASCII case, as the analyzer does.
func Highlight(text string, terms []string) (string, bool) {
	lower := lowerSameWidth(text)
	var spans [][2]int
	for _, t := range terms {
		for from := 0; ; {
			i := strings.Index(lower[from:], t)
			if i < 0 || t == "" {
				break
			}
			spans = append(spans, [2]int{from + i, from + i + len(t)})
			from += i + 1
		}
	}
	if len(spans) == 0 || len(lower) != len(text) {
		return html.EscapeString(text), len(spans) > 0 && len(lower) == len(text)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var b strings.Builder
	pos := 0
	for i := 0; i < len(spans); {
		start, end := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] <= end; i++ {
			end = max(end, spans[i][1])
		}
		b.WriteString(html.EscapeString(text[pos:start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[start:end]))
		b.WriteString("</mark>")
		pos = end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String(), true
}

// fragments highlights a hit's title and a window of its abstract around the
// first match; a field without a match has no fragment.
func fragments(title, abstract string, terms []string) map[string][]string {
	out := map[string][]string{}
	if h, ok := Highlight(title, terms); ok {
		out["title"] = []string{h}
	}
	if h, ok := Highlight(window(abstract, terms), terms); ok {
		out["abstract"] = []string{h}
	}
	return out
}

// window cuts text to abstractFragmentRunes runes starting a little before the
// first term found, with "…" where it was cut.
func window(text string, terms []string) string {
	if utf8.RuneCountInString(text) <= abstractFragmentRunes {
		return text
	}
	first := -1
	lower := lowerSameWidth(text)
	for _, t := range terms {
		if i := strings.Index(lower, t); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	rs := []rune(text)
	start := 0
	if first > 0 {
		start = max(0, utf8.RuneCountInString(text[:first])-20)
	}
	end := min(len(rs), start+abstractFragmentRunes)
	s := string(rs[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(rs) {
		s += "…"
	}
	return s
}

// lowerSameWidth lower-cases text rune by rune but keeps a rune whose lower case
// has another UTF-8 width (K KELVIN SIGN, Ⱥ), so that a byte offset in the result
// is the same offset in text: with strings.ToLower, "KȺȺ" kept its length and
// a match of "ⱥ" was cut out of the middle of K. Invalid UTF-8 still changes
// the length (to U+FFFD), which Highlight checks.
func lowerSameWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}
