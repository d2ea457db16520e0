package search

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"patentbridge"
)

// cslRow is one line of a CSL file: task, abstract, title or keywords joined by "_".
type cslRow struct{ abstract, query string }

func readCSL(path string) ([]cslRow, error) {
	f, err := patentbridge.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []cslRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 3 {
			return nil, fmt.Errorf("%s 第%d行：应有3列（任务、摘要、标题或关键词），实际%d列", path, n, len(p))
		}
		rows = append(rows, cslRow{abstract: strings.TrimSpace(p[1]), query: strings.ReplaceAll(strings.TrimSpace(p[2]), "_", " ")})
	}
	return rows, sc.Err()
}

// EvalRetrieval indexes every abstract of the CSL-format docPaths (one document per
// distinct abstract — see dedup: the CSL titles file holds truncated copies of the
// keywords file's abstracts — whose id is its first occurrence's "FILE:ROW", FILE as
// given and ROW 0-based), runs each row of queryPath
// (its title, or its keywords with "_" read as spaces) through the matcher (no
// router: these documents have no IPC codes) and through a default Bleve match
// query, and scores where the row's own abstract comes in the top k. When
// predictionsPath is set, it writes one line per query: the 0-based row, a tab, the
// matcher's ids in rank order separated by commas.
func EvalRetrieval(ctx context.Context, docPaths []string, queryPath string, k int, predictionsPath string) (RetrievalMetrics, error) {
	if k <= 0 {
		k = 10
	}
	var dd dedup
	for _, p := range docPaths {
		rows, err := readCSL(p)
		if err != nil {
			return RetrievalMetrics{}, err
		}
		for i, r := range rows {
			dd.add(fmt.Sprintf("%s:%d", p, i), r.abstract)
		}
	}
	docs := dd.docs
	queries, err := readCSL(queryPath)
	if err != nil {
		return RetrievalMetrics{}, err
	}
	ix, err := indexDocs(docs)
	if err != nil {
		return RetrievalMetrics{}, err
	}
	defer ix.Close()
	var out *bufio.Writer
	if predictionsPath != "" {
		f, err := os.Create(predictionsPath)
		if err != nil {
			return RetrievalMetrics{}, err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
	}
	m := NewMatcher(ix, nil, MatcherOptions{})
	var prod, base rankAccumulator
	for i, q := range queries {
		rel := dd.find(q.abstract)
		if rel == "" {
			return RetrievalMetrics{}, fmt.Errorf("%s 第%d行的摘要不在文档集中（请把查询文件也列入 --docs）", filepath.Base(queryPath), i+1)
		}
		ids, err := m.matchIDs(ctx, q.query, k)
		if err != nil {
			return RetrievalMetrics{}, err
		}
		prod.add(ids, rel, k)
		bids, err := defaultBleve(ctx, ix, "abstract", q.query, k)
		if err != nil {
			return RetrievalMetrics{}, err
		}
		base.add(bids, rel, k)
		if out != nil {
			fmt.Fprintf(out, "%d\t%s\n", i, strings.Join(ids, ","))
		}
	}
	if out != nil {
		if err := out.Flush(); err != nil {
			return RetrievalMetrics{}, err
		}
	}
	return RetrievalMetrics{K: k, Docs: len(docs), Queries: len(queries), Product: prod.metrics(), Baseline: base.metrics()}, nil
}

// matchIDs returns the ids of the matcher's top k for text; an empty text finds nothing.
func (m *Matcher) matchIDs(ctx context.Context, text string, k int) ([]string, error) {
	res, err := m.Match(ctx, patentbridge.MatchRequest{Text: text, Limit: k, All: true}, nil)
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Items))
	for i, it := range res.Items {
		ids[i] = it.AppNo
	}
	return ids, nil
}

// defaultBleve runs a plain Bleve match query on one field: the baseline.
func defaultBleve(ctx context.Context, ix *Index, field, text string, k int) ([]string, error) {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	res, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, k, 0, false))
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// indexDocs builds an in-memory index of docs, in batches.
func indexDocs(docs []Doc) (*Index, error) {
	ix, err := OpenIndex("")
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(docs); i += 500 {
		if err := ix.Put(docs[i:min(i+500, len(docs))]); err != nil {
			ix.Close()
			return nil, err
		}
	}
	return ix, nil
}
