package search

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// realFixture is an in-memory index of the real labeled titles (about 7,800),
// each with its real IPC subclasses and synthetic city, grade and grant year.
type realFixture struct {
	ix      *Index
	patents map[string]*patentbridge.Patent
	grades  map[string]string
	// industries are made up (every 5th title 电子信息, every 7th 涉农) to test the facet.
	industries map[string][]string
}

var (
	fixtureOnce sync.Once
	fixture     *realFixture
	fixtureErr  error
)

func MustRealFixture(tb testing.TB) *realFixture {
	tb.Helper()
	fixtureOnce.Do(func() {
		ref := refdata.Default()
		ix, err := OpenIndex("")
		if err != nil {
			fixtureErr = err
			return
		}
		f := &realFixture{ix: ix, patents: map[string]*patentbridge.Patent{}, grades: map[string]string{}, industries: map[string][]string{}}
		var docs []Doc
		for i, lt := range ref.LabeledTitles() {
			p := realPatent(i, lt)
			f.patents[p.AppNo] = p
			grade := []string{"A", "B", "C", ""}[i%4]
			f.grades[p.AppNo] = grade
			var inds []string
			if i%5 == 0 {
				inds = append(inds, "5+1：电子信息")
			}
			if i%7 == 0 {
				inds = append(inds, "涉农专利")
			}
			f.industries[p.AppNo] = inds
			docs = append(docs, DocFromPatent(p, ref, DocExtra{Grade: grade, Industries: inds}))
		}
		fixtureErr = ix.Put(docs)
		fixture = f
	})
	if fixtureErr != nil {
		tb.Fatal(fixtureErr)
	}
	return fixture
}

// realPatent makes a patent of a real title: its kind from the publication number's
// letter (U: utility model, else invention), granted unless published as A.
func realPatent(i int, lt refdata.LabeledTitle) *patentbridge.Patent {
	p := &patentbridge.Patent{
		AppNo:      fmt.Sprintf("T%06d", i),
		Kind:       patentbridge.KindInvention,
		Title:      lt.Title,
		IPC:        lt.Subclasses,
		RegionCode: []string{"510104", "510703", "510502"}[i%3],
		Status:     patentbridge.StatusInForce,
		Patentees:  []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}},
	}
	if strings.HasSuffix(lt.PublicationNumber, "U") {
		p.Kind = patentbridge.KindUtility
	}
	if !strings.HasSuffix(lt.PublicationNumber, "A") {
		p.GrantDate = time.Date(2015+i%10, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	return p
}

// MustSearch runs a search on the fixture or fails.
func MustSearch(tb testing.TB, f *realFixture, q patentbridge.SearchQuery) *patentbridge.SearchResult {
	tb.Helper()
	res, err := NewSearcher(f.ix, nil).Search(context.Background(), q)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func TestSearchWordsMatchExactlyFirst(t *testing.T) {
	f := MustRealFixture(t)
	for _, word := range []string{"电池", "白酒", "深度学习", "锂离子电池", "图像处理"} {
		t.Run(word, func(t *testing.T) {
			want := map[string]bool{}
			for id, p := range f.patents {
				if strings.Contains(p.Title, word) {
					want[id] = true
				}
			}
			if len(want) == 0 {
				t.Fatalf("no real title contains %s", word)
			}
			res := MustSearch(t, f, patentbridge.SearchQuery{Text: word, Filter: patentbridge.PatentFilter{Limit: len(want)}})
			if res.Total < len(want) {
				t.Fatalf("total %d, want at least the %d titles containing %s", res.Total, len(want), word)
			}
			for i, h := range res.Hits {
				if !want[h.AppNo] {
					t.Errorf("hit %d %q does not contain %s but ranks before a title that does", i, f.patents[h.AppNo].Title, word)
				}
			}
		})
	}
}

func TestSearchMultiWordFindsDocsWithEveryWord(t *testing.T) {
	f := MustRealFixture(t)
	words := []string{"锂离子", "电池", "正极"}
	// A word counts when it is in the title or in the IPC titles, which are indexed too.
	hasAll := func(p *patentbridge.Patent) bool {
		text := p.Title + " " + refTitles(p)
		for _, w := range words {
			if !strings.Contains(text, w) {
				return false
			}
		}
		return true
	}
	all := 0
	for _, p := range f.patents {
		if hasAll(p) {
			all++
		}
	}
	res := MustSearch(t, f, patentbridge.SearchQuery{Text: strings.Join(words, " "), Filter: patentbridge.PatentFilter{Limit: all + 20}})
	if all == 0 || res.Total != all || len(res.Hits) != all || res.Partial {
		t.Fatalf("%d docs have every word; total %d, %d hits, partial %v", all, res.Total, len(res.Hits), res.Partial)
	}
	for i, h := range res.Hits {
		if p := f.patents[h.AppNo]; !hasAll(p) {
			t.Errorf("hit %d %q lacks a word", i, p.Title)
		}
	}
}

func TestSearchWithoutFullMatchFallsBackToSomeWords(t *testing.T) {
	f := MustRealFixture(t)
	// No real title is about both liquor and lithium batteries.
	words := []string{"白酒", "锂离子电池"}
	count := func(p *patentbridge.Patent) int {
		n, text := 0, p.Title+" "+refTitles(p)
		for _, w := range words {
			if strings.Contains(text, w) {
				n++
			}
		}
		return n
	}
	some := 0
	for _, p := range f.patents {
		if count(p) == 2 {
			t.Fatalf("%q has both words", p.Title)
		}
		if count(p) == 1 {
			some++
		}
	}
	res := MustSearch(t, f, patentbridge.SearchQuery{Text: strings.Join(words, " "), Filter: patentbridge.PatentFilter{Limit: 10}})
	if !res.Partial || res.Total < some || len(res.Hits) != 10 {
		t.Fatalf("partial %v, total %d (%d docs have one word), %d hits", res.Partial, res.Total, some, len(res.Hits))
	}
	titled := func(p *patentbridge.Patent) bool {
		return strings.Contains(p.Title, words[0]) || strings.Contains(p.Title, words[1])
	}
	for i, h := range res.Hits {
		p := f.patents[h.AppNo]
		if count(p) == 0 {
			t.Errorf("hit %d %q has neither word", i, p.Title)
		}
		if i > 0 && titled(p) && !titled(f.patents[res.Hits[i-1].AppNo]) {
			t.Errorf("hit %d %q has a word in its title but ranks after a hit without", i, p.Title)
		}
	}
	// Three words no title holds together: the hits hold two of them.
	three := MustSearch(t, f, patentbridge.SearchQuery{Text: "锂离子 电池 白酒", Filter: patentbridge.PatentFilter{Limit: 50}})
	if !three.Partial || len(three.Hits) == 0 {
		t.Fatalf("partial %v, %d hits", three.Partial, len(three.Hits))
	}
	for i, h := range three.Hits {
		p := f.patents[h.AppNo]
		text := p.Title + " " + refTitles(p)
		n := 0
		for _, w := range []string{"锂离子", "电池", "白酒"} {
			if strings.Contains(text, w) {
				n++
			}
		}
		if n != 2 {
			t.Errorf("hit %d %q holds %d of the 3 words, want 2", i, p.Title, n)
		}
	}
	none := MustSearch(t, f, patentbridge.SearchQuery{Text: "白酒 锂离子电池 量子纠缠通信卫星"})
	if none.Partial != (none.Total > 0) {
		t.Errorf("partial %v with total %d", none.Partial, none.Total)
	}
}

func TestSearchHighlightsAndEscapes(t *testing.T) {
	ix, err := OpenIndex("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	p := &patentbridge.Patent{AppNo: "X1", Title: "一种<script>电池</script>&散热装置", Abstract: "本发明涉及电池。"}
	if err := ix.Put([]Doc{DocFromPatent(p, nil, DocExtra{})}); err != nil {
		t.Fatal(err)
	}
	res, err := NewSearcher(ix, nil).Search(context.Background(), patentbridge.SearchQuery{Text: "电池"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("hits %v, err %v", res, err)
	}
	got := res.Hits[0].Fragments
	if want := "一种&lt;script&gt;<mark>电池</mark>&lt;/script&gt;&amp;散热装置"; len(got["title"]) != 1 || got["title"][0] != want {
		t.Errorf("title fragments %q, want %q", got["title"], want)
	}
	if len(got["abstract"]) != 1 || !strings.Contains(got["abstract"][0], "<mark>电池</mark>") {
		t.Errorf("abstract fragments %q", got["abstract"])
	}
}

func TestSearchEmptyQuery(t *testing.T) {
	f := MustRealFixture(t)
	_, err := NewSearcher(f.ix, nil).Search(context.Background(), patentbridge.SearchQuery{Text: "  "})
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorMessage(err) != "请输入检索词" {
		t.Errorf("err %v, want EINVALID 请输入检索词", err)
	}
}
