package search

import (
	"context"
	"encoding/csv"
	"os"
	"slices"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// RouterFactory trains a router on labelled titles (the evaluation's corpus only).
type RouterFactory func(rows []refdata.LabeledTitle) Router

// labeledDoc is the index doc of a labelled title: its subclasses as IPC codes and
// their Chinese titles.
func labeledDoc(ref *refdata.Data, t refdata.LabeledTitle) Doc {
	d := Doc{ID: t.PublicationNumber, Title: t.Title, IPC: t.Subclasses}
	var titles []string
	for _, s := range t.Subclasses {
		if title := ref.IPCTitle(s); title != "" {
			titles = append(titles, title)
		}
	}
	d.IPCTitles = strings.Join(titles, "；")
	return d
}

// EvalMatch indexes the corpus titles (with their subclasses and IPC titles), trains
// a router on the corpus only (newRouter may be nil: no router), runs each query
// title through the matcher and through a default Bleve match query on the titles,
// and reports field precision@k: the share of returned patents having at least one of
// the query's subclasses (a query the corpus also holds never finds itself). When
// predictionsPath is set it writes publication_number,matches (|-separated, rank order).
func EvalMatch(ctx context.Context, corpusPath, queryPath string, k int, predictionsPath string, newRouter RouterFactory) (MatchMetrics, error) {
	if k <= 0 {
		k = 10
	}
	corpus, err := refdata.ReadLabeledTitlesFile(corpusPath)
	if err != nil {
		return MatchMetrics{}, err
	}
	queries, err := refdata.ReadLabeledTitlesFile(queryPath)
	if err != nil {
		return MatchMetrics{}, err
	}
	ref := refdata.Default()
	docs := make([]Doc, len(corpus))
	for i, t := range corpus {
		docs[i] = labeledDoc(ref, t)
	}
	ix, err := indexDocs(docs)
	if err != nil {
		return MatchMetrics{}, err
	}
	defer ix.Close()
	var router Router
	if newRouter != nil {
		router = newRouter(corpus)
	}
	subs := make(map[string][]string, len(corpus))
	for _, t := range corpus {
		subs[t.PublicationNumber] = t.Subclasses
	}
	var w *csv.Writer
	if predictionsPath != "" {
		f, err := os.Create(predictionsPath)
		if err != nil {
			return MatchMetrics{}, err
		}
		defer f.Close()
		w = csv.NewWriter(f)
		w.Write([]string{"publication_number", "matches"})
	}
	m := NewMatcher(ix, router, MatcherOptions{Ref: ref})
	var prec, base, top1 float64
	for _, q := range queries {
		res, err := m.Match(ctx, patentbridge.MatchRequest{Text: q.Title, Limit: k + 1, All: true}, nil)
		if err != nil && patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			return MatchMetrics{}, err
		}
		var ids []string
		if res != nil {
			for _, it := range res.Items {
				ids = append(ids, it.AppNo)
			}
			if len(res.IPCPredictions) > 0 && slices.Contains(q.Subclasses, res.IPCPredictions[0].Subclass) {
				top1++
			}
		}
		ids = withoutID(ids, q.PublicationNumber, k)
		prec += fieldPrecision(ids, subs, q.Subclasses)
		bids, err := defaultBleve(ctx, ix, "title", q.Title, k+1)
		if err != nil {
			return MatchMetrics{}, err
		}
		base += fieldPrecision(withoutID(bids, q.PublicationNumber, k), subs, q.Subclasses)
		if w != nil {
			w.Write([]string{q.PublicationNumber, strings.Join(ids, "|")})
		}
	}
	if w != nil {
		if w.Flush(); w.Error() != nil {
			return MatchMetrics{}, w.Error()
		}
	}
	n := float64(max(len(queries), 1))
	mm := MatchMetrics{K: k, Corpus: len(corpus), Queries: len(queries), Precision: prec / n, BaselinePrecision: base / n}
	if router != nil {
		mm.RouterTop1 = top1 / n
	}
	return mm, nil
}

// withoutID drops id from ids and keeps the first k.
func withoutID(ids []string, id string, k int) []string {
	out := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == id })
	return out[:min(k, len(out))]
}

// fieldPrecision is the share of ids having one of the true subclasses (0 when none returned).
func fieldPrecision(ids []string, subs map[string][]string, truth []string) float64 {
	if len(ids) == 0 {
		return 0
	}
	hit := 0
	for _, id := range ids {
		if slices.ContainsFunc(subs[id], func(s string) bool { return slices.Contains(truth, s) }) {
			hit++
		}
	}
	return float64(hit) / float64(len(ids))
}
