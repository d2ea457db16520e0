package route

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"patentbridge/internal/gen"
	"patentbridge/internal/refdata"
)

// realAbstracts reads ../shared/data/patents/cn_g06f_abstracts_cpc.csv: 57 real
// G06F patents, their titles and abstracts with their CPC subclasses.
func realAbstracts(tb testing.TB) (titles, abstracts []Example) {
	tb.Helper()
	f, err := os.Open("../../../../shared/data/patents/cn_g06f_abstracts_cpc.csv")
	if err != nil {
		tb.Skip("../shared/data/patents/cn_g06f_abstracts_cpc.csv is absent")
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows[1:] {
		var labels []string
		if err := json.Unmarshal([]byte(r[3]), &labels); err != nil {
			tb.Fatal(err)
		}
		var subs []string
		for _, l := range labels {
			if s := l[:4]; !contains(subs, s) {
				subs = append(subs, s)
			}
		}
		var title, abstract string
		for _, line := range strings.Split(r[2], "\n") {
			if t, ok := strings.CutPrefix(line, "Title: "); ok {
				title = t
			}
			if a, ok := strings.CutPrefix(line, "Abstract: "); ok {
				abstract = a
			}
		}
		titles = append(titles, Example{Title: title, Subclasses: subs})
		abstracts = append(abstracts, Example{Title: abstract, Subclasses: subs})
	}
	return titles, abstracts
}

// TestRealAbstractsRouteAsWellAsTitles: the product's model routes the real
// abstracts at least as well as their titles (top-1 and recall@3).
func TestRealAbstractsRouteAsWellAsTitles(t *testing.T) {
	titles, abstracts := realAbstracts(t)
	mt, ma := Evaluate(Default(), titles, EvalK), Evaluate(Default(), abstracts, EvalK)
	t.Logf("titles    %v\nabstracts %v", mt, ma)
	if ma.Top1 < mt.Top1 || ma.RecallAt3 < mt.RecallAt3 {
		t.Errorf("abstracts route worse than titles: top-1 %.3f < %.3f or recall@3 %.3f < %.3f", ma.Top1, mt.Top1, ma.RecallAt3, mt.RecallAt3)
	}
}

// TestLongTextVariants prints, for the model trained on the shipped titles, the
// routing of real and generated abstracts with the long-text settings varied; set
// ROUTE_LONG=1.
func TestLongTextVariants(t *testing.T) {
	if os.Getenv("ROUTE_LONG") == "" {
		t.Skip("set ROUTE_LONG=1")
	}
	rt, ra := realAbstracts(t)
	gt, ga, err := heldOutExamples(context.Background(), gen.Corpus{N: 3000, Seed: 20211}, refdata.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name string
		set  func(*params)
	}{
		{"none", func(p *params) { p.longStrip = false }},
		{"strip", func(p *params) {}},
		{"strip+q48", func(p *params) { p.maxQuery = 48 }},
		{"strip+q96", func(p *params) { p.maxQuery = 96 }},
	} {
		p := defaultParams
		v.set(&p)
		m := train(Examples(refdata.Default().LabeledTitles()), refdata.Default(), p)
		t.Logf("%-10s real titles %.3f/%.3f abstracts %.3f/%.3f | generated titles %.3f/%.3f abstracts %.3f/%.3f", v.name,
			Evaluate(m, rt, 5).Top1, Evaluate(m, rt, 5).RecallAt3, Evaluate(m, ra, 5).Top1, Evaluate(m, ra, 5).RecallAt3,
			Evaluate(m, gt, 5).Top1, Evaluate(m, gt, 5).RecallAt3, Evaluate(m, ga, 5).Top1, Evaluate(m, ga, 5).RecallAt3)
	}
}
