package search

import (
	"context"
	"html"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/refdata"
)

// fuzzIndex is an in-memory index of the first real labeled titles (with the
// synthetic owners, cities, kinds and grant years of realPatent), small enough
// to build in each fuzzing process.
var fuzzIndex = sync.OnceValues(func() (*Searcher, error) {
	ref := refdata.Default()
	ix, err := OpenIndex("")
	if err != nil {
		return nil, err
	}
	patents := mapFinder{}
	var docs []Doc
	for i, lt := range ref.LabeledTitles()[:400] {
		p := realPatent(i, lt)
		p.Abstract = "本发明涉及" + lt.Title + "，<b>属于</b>技术领域 & 用于生产。"
		patents[p.AppNo] = p
		docs = append(docs, DocFromPatent(p, ref, DocExtra{Grade: []string{"A", "B", "C", ""}[i%4]}))
	}
	return NewSearcher(ix, patents), ix.Put(docs)
})

type mapFinder map[string]*patentbridge.Patent

func (m mapFinder) FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error) {
	if p, ok := m[appNo]; ok {
		return p, nil
	}
	return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利 %s 不存在", appNo)
}

// FuzzSearchQuery parses a search page's query string the way the page and the
// API do (httpx.ParseSearchQuery) and runs the search: no panic; a refused query
// is EINVALID in Chinese; Request and Search agree on what they refuse; a search
// answers at most a page of distinct hits, the same ones when asked again, with
// facet counts within the total and fragments that are escaped HTML with <mark>
// around matches, giving back the hit's own title.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"q=锂离子电池", "q=电池+正极材料&kind=发明&grant_year_from=2016", "q=深度学习 图像&ipc=G06&limit=5&offset=3"} {
		f.Add(q)
	}
	s, err := fuzzIndex()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // net/http answers such a URL before any handler
		}
		q, err := httpx.ParseSearchQuery(v)
		if err != nil {
			mustChineseInvalid(t, err)
			return
		}
		_, reqErr := Request(q)
		res, err := s.Search(context.Background(), q)
		if (reqErr == nil) != (err == nil) || patentbridge.ErrorCode(reqErr) != patentbridge.ErrorCode(err) {
			t.Fatalf("%q: Request says %v, Search says %v", raw, reqErr, err)
		}
		if err != nil {
			mustChineseInvalid(t, err)
			return
		}
		mustResult(t, raw, q, res)
		again, err := s.Search(context.Background(), q)
		if err != nil || !slices.Equal(hitIDs(again), hitIDs(res)) || again.Total != res.Total {
			t.Fatalf("%q: asked twice, %v then %v (%v)", raw, hitIDs(res), hitIDs(again), err)
		}
	})
}

func mustResult(t *testing.T, raw string, q patentbridge.SearchQuery, res *patentbridge.SearchResult) {
	t.Helper()
	ids := hitIDs(res)
	if len(ids) > pageLimit(q.Filter.Limit) || res.Total < len(ids) {
		t.Fatalf("%q: %d hits of total %d, limit %d", raw, len(ids), res.Total, q.Filter.Limit)
	}
	if slices.Sort(ids); len(slices.Compact(ids)) != len(res.Hits) {
		t.Fatalf("%q: a patent is listed twice", raw)
	}
	for name, counts := range res.Facets {
		for _, c := range counts {
			if c.Count < 0 || c.Count > res.Total {
				t.Fatalf("%q: facet %s %+v beyond total %d", raw, name, c, res.Total)
			}
		}
	}
	for _, h := range res.Hits {
		if h.Patent == nil || h.Patent.AppNo != h.AppNo {
			t.Fatalf("%q: hit %s without its patent", raw, h.AppNo)
		}
		for field, frs := range h.Fragments {
			for _, fr := range frs {
				text := mustMarkedHTML(t, fr)
				if field == "title" && text != h.Patent.Title {
					t.Fatalf("%q: title fragment %q of %q", raw, fr, h.Patent.Title)
				}
			}
		}
	}
}

// FuzzHighlight checks the highlighter on any text and query: the result is
// escaped HTML with balanced, unnested <mark>s, valid UTF-8 when the text is,
// and gives back the text exactly.
func FuzzHighlight(f *testing.F) {
	f.Add("一种锂离子电池正极材料及其制备方法", "锂离子电池")
	f.Add("<script>alert(1)</script> & LiFePO4 电池", "lifepo4 电池")
	f.Fuzz(func(t *testing.T, text, query string) {
		out, _ := Highlight(text, queryTerms(query))
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("Highlight(%q, %q) = %q: invalid UTF-8", text, query, out)
		}
		if got := mustMarkedHTML(t, out); got != strings.ToValidUTF8(text, "\uFFFD") && got != text {
			t.Fatalf("Highlight(%q, %q) = %q gives back %q", text, query, out, got)
		}
	})
}

// mustMarkedHTML checks that s is escaped text with unnested <mark> elements and
// returns the text it shows.
func mustMarkedHTML(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	open := false
	for rest := s; rest != ""; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		switch {
		case !open && strings.HasPrefix(rest, "<mark>"):
			open, rest = true, rest[len("<mark>"):]
		case open && strings.HasPrefix(rest, "</mark>"):
			open, rest = false, rest[len("</mark>"):]
		default:
			t.Fatalf("%q: unescaped or misplaced markup at %q", s, rest)
		}
	}
	if open || strings.ContainsAny(b.String(), `<>"`) {
		t.Fatalf("%q: unbalanced <mark> or unescaped text", s)
	}
	return html.UnescapeString(b.String())
}

func hitIDs(res *patentbridge.SearchResult) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.AppNo)
	}
	return ids
}

func mustChineseInvalid(t *testing.T, err error) {
	t.Helper()
	msg := patentbridge.ErrorMessage(err)
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !utf8.ValidString(msg) ||
		strings.IndexFunc(msg, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) < 0 {
		t.Fatalf("error %v: want EINVALID with a Chinese message", err)
	}
}
