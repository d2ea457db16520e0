package route

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// BaselineK is how many neighbours vote in the Bleve baseline.
const BaselineK = 30

// bleveBaseline is the reference router: an in-memory Bleve index of the
// training titles (cjk analyzer, BM25), a default match query per text, and the
// first BaselineK neighbours each voting their subclasses with their score.
type bleveBaseline struct {
	bi     bleve.Index
	labels [][]string // by document number
}

// newBleveBaseline indexes the training titles.
func newBleveBaseline(train []Example) (*bleveBaseline, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = cjk.AnalyzerName
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("route: baseline index: %w", err)
	}
	b := &bleveBaseline{bi: bi, labels: make([][]string, len(train))}
	batch := bi.NewBatch()
	for i, ex := range train {
		b.labels[i] = ex.Subclasses
		if err := batch.Index(strconv.Itoa(i), map[string]string{"title": ex.Title}); err != nil {
			bi.Close()
			return nil, err
		}
	}
	// One batch makes one segment: the scores do not depend on background merges.
	if err := bi.Batch(batch); err != nil {
		bi.Close()
		return nil, err
	}
	return b, nil
}

// ranked returns the subclasses the neighbours of text vote for, best first, with
// their summed scores.
func (b *bleveBaseline) ranked(ctx context.Context, text string) ([]string, []float64, error) {
	q := bleve.NewMatchQuery(text)
	q.SetField("title")
	// Bleve sums a hit's term scores in no fixed order, so equal scores may differ in
	// their last bits: round them, and fetch a few more hits to order ties by id.
	res, err := b.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, BaselineK+20, 0, false))
	if err != nil {
		return nil, nil, err
	}
	type hit struct {
		doc   int
		score float64
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		d, err := strconv.Atoi(h.ID)
		if err != nil {
			return nil, nil, err
		}
		hits[i] = hit{d, math.Round(h.Score*1e9) / 1e9}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].doc < hits[j].doc
	})
	votes := map[string]float64{}
	for _, h := range hits[:min(BaselineK, len(hits))] {
		for _, s := range b.labels[h.doc] {
			votes[s] += h.score
		}
	}
	got := make([]string, 0, len(votes))
	for s := range votes {
		got = append(got, s)
	}
	sort.Slice(got, func(i, j int) bool {
		if votes[got[i]] != votes[got[j]] {
			return votes[got[i]] > votes[got[j]]
		}
		return got[i] < got[j]
	})
	scores := make([]float64, len(got))
	for i, s := range got {
		scores[i] = votes[s]
	}
	return got, scores, nil
}

// Close releases the index.
func (b *bleveBaseline) Close() error { return b.bi.Close() }
