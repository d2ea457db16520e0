package screen

import (
	"strings"
	"unicode/utf8"
)

// keywordIndex finds the mapping's title keywords in one pass over a title: the
// keywords and exclusions are indexed by their first rune, so a title costs one map
// lookup per rune rather than one search per keyword.
type keywordIndex struct {
	byRune map[rune][]kwEntry
	rules  int
}

type kwEntry struct {
	word    string
	rule    int
	exclude bool
}

func newKeywordIndex(rules []industryRule) *keywordIndex {
	ix := &keywordIndex{byRune: map[rune][]kwEntry{}, rules: len(rules)}
	add := func(w string, rule int, ex bool) {
		r, _ := utf8.DecodeRuneInString(w)
		ix.byRune[r] = append(ix.byRune[r], kwEntry{word: w, rule: rule, exclude: ex})
	}
	for i, ru := range rules {
		for _, w := range ru.keywords {
			add(w, i, false)
		}
		for _, w := range ru.exclude {
			add(w, i, true)
		}
	}
	return ix
}

// match returns, per rule, whether a keyword occurs in the title outside every
// exclusion of that rule: "红茶" counts in "红茶饮料" but not in "红茶几".
func (ix *keywordIndex) match(title string) []bool {
	type span struct{ rule, start, end int }
	var found, excluded []span
	for i, r := range title {
		for _, e := range ix.byRune[r] {
			if strings.HasPrefix(title[i:], e.word) {
				s := span{e.rule, i, i + len(e.word)}
				if e.exclude {
					excluded = append(excluded, s)
				} else {
					found = append(found, s)
				}
			}
		}
	}
	hits := make([]bool, ix.rules)
	for _, f := range found {
		ok := true
		for _, x := range excluded {
			if x.rule == f.rule && f.start < x.end && x.start < f.end {
				ok = false
				break
			}
		}
		if ok {
			hits[f.rule] = true
		}
	}
	return hits
}
