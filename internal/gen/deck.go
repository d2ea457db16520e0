package gen

import "math/rand/v2"

// titleDeck deals the real titles in shuffled order, each once per pass, so a data
// set smaller than the title list repeats no title. Featured titles (those holding a
// featured word) lead the first pass.
type titleDeck struct {
	r     *rand.Rand
	n     int
	order []int
	next  int
	held  []int // product-only rows skipped method titles; the next invention row takes them
}

func newTitleDeck(r *rand.Rand, titles []titleInfo, featured []string) *titleDeck {
	d := &titleDeck{r: r, n: len(titles)}
	var lead, rest []int
	for i, t := range titles {
		if len(featured) > 0 && containsAny(t.title, featured...) {
			lead = append(lead, i)
		} else {
			rest = append(rest, i)
		}
	}
	r.Shuffle(len(lead), func(i, j int) { lead[i], lead[j] = lead[j], lead[i] })
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	d.order = append(lead, rest...)
	return d
}

// deal returns the index of the next title, starting a new shuffled pass when the
// current one is used up.
func (d *titleDeck) deal() int {
	if d.next == len(d.order) {
		d.order = d.r.Perm(d.n)
		d.next = 0
	}
	d.next++
	return d.order[d.next-1]
}

// maxHeld bounds the held titles; beyond it a skipped title waits for its next pass.
const maxHeld = 1024

// hold keeps a title a row could not use for the next row that can.
func (d *titleDeck) hold(i int) {
	if len(d.held) < maxHeld {
		d.held = append(d.held, i)
	}
}

// takeHeld returns a held title, or false when none is held.
func (d *titleDeck) takeHeld() (int, bool) {
	if len(d.held) == 0 {
		return 0, false
	}
	i := d.held[0]
	d.held = d.held[1:]
	return i, true
}
