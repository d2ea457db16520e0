package search

import (
	"sort"

	"patentbridge"
)

// Push returns the push list of a set of patents (a supply list's, in its
// order): every enterprise that fits at least one of them and passes keep (nil
// keeps all), with at most per of its fitting patents, best first; the
// enterprises are ordered by their best score, then by how many patents they got.
func (m *EnterpriseMatcher) Push(ps []*patentbridge.Patent, per int, keep func(e *patentbridge.Enterprise) bool) []patentbridge.EnterprisePush {
	if per <= 0 {
		per = patentbridge.PushDefaultPerEnterprise
	}
	byCode := map[string]*patentbridge.EnterprisePush{}
	for _, p := range ps {
		for _, f := range m.fits(p) {
			if keep != nil && !keep(f.e) {
				continue
			}
			ep := byCode[f.e.CreditCode]
			if ep == nil {
				ep = &patentbridge.EnterprisePush{Enterprise: *f.e}
				byCode[f.e.CreditCode] = ep
			}
			ep.Items = append(ep.Items, patentbridge.PushItem{AppNo: p.AppNo, Title: p.Title, Score: f.ev.Score(), Reason: f.ev.Reason()})
		}
	}
	out := make([]patentbridge.EnterprisePush, 0, len(byCode))
	for _, ep := range byCode {
		sort.SliceStable(ep.Items, func(i, j int) bool { return ep.Items[i].Score > ep.Items[j].Score })
		ep.Items = ep.Items[:min(len(ep.Items), per)]
		out = append(out, *ep)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Best() != b.Best():
			return a.Best() > b.Best()
		case len(a.Items) != len(b.Items):
			return len(a.Items) > len(b.Items)
		}
		return a.Enterprise.Name < b.Enterprise.Name
	})
	return out
}
