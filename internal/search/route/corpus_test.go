package route

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// memCorpus is a RouterCorpus over patents held in memory, in the order given.
type memCorpus []patentbridge.RouterDoc

func (c memCorpus) RouterCorpusState(context.Context) (patentbridge.CorpusState, error) {
	return patentbridge.CorpusState{Patents: len(c)}, nil
}

func (c memCorpus) EachRouterDoc(ctx context.Context, fn func(patentbridge.RouterDoc) error) error {
	for _, d := range c {
		if err := fn(d); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// nonsense are made-up words that neither the shipped titles nor the IPC scheme
// tie to any subclass.
var nonsense = []string{"犇猋骉", "嚞燚", "叒叕", "圐圙", "龘靐", "齉鬻"}

// nonsenseCorpus ties the made-up words to A01K (animal husbandry) in 40 patents,
// beside 40 ordinary patents of other subclasses.
func nonsenseCorpus() memCorpus {
	var c memCorpus
	for i := range 40 {
		a, b := nonsense[i%len(nonsense)], nonsense[(i*5+1)%len(nonsense)]
		c = append(c, patentbridge.RouterDoc{
			AppNo:      fmt.Sprintf("CN2023100%05d.1", i),
			Title:      "一种" + a + b + "的装置",
			Abstract:   "本发明公开了一种" + a + b + "的装置，所述" + a + "与所述" + b + "连接。",
			FirstClaim: "1.一种" + a + b + "的装置，其特征在于，包括" + a + "。",
			Subclasses: []string{"A01K"},
		})
		c = append(c, patentbridge.RouterDoc{
			AppNo:      fmt.Sprintf("CN2023200%05d.2", i),
			Title:      []string{"一种锂离子电池正极材料", "一种数据处理方法", "一种混凝土搅拌装置", "一种茶叶揉捻机"}[i%4],
			Abstract:   "本发明公开了一种装置，结构简单。",
			Subclasses: [][]string{{"H01M"}, {"G06F"}, {"B28C"}, {"A23F"}}[i%4],
		})
	}
	return c
}

// TestTrainCorpusLearnsASubclassFromTheStoreAlone: a vocabulary only the corpus
// ties to A01K is routed there after training on the corpus, and not by the model
// trained on the shipped titles alone.
func TestTrainCorpusLearnsASubclassFromTheStoreAlone(t *testing.T) {
	ref := refdata.Default()
	query := "叒叕与齉鬻的组合"
	for _, p := range Default().Predict(query, 3) {
		if p.Subclass == "A01K" {
			t.Fatalf("before training on the corpus %q already routes to A01K: %v", query, Default().Predict(query, 3))
		}
	}
	built := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	c := nonsenseCorpus()
	m, st, err := TrainCorpus(context.Background(), c, ref, CorpusOptions{Now: func() time.Time { return built }})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{query, "本申请提供一种圐圙，所述圐圙设置在龘靐上，结构紧凑。"} {
		got := m.Predict(q, 3)
		if len(got) == 0 || got[0].Subclass != "A01K" {
			t.Errorf("after training on the corpus %q routes to %v, want A01K first", q, got)
		}
	}
	if got := m.Predict("一种锂离子电池正极材料的制备方法", 1); len(got) == 0 || got[0].Subclass != "H01M" {
		t.Errorf("an ordinary title lost its subclass: %v", got)
	}
	if st.Patents != len(c) || !st.BuiltAt.Equal(built) || len(st.Version) != 12 {
		t.Errorf("status = %+v, want %d patents, built at %v, a 12-character version", st, len(c), built)
	}
	// The subclasses with examples: the shipped titles' and the corpus's.
	want := map[string]bool{}
	for _, r := range ref.LabeledTitles() {
		for _, s := range r.Subclasses {
			want[s] = true
		}
	}
	for _, d := range c {
		want[d.Subclasses[0]] = true
	}
	if st.Subclasses != len(want) {
		t.Errorf("status counts %d subclasses with examples, want %d", st.Subclasses, len(want))
	}
}

// TestSamplerIsBalancedAndReproducible: the sample keeps at most k patents per
// main subclass, the same ones whatever the reading order, and its version changes
// when a sampled patent does.
func TestSamplerIsBalancedAndReproducible(t *testing.T) {
	ref := refdata.Default()
	var docs []patentbridge.RouterDoc
	for i := range 3000 {
		sub := "G06F"
		if i%10 == 0 {
			sub = "A23F" // a small subclass
		}
		docs = append(docs, patentbridge.RouterDoc{
			AppNo: fmt.Sprintf("CN2019%07d.X", i), Title: fmt.Sprintf("标题%d", i),
			Subclasses: []string{sub, "H04L", "Z99Z"},
		})
	}
	sample := func(ds []patentbridge.RouterDoc) ([]sampled, int) {
		s := newSampler(100, ref)
		for _, d := range ds {
			s.add(d)
		}
		return s.sorted(), s.read
	}
	a, read := sample(docs)
	if read != 3000 {
		t.Fatalf("read %d patents, want 3000", read)
	}
	per := map[string]int{}
	for _, d := range a {
		per[d.subs[0]]++
		if !slices.Equal(d.subs, []string{d.subs[0], "H04L"}) {
			t.Fatalf("subclasses %v: want the main one, then H04L, the unknown Z99Z dropped", d.subs)
		}
	}
	if per["G06F"] != 100 || per["A23F"] != 100 || len(per) != 2 {
		t.Errorf("sample per main subclass = %v, want 100 of G06F and 100 of A23F", per)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, _ := sample(shuffled)
	if sampleVersion(a, 100) != sampleVersion(b, 100) || !slices.EqualFunc(a, b, func(x, y sampled) bool { return x.appNo == y.appNo }) {
		t.Error("the sample depends on the reading order")
	}
	changed := slices.Clone(docs)
	changed[slices.IndexFunc(changed, func(d patentbridge.RouterDoc) bool { return d.AppNo == a[0].appNo })].Title = "改过的标题"
	if c, _ := sample(changed); sampleVersion(c, 100) == sampleVersion(a, 100) {
		t.Error("the version did not change with a sampled patent's title")
	}
}

// TestTrainCorpusStopsAtTheCorpusError returns the store's error and no model.
func TestTrainCorpusStopsAtTheCorpusError(t *testing.T) {
	boom := errors.New("boom")
	m, _, err := TrainCorpus(context.Background(), failingCorpus{boom}, refdata.Default(), CorpusOptions{})
	if !errors.Is(err, boom) || m != nil {
		t.Errorf("TrainCorpus = %v, %v; want nil and the corpus's error", m, err)
	}
}

type failingCorpus struct{ err error }

func (f failingCorpus) RouterCorpusState(context.Context) (patentbridge.CorpusState, error) {
	return patentbridge.CorpusState{}, f.err
}

func (f failingCorpus) EachRouterDoc(context.Context, func(patentbridge.RouterDoc) error) error {
	return f.err
}
