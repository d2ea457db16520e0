package search

import "strings"

// dedupKey is how many leading characters two copies of an abstract must share.
const dedupKey = 16

// dedup merges copies of the same abstract: identical texts, or one text a prefix
// of the other when both share at least dedupKey characters (the CSL titles file
// cuts the abstracts that the keywords file holds whole). A document keeps the id
// of its first occurrence and the longest text.
type dedup struct {
	docs  []Doc
	byKey map[string][]int // leading characters -> indexes into docs
}

func key(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), dedupKey)])
}

// add records an abstract under id unless a copy is already there.
func (d *dedup) add(id, text string) {
	if d.byKey == nil {
		d.byKey = map[string][]int{}
	}
	k := key(text)
	if i, ok := d.lookup(k, text); ok {
		if len(text) > len(d.docs[i].Abstract) {
			d.docs[i].Abstract = text
		}
		return
	}
	d.byKey[k] = append(d.byKey[k], len(d.docs))
	d.docs = append(d.docs, Doc{ID: id, Abstract: text})
}

// find returns the id of the document an abstract belongs to, or "".
func (d *dedup) find(text string) string {
	if i, ok := d.lookup(key(text), text); ok {
		return d.docs[i].ID
	}
	return ""
}

func (d *dedup) lookup(k, text string) (int, bool) {
	for _, i := range d.byKey[k] {
		a := d.docs[i].Abstract
		if strings.HasPrefix(a, text) || strings.HasPrefix(text, a) {
			return i, true
		}
	}
	return 0, false
}
