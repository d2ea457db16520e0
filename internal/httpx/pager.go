package httpx

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"patentbridge"
)

// pagerNeighbours is how many page numbers the pager shows on each side of the current one.
const pagerNeighbours = 2

// maxPage bounds the page parameter of every list.
const maxPage = 1 << 20

// Pager is the page navigation every HTML list shows (the "pager" template):
// previous and next, the page numbers (first, …, neighbours, …, last), a form to
// jump to a page that keeps the list's filters, and, on a page past the last one,
// the way back to the last and the first page.
type Pager struct {
	Page, Pages, Total int
	PrevURL, NextURL   string
	FirstURL, LastURL  string
	Links              []PageLink
	// PastEnd: the page asked for lies beyond the last one (the list shows nothing).
	PastEnd bool
	// Action and Hidden are the jump form's path and the filters it resubmits.
	Action string
	Hidden []HiddenField
}

// PageLink is one entry of the page numbers: a page, or a gap ("…") when Gap.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// HiddenField is a query parameter a form carries over unchanged.
type HiddenField struct{ Name, Value string }

// NewPager builds the navigation of a list at path whose filters are q (its
// page and offset parameters are replaced), holding total rows shown limit at a
// time from offset.
func NewPager(path string, q url.Values, total, limit, offset int) Pager {
	limit = max(1, limit)
	keep := url.Values{}
	for k, vs := range q {
		if k == "page" || k == "offset" || len(vs) == 0 || (len(vs) == 1 && strings.TrimSpace(vs[0]) == "") {
			continue
		}
		keep[k] = vs
	}
	link := func(n int) string {
		c := url.Values{}
		for k, vs := range keep {
			c[k] = vs
		}
		c.Set("page", strconv.Itoa(n))
		return path + "?" + c.Encode()
	}
	p := Pager{Total: total, Page: offset/limit + 1, Pages: max(1, (total+limit-1)/limit), Action: path}
	p.FirstURL, p.LastURL = link(1), link(p.Pages)
	p.PastEnd = offset > 0 && offset >= total
	if p.Page > 1 && !p.PastEnd {
		p.PrevURL = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = link(p.Page + 1)
	}
	for _, n := range pageNumbers(p.Page, p.Pages) {
		if n == 0 {
			p.Links = append(p.Links, PageLink{Gap: true})
		} else {
			p.Links = append(p.Links, PageLink{Number: n, URL: link(n), Current: n == p.Page})
		}
	}
	names := make([]string, 0, len(keep))
	for k := range keep {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range keep[k] {
			p.Hidden = append(p.Hidden, HiddenField{k, v})
		}
	}
	return p
}

// Many reports whether the list has more than one page, or the page asked for is
// past the end: then the pager is worth showing.
func (p Pager) Many() bool { return p.Pages > 1 || p.PastEnd }

// pageNumbers lists the pages to show: the first, the current one with its
// neighbours and the last, with 0 where pages are left out.
func pageNumbers(cur, pages int) []int {
	out := []int{1}
	add := func(n int) {
		if n <= out[len(out)-1] || n > pages {
			return
		}
		if n > out[len(out)-1]+1 {
			out = append(out, 0)
		}
		out = append(out, n)
	}
	for n := cur - pagerNeighbours; n <= cur+pagerNeighbours; n++ {
		add(n)
	}
	add(pages)
	return out
}

// PageOffset reads a list's position from its query: the 1-based page, else an
// offset (older links); 0 when neither is given. Returns EINVALID naming the
// parameter for a value that is not a number in range.
func PageOffset(q url.Values, limit int) (int, error) {
	if v := strings.TrimSpace(q.Get("page")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return 0, patentbridge.FieldErrorf("page", "页码 %q 无效：应为 1 到 %d 之间的整数", v, maxPage)
		}
		return (n - 1) * max(1, limit), nil
	}
	return intParam(q, "offset", "偏移量", 0, 0, 1<<30)
}
