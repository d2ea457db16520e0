package refdata

import "strings"

// levelMark is the character a subgroup's dots are shown with ("··" for a
// subgroup two levels under its main group), as the printed IPC scheme does.
const levelMark = "·"

// dotLevel returns the number of dots of a title made only of dots (the source
// lost the text of 1,292 subgroups and kept their level dots, "E04F21/16 .."),
// or 0 for a real title.
func dotLevel(title string) int {
	t := strings.TrimSpace(title)
	if t == "" || strings.Trim(t, ".．· ") != "" {
		return 0
	}
	return strings.Count(t, ".") + strings.Count(t, "．") + strings.Count(t, "·")
}

// fillDotTitles gives each subgroup whose title is only dots its main group's
// title behind the dots as a level mark — E04F21/16 ".." reads
// "·· 建筑装修工程用的器具（…）": what it is a kind of, at which depth — so every
// lookup (the ipc command, patent pages, the classify API, search facets) shows a
// title, never bare dots. The main group is the nearest ancestor the data names
// for certain; the subclass stands in when the main group has no title either.
func (d *Data) fillDotTitles() {
	d.dotParents()
	for code, e := range d.ipc {
		n := e.dots
		if n == 0 {
			continue
		}
		title := ""
		if i := strings.IndexByte(code, '/'); i > 0 {
			if g, ok := d.ipc[code[:i]+"/00"]; ok && dotLevel(g.title) == 0 {
				title = g.title
			}
		}
		if title == "" && len(code) >= 4 {
			title = d.ipc[code[:4]].title
		}
		e.title = strings.TrimSpace(strings.Repeat(levelMark, n) + " " + title)
		d.ipc[code] = e
	}
}

// dotParents sets the dots of every dot-only subgroup and its ancestors under the
// main group: in scheme order, the nearest preceding dot-only subgroups of
// fewer dots. A titled subgroup's depth is unknown (its dots were dropped), so
// it cuts the chain: the subgroups after it know only their main group.
func (d *Data) dotParents() {
	type level struct {
		code string
		dots int
	}
	for _, codes := range d.groups {
		var stack []level
		for _, code := range codes {
			e := d.ipc[code]
			n := dotLevel(e.title)
			if e.level != "subgroup" || n == 0 {
				stack = stack[:0]
				continue
			}
			for len(stack) > 0 && stack[len(stack)-1].dots >= n {
				stack = stack[:len(stack)-1]
			}
			e.dots = n
			for _, l := range stack {
				e.parents = append(e.parents, l.code)
			}
			d.ipc[code] = e
			stack = append(stack, level{code, n})
		}
	}
}
