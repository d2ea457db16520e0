// Package route routes a free text (a patent title, a technology need) to the IPC
// subclasses it most likely belongs to, and to the industries they imply. Titles are
// described by character 1-2-grams, gse-segmented words and their head (the last
// characters before a generic 装置/方法). It combines a nearest-neighbour vote over
// labelled titles, a softmax and a one-vs-rest logistic regression over the same
// titles and the IPC scheme's own Chinese titles, and centroid and scheme-title cosines.
package route

import (
	"strings"
	"unicode"
)

// normalize folds full-width forms and case and turns everything that is neither a
// letter nor a digit into a space.
func normalize(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == 0x3000:
			r = ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			r = ' '
		}
		out = append(out, r)
	}
	return out
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// grams returns the features of a text: for runs of Chinese characters their
// character minN- to maxN-grams, and every Latin word or number as a whole. Unigrams
// are prefixed so they never collide with a two-letter Latin word.
func grams(text string, minN, maxN int) []string {
	rs := normalize(text)
	var out []string
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case isHan(r):
			j := i
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			run := rs[i:j]
			if len(run) < minN {
				out = append(out, string(run))
			}
			for a := range run {
				for n := minN; n <= maxN && a+n <= len(run); n++ {
					g := string(run[a : a+n])
					if n == 1 {
						g = "1" + g
					}
					out = append(out, g)
				}
			}
			i = j
		case r == ' ':
			i++
		default:
			j := i
			for j < len(rs) && rs[j] != ' ' && !isHan(rs[j]) {
				j++
			}
			out = append(out, "w"+strings.ToLower(string(rs[i:j])))
			i = j
		}
	}
	return out
}
