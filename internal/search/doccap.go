package search

import (
	"unicode/utf8"
)

// Caps on what one patent puts into the index. The import limits keep giant
// fields out of the database, but a row written by other means (or before the
// limits) must not make the indexer analyze megabytes: a 10 MB abstract makes
// millions of bigrams and once drove the indexer out of memory at every start.
// The caps are far above real texts (CNIPA abstracts run to 300 characters, a
// first claim to a few thousand), so only abnormal docs lose text — and only in
// the index: the database keeps the patent whole.
const (
	maxTitleBytes     = 1 << 10  // ~340 Chinese characters
	maxAbstractBytes  = 8 << 10  // ~2,700 Chinese characters
	maxClaimBytes     = 16 << 10 // ~5,400 Chinese characters
	maxOwnersBytes    = 4 << 10
	maxIPCTitlesBytes = 8 << 10
	maxKeywordValues  = 128      // values of each keyword field (IPC codes, industries, owner types)
	maxKeywordBytes   = 128      // bytes of one keyword value
	maxDocBytes       = 32 << 10 // all text and keyword bytes of one doc
)

// prepareDoc readies a doc for the index: it cuts the fields to the caps above
// (at a character boundary), derives the facets, then cuts the claim, the
// abstract, the IPC titles and the owners, in that order, until the whole doc
// fits maxDocBytes. It reports whether anything was cut.
func prepareDoc(d *Doc) bool {
	cut := false
	for _, f := range []struct {
		s   *string
		max int
	}{{&d.Title, maxTitleBytes}, {&d.Abstract, maxAbstractBytes}, {&d.Claim, maxClaimBytes},
		{&d.Owners, maxOwnersBytes}, {&d.IPCTitles, maxIPCTitlesBytes},
		{&d.Kind, maxKeywordBytes}, {&d.Status, maxKeywordBytes}, {&d.City, maxKeywordBytes}, {&d.Grade, maxKeywordBytes}} {
		cut = cutString(f.s, f.max) || cut
	}
	for _, vs := range []*[]string{&d.IPC, &d.OwnerTypes, &d.Industries} {
		if len(*vs) > maxKeywordValues {
			*vs, cut = (*vs)[:maxKeywordValues], true
		}
		for i := range *vs {
			cut = cutString(&(*vs)[i], maxKeywordBytes) || cut
		}
	}
	d.Facets = facetValues(*d)
	d.GradeRank = gradeRank(d.Grade)
	for _, s := range []*string{&d.Claim, &d.Abstract, &d.IPCTitles, &d.Owners} {
		if over := docBytes(d) - maxDocBytes; over > 0 {
			cut = cutString(s, max(0, len(*s)-over)) || cut
		}
	}
	return cut
}

// docBytes is the size of a doc's text and keyword values.
func docBytes(d *Doc) int {
	n := len(d.ID) + len(d.Title) + len(d.Abstract) + len(d.Claim) + len(d.Owners) + len(d.IPCTitles) +
		len(d.Kind) + len(d.Status) + len(d.City) + len(d.Grade)
	for _, vs := range [][]string{d.IPC, d.OwnerTypes, d.Industries, d.Facets} {
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// cutString shortens *s to at most max bytes without splitting a character,
// reporting whether it did.
func cutString(s *string, max int) bool {
	if len(*s) <= max {
		return false
	}
	*s = (*s)[:runeStart(*s, max)]
	return true
}

// runeStart returns the largest i <= n at which a character of s starts.
func runeStart(s string, n int) int {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// gradeRank orders grades for sorting: A 4, B 3, C 2, D 1, anything else 0.
func gradeRank(g string) float64 {
	switch g {
	case "A":
		return 4
	case "B":
		return 3
	case "C":
		return 2
	case "D":
		return 1
	}
	return 0
}
