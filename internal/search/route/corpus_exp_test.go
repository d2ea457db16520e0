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
