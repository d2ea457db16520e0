package search

import (
	"encoding/json"
	"fmt"
	"io"
)

// RankMetrics are known-item retrieval figures of one ranker.
type RankMetrics struct {
	MRR     float64 `json:"mrr_at_k"`
	Recall1 float64 `json:"recall_at_1"`
	RecallK float64 `json:"recall_at_k"`
}

// RetrievalMetrics compares the matcher with a default Bleve match query on a
// known-item retrieval set (CSL: a title or keywords find their abstract).
type RetrievalMetrics struct {
	K        int         `json:"k"`
	Docs     int         `json:"docs"` // distinct abstracts indexed
	Queries  int         `json:"queries"`
	Product  RankMetrics `json:"product"`
	Baseline RankMetrics `json:"baseline_bleve"`
}

// MatchMetrics compares the matcher with a default Bleve match query on IPC-labelled
// titles: field precision@k is the share of returned patents sharing a subclass with the query.
type MatchMetrics struct {
	K                 int     `json:"k"`
	Corpus            int     `json:"corpus"`
	Queries           int     `json:"queries"`
	Precision         float64 `json:"field_precision_at_k"`
	BaselinePrecision float64 `json:"baseline_bleve_field_precision_at_k"`
	RouterTop1        float64 `json:"router_top1_precision,omitempty"` // the router's first subclass is a true one
}

// WriteText prints the figures as aligned text.
func (m RetrievalMetrics) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "文档 %d，查询 %d，k=%d\n%-14s MRR@%d=%.4f  Recall@1=%.4f  Recall@%d=%.4f\n%-14s MRR@%d=%.4f  Recall@1=%.4f  Recall@%d=%.4f\n",
		m.Docs, m.Queries, m.K,
		"matcher", m.K, m.Product.MRR, m.Product.Recall1, m.K, m.Product.RecallK,
		"bleve-default", m.K, m.Baseline.MRR, m.Baseline.Recall1, m.K, m.Baseline.RecallK)
	return err
}

// WriteText prints the figures as aligned text.
func (m MatchMetrics) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "语料 %d，查询 %d，k=%d\n%-14s field precision@%d=%.4f (router top-1 %.4f)\n%-14s field precision@%d=%.4f\n",
		m.Corpus, m.Queries, m.K, "matcher", m.K, m.Precision, m.RouterTop1, "bleve-default", m.K, m.BaselinePrecision)
	return err
}

// WriteJSON prints the figures as indented JSON.
func (m RetrievalMetrics) WriteJSON(w io.Writer) error { return writeJSON(w, m) }

// WriteJSON prints the figures as indented JSON.
func (m MatchMetrics) WriteJSON(w io.Writer) error { return writeJSON(w, m) }

func writeJSON(w io.Writer, v any) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(v)
}

// rankAccumulator sums reciprocal ranks and recalls over queries.
type rankAccumulator struct {
	n, rr, r1, rk float64
}

// add records where the relevant doc came in ids (top k).
func (a *rankAccumulator) add(ids []string, relevant string, k int) {
	a.n++
	for i, id := range ids[:min(k, len(ids))] {
		if id == relevant {
			a.rr += 1 / float64(i+1)
			a.rk++
			if i == 0 {
				a.r1++
			}
			return
		}
	}
}

func (a *rankAccumulator) metrics() RankMetrics {
	if a.n == 0 {
		return RankMetrics{}
	}
	return RankMetrics{MRR: a.rr / a.n, Recall1: a.r1 / a.n, RecallK: a.rk / a.n}
}
