package route

import "patentbridge/internal/search"

// extras returns a title's features beyond its character n-grams, as the params ask:
// the last two to p.head characters of its last Chinese run once boilerplate is
// stripped (the object before a generic head such as 装置 or 方法, which carries the
// subclass), and its gse-segmented content words (and adjacent pairs of them).
func extras(text string, p params) []string {
	var out []string
	long := p.longStrip && isLong(text)
	if long {
		text = stripLong(text)
	}
	if p.head > 0 && !long {
		rs := normalize(stripBoilerplate(text))
		j := len(rs)
		for j > 0 && !isHan(rs[j-1]) {
			j--
		}
		i := j
		for i > 0 && isHan(rs[i-1]) {
			i--
		}
		run := rs[i:j]
		for n := 2; n <= p.head && n <= len(run); n++ {
			out = append(out, "h"+string(run[len(run)-n:]))
		}
	}
	if p.words {
		ws := search.Words(stripBoilerplate(text))
		for _, w := range ws {
			out = append(out, "g"+w)
		}
		if p.wordPairs {
			for k := 1; k < len(ws); k++ {
				out = append(out, "p"+ws[k-1]+"|"+ws[k])
			}
		}
	}
	return out
}
