package route

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"patentbridge/internal/gen"
	"patentbridge/internal/refdata"
)

// TestCorpusEvalGenerated prints eval ipc --db's report on ROUTE_CORPUS_N generated
// patents (the demo's seed and featured words); set ROUTE_CORPUS_K for the cap.
func TestCorpusEvalGenerated(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ROUTE_CORPUS_N"))
	if n == 0 {
		t.Skip("set ROUTE_CORPUS_N to evaluate on generated patents")
	}
	k, _ := strconv.Atoi(os.Getenv("ROUTE_CORPUS_K"))
	c := gen.Corpus{N: n, Seed: 20211, Featured: []string{"酒", "茶", "锂", "农", "播种", "耕"}}
	t0 := time.Now()
	if _, err := RunCorpusEval(context.Background(), c, refdata.Default(), CorpusOptions{PerSubclass: k}, os.Stdout, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("%.1fs", time.Since(t0).Seconds())
}

// TestTrainCorpusGenerated trains on ROUTE_TRAIN_N generated patents and logs the time.
func TestTrainCorpusGenerated(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ROUTE_TRAIN_N"))
	if n == 0 {
		t.Skip("set ROUTE_TRAIN_N to train on generated patents")
	}
	t0 := time.Now()
	_, st, err := TrainCorpus(context.Background(), gen.Corpus{N: n, Seed: 42}, refdata.Default(), CorpusOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v in %.1fs", st, time.Since(t0).Seconds())
}

func TestCountSchemeNodes(t *testing.T) {
	if os.Getenv("ROUTE_TRAIN_N") == "" {
		t.Skip()
	}
	m := map[string]int32{}
	for i, s := range refdata.Default().Subclasses() {
		m[s.Code] = int32(i)
	}
	t.Logf("scheme nodes %d", len(schemeNodes(refdata.Default(), m, subApart)))
}

// TestCorpusVariants prints the held-out routing of corpus models whose settings
// vary, on ROUTE_VARIANTS_N generated patents (demo seed), and on the real abstracts.
func TestCorpusVariants(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ROUTE_VARIANTS_N"))
	if n == 0 {
		t.Skip("set ROUTE_VARIANTS_N")
	}
	k, _ := strconv.Atoi(os.Getenv("ROUTE_CORPUS_K"))
	if k == 0 {
		k = DefaultPerSubclass
	}
	ref := refdata.Default()
	ctx := context.Background()
	c := gen.Corpus{N: n, Seed: 20211, Featured: []string{"酒", "茶", "锂", "农", "播种", "耕"}}
	titles, abstracts, err := heldOutExamples(ctx, c, ref)
	if err != nil {
		t.Fatal(err)
	}
	rows, _, _, err := corpusExamples(ctx, trainPart{c}, ref, k)
	if err != nil {
		t.Fatal(err)
	}
	test := map[string]bool{}
	for _, ex := range append(titles, abstracts...) {
		test[ex.Title] = true
	}
	var kept []Example
	for _, r := range rows {
		if !test[r.Title] {
			kept = append(kept, r)
		}
	}
	rt, ra := realAbstracts(t)
	for _, v := range []struct {
		name string
		set  func(*params)
	}{
		{"corpus", func(p *params) {}},
		{"nostrip", func(p *params) { p.longStrip = false }},
		{"feats96", func(p *params) { p.maxDocFeats = 96 }},
		{"rows0", func(p *params) { p.maxRows = 0 }},
	} {
		if os.Getenv("ROUTE_VARIANT_ONLY") != "" && v.name != "corpus" {
			continue
		}
		p := corpusParams(len(kept))
		v.set(&p)
		t0 := time.Now()
		m := train(kept, ref, p)
		t.Logf("k=%d examples %d %-8s titles %.3f/%.3f abstracts %.3f/%.3f | real titles %.3f abstracts %.3f (%.0fs)", k, len(kept), v.name,
			Evaluate(m, titles, 5).Top1, Evaluate(m, titles, 5).RecallAt3, Evaluate(m, abstracts, 5).Top1, Evaluate(m, abstracts, 5).RecallAt3,
			Evaluate(m, rt, 5).Top1, Evaluate(m, ra, 5).Top1, time.Since(t0).Seconds())
	}
}
