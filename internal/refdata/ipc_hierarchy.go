package refdata

import (
	"errors"
	"strings"
)

var errShortRow = errors.New("too few columns")

// ipcLevel names the level of a normalized code by its shape.
func ipcLevel(n string) string {
	switch {
	case len(n) == 1:
		return "section"
	case len(n) == 3:
		return "class"
	case len(n) == 4:
		return "subclass"
	case strings.HasSuffix(n, "/00"):
		return "main_group"
	}
	return "subgroup"
}

// ancestry returns the codes from the section down to n itself, coarse to fine.
//
// The data gives no dot levels for subgroups, so the subgroup chain is derived from
// the numbering, which IPC follows for most subgroups: a subgroup whose digits
// (without trailing zeros) are a prefix of another's is its ancestor when it exists
// in the scheme — H01M10/0525 under H01M10/052 under H01M10/05 under H01M10/00.
func (d *Data) ancestry(n string) []string {
	out := make([]string, 0, 8)
	for _, k := range []int{1, 3, 4} {
		if len(n) > k {
			out = append(out, n[:k])
		}
	}
	i := strings.IndexByte(n, '/')
	if i < 0 {
		return append(out, n)
	}
	head, digits := n[:i+1], n[i+1:]
	out = append(out, head+"00")
	if digits == "00" {
		return out
	}
	if e := d.ipc[n]; e.dots > 0 {
		// a subgroup known by its dots: its ancestors by level, not by numbering
		return append(append(out, e.parents...), n)
	}
	stripped := strings.TrimRight(digits, "0")
	for k := 1; k < len(stripped); k++ {
		p := stripped[:k]
		if strings.Trim(p, "0") == "" {
			continue
		}
		if len(p) == 1 {
			p += "0"
		}
		if p == digits {
			continue
		}
		if _, ok := d.ipc[head+p]; ok && out[len(out)-1] != head+p {
			out = append(out, head+p)
		}
	}
	return append(out, n)
}
