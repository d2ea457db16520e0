package route

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// maxHeldOut bounds the held-out patents an evaluation scores (those whose hash is
// lowest), so that its memory does not grow with the database.
const maxHeldOut = 20000

// heldOut reports whether a patent is in the evaluation's reproducible 20%: its
// 申请号 hash, salted so the split does not follow the training sample's hash.
func heldOut(appNo string) bool { return appNoHash("held-out|"+appNo)%5 == 0 }

// trainPart is the corpus without its held-out patents.
type trainPart struct{ c patentbridge.RouterCorpus }

// RouterCorpusState reports the underlying corpus's state.
func (t trainPart) RouterCorpusState(ctx context.Context) (patentbridge.CorpusState, error) {
	return t.c.RouterCorpusState(ctx)
}

// EachRouterDoc calls fn for the patents that are not held out.
func (t trainPart) EachRouterDoc(ctx context.Context, fn func(patentbridge.RouterDoc) error) error {
	return t.c.EachRouterDoc(ctx, func(d patentbridge.RouterDoc) error {
		if heldOut(d.AppNo) {
			return nil
		}
		return fn(d)
	})
}

// CorpusReport compares, on the held-out patents of a database, the router trained
// on the rest with the router trained on the shipped titles alone and with the
// default Bleve baseline built from the same training examples.
type CorpusReport struct {
	Patents   int          `json:"patents"`  // patents read for training (the other 80%)
	Sampled   int          `json:"sampled"`  // of which sampled for training
	Examples  int          `json:"examples"` // training examples, shipped titles included
	HeldOut   int          `json:"held_out"` // held-out patents scored
	K         int          `json:"k"`
	Titles    CorpusScores `json:"titles"`
	Abstracts CorpusScores `json:"abstracts"`
}

// CorpusScores are the metrics of the three routers on one kind of text.
type CorpusScores struct {
	Product    Metrics `json:"product"`     // trained on the database's training part
	TitlesOnly Metrics `json:"titles_only"` // trained on the shipped titles alone
	Baseline   Metrics `json:"baseline_bleve"`
}

// RunCorpusEval does the work of `patentbridge eval ipc --db`: it holds out a
// reproducible 20% of the corpus's patents, trains as TrainCorpus does on the rest
// (less any example whose text is a held-out title or abstract) and scores the
// held-out titles and abstracts, and prints the report to out (as JSON
// when asJSON).
func RunCorpusEval(ctx context.Context, corpus patentbridge.RouterCorpus, ref *refdata.Data, opt CorpusOptions, out io.Writer, asJSON bool) (CorpusReport, error) {
	if ref == nil {
		ref = refdata.Default()
	}
	k := opt.PerSubclass
	if k <= 0 {
		k = DefaultPerSubclass
	}
	titles, abstracts, err := heldOutExamples(ctx, corpus, ref)
	if err != nil {
		return CorpusReport{}, err
	}
	rows, sample, read, err := corpusExamples(ctx, trainPart{corpus}, ref, k)
	if err != nil {
		return CorpusReport{}, err
	}
	// A held-out text must not be learnt under another 申请号 (the generator and
	// real families repeat titles; the shipped titles may hold it too).
	test := map[string]bool{}
	for _, ex := range slices.Concat(titles, abstracts) {
		test[ex.Title] = true
	}
	unseen := func(ex Example) bool { return test[ex.Title] }
	rows = slices.DeleteFunc(rows, unseen)
	r := CorpusReport{Patents: read, Sampled: len(sample), Examples: len(rows), HeldOut: len(titles), K: EvalK}
	m := train(rows, ref, corpusParams(len(rows)))
	r.Titles.Product = Evaluate(m, titles, EvalK)
	r.Abstracts.Product = Evaluate(m, abstracts, EvalK)
	m = nil
	shipped := slices.DeleteFunc(Examples(ref.LabeledTitles()), unseen)
	base := Train(shipped, ref)
	r.Titles.TitlesOnly = Evaluate(base, titles, EvalK)
	r.Abstracts.TitlesOnly = Evaluate(base, abstracts, EvalK)
	base = nil
	bl, err := newBleveBaseline(rows)
	if err != nil {
		return CorpusReport{}, err
	}
	defer bl.Close()
	rank := func(text string) ([]string, []float64, error) { return bl.ranked(ctx, text) }
	if r.Titles.Baseline, err = evaluateRanked(titles, EvalK, rank); err != nil {
		return CorpusReport{}, err
	}
	if r.Abstracts.Baseline, err = evaluateRanked(abstracts, EvalK, rank); err != nil {
		return CorpusReport{}, err
	}
	if asJSON {
		return r, r.WriteJSON(out)
	}
	return r, r.WriteText(out)
}

// heldOutExamples returns the held-out patents' titles and abstracts (those with
// one) as test examples, at most maxHeldOut patents, those hashing lowest.
func heldOutExamples(ctx context.Context, corpus patentbridge.RouterCorpus, ref *refdata.Data) (titles, abstracts []Example, err error) {
	s := newSampler(maxHeldOut, ref)
	err = corpus.EachRouterDoc(ctx, func(d patentbridge.RouterDoc) error {
		if !heldOut(d.AppNo) {
			return nil
		}
		subs := s.subclasses(d.Subclasses)
		if len(subs) > 0 && strings.TrimSpace(d.Title) != "" {
			s.keep("", prepare(d, appNoHash(d.AppNo), subs)) // one bucket: the lowest hashes
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, d := range s.sorted() {
		titles = append(titles, Example{Title: d.title, Subclasses: d.subs})
		if d.abstract != "" {
			abstracts = append(abstracts, Example{Title: d.abstract, Subclasses: d.subs})
		}
	}
	return titles, abstracts, nil
}

// WriteText prints the report as aligned text.
func (r CorpusReport) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "训练：数据库中 80%% 的专利 %d 件（抽样 %d 件，连同内置标题共 %d 个样本）；测试：留出的 20%% 中 %d 件，k=%d\n"+
		"标题\n  %-14s %s\n  %-14s %s\n  %-14s %s\n摘要\n  %-14s %s\n  %-14s %s\n  %-14s %s\n",
		r.Patents, r.Sampled, r.Examples, r.HeldOut, r.K,
		"router", r.Titles.Product, "titles-only", r.Titles.TitlesOnly, "bleve-default", r.Titles.Baseline,
		"router", r.Abstracts.Product, "titles-only", r.Abstracts.TitlesOnly, "bleve-default", r.Abstracts.Baseline)
	return err
}

// WriteJSON prints the report as one indented JSON object.
func (r CorpusReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
