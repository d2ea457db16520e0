package route

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// fakeCorpus is a RouterCorpus in memory whose state and patents a test sets.
type fakeCorpus struct {
	mu    sync.Mutex
	state patentbridge.CorpusState
	docs  []patentbridge.RouterDoc
	err   error
}

func (c *fakeCorpus) set(patents int, lastImport time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state = patentbridge.CorpusState{Patents: patents, LastImport: lastImport}
}

func (c *fakeCorpus) RouterCorpusState(context.Context) (patentbridge.CorpusState, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state, c.err
}

func (c *fakeCorpus) EachRouterDoc(_ context.Context, fn func(patentbridge.RouterDoc) error) error {
	c.mu.Lock()
	docs := slices.Clone(c.docs)
	c.mu.Unlock()
	for _, d := range docs {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// quickParams are the model's settings without its linear models, which take
// most of the training time (minutes under the race detector).
func quickParams() params {
	p := defaultParams
	p.wLin, p.wOvr = 0, 0
	return p
}

// trainOnTitles trains a real model (quickParams) on the corpus's titles.
func trainOnTitles(c patentbridge.RouterCorpus) TrainFunc {
	return func(ctx context.Context) (*Model, patentbridge.RouterStatus, error) {
		var ex []Example
		n := 0
		if err := c.EachRouterDoc(ctx, func(d patentbridge.RouterDoc) error {
			ex = append(ex, Example{Title: d.Title, Subclasses: d.Subclasses})
			n++
			return nil
		}); err != nil {
			return nil, patentbridge.RouterStatus{}, err
		}
		return train(ex, refdata.Default(), quickParams()), patentbridge.RouterStatus{Patents: n, Subclasses: 1, Version: fmt.Sprintf("titles-%d", n)}, nil
	}
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var quiet = slog.New(slog.DiscardHandler)

// countingTrain returns a train function that counts its calls and returns a
// placeholder model (never served in the tests that use it) versioned by call.
func countingTrain(calls *atomic.Int32, c *fakeCorpus) TrainFunc {
	return func(ctx context.Context) (*Model, patentbridge.RouterStatus, error) {
		n := calls.Add(1)
		st, _ := c.RouterCorpusState(ctx)
		return &Model{}, patentbridge.RouterStatus{Patents: st.Patents, Subclasses: 3, Version: fmt.Sprintf("v%d", n)}, nil
	}
}

// TestLiveRetrainRules walks a corpus through the changes that retrain the
// router and those that do not, on a settable clock.
func TestLiveRetrainRules(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	corpus := &fakeCorpus{}
	var calls atomic.Int32
	l := NewLive(LiveOptions{Corpus: corpus, Train: countingTrain(&calls, corpus), Now: clock.Now, Logger: quiet})
	check := func(step string, want bool) {
		t.Helper()
		before := calls.Load()
		got, err := l.Check(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if got != want || (calls.Load() > before) != want {
			t.Errorf("%s: retrained %v (train called %d times), want %v", step, got, calls.Load()-before, want)
		}
	}
	check("an empty corpus keeps the shipped model", false)
	imported := clock.Now()
	corpus.set(1000, imported)
	clock.add(time.Minute)
	check("the first patents train a learned model", true)
	if st := l.Status(); st.Patents != 1000 || st.Version != "v1" || !st.BuiltAt.Equal(clock.Now()) || st.Training {
		t.Errorf("status after the first training: %+v", st)
	}
	clock.add(3 * time.Hour)
	check("nothing changed, three hours later", false)
	corpus.set(1049, imported)
	check("4.9% more patents", false)
	corpus.set(1050, imported)
	check("5% more patents", true)
	corpus.set(1000, imported)
	check("a shrink by 4.8% of the count at training", false)
	corpus.set(997, imported)
	check("a shrink by 5.0%", true)

	// An import that changes few patents: retrained once the model is an hour old.
	trained := clock.Now()
	clock.add(10 * time.Minute)
	corpus.set(999, clock.Now())
	check("an import ten minutes after training", false)
	clock.add(49*time.Minute + 59*time.Second)
	check("the model is not yet an hour old", false)
	clock.add(time.Second)
	if clock.Now().Sub(trained) != time.Hour {
		t.Fatal("clock arithmetic")
	}
	check("an import since training, the model an hour old", true)
	clock.add(2 * time.Hour)
	check("no import since that training", false)
	if st := l.Status(); st.Version != "v4" || st.Patents != 999 {
		t.Errorf("status after four trainings: %+v", st)
	}
}

// TestLiveServesTheLearnedModelUnderLoad: while classify and predict requests
// run without pause, a real training on stored patents with a made-up
// vocabulary completes and is swapped in; no request fails or sees a half
// model, the status says 训练中 during the training, and afterwards the
// made-up word routes to the subclass the stored patents tie it to, which it
// did not before.
func TestLiveServesTheLearnedModelUnderLoad(t *testing.T) {
	const word, want = "犇骉羴鱻处理装置", "A23F"
	corpus := &fakeCorpus{}
	for i := range 30 {
		corpus.docs = append(corpus.docs, patentbridge.RouterDoc{AppNo: fmt.Sprintf("CN2020%07d", i),
			Title: fmt.Sprintf("一种犇骉羴鱻的第%d种处理装置", i), Subclasses: []string{want}})
	}
	corpus.set(len(corpus.docs), time.Time{})
	learn := trainOnTitles(corpus)
	var l *Live
	var sawTraining atomic.Bool
	l = NewLive(LiveOptions{Corpus: corpus, Logger: quiet, Train: func(ctx context.Context) (*Model, patentbridge.RouterStatus, error) {
		sawTraining.Store(l.Status().Training)
		return learn(ctx)
	}})
	l.shipped = func() *Model { return train(nil, refdata.Default(), quickParams()) }
	if p := l.Predict(word, 1); len(p) == 1 && p[0].Subclass == want {
		t.Fatalf("the shipped model already routes %s to %s", word, want)
	}
	shipped := l.Status()

	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var requests, learned atomic.Int64
	errs := make(chan error, 8)
	for g := range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				text := []string{word, "一种锂离子电池正极材料的制备方法", "白酒固态发酵"}[g%3]
				var p []patentbridge.IPCPrediction
				if g%2 == 0 {
					var err error
					if p, _, err = l.Classify(context.Background(), text, 3); err != nil {
						errs <- err
						return
					}
				} else {
					p = l.Predict(text, 3)
					l.Industries(text, p)
				}
				if len(p) != 3 || p[0].Subclass == "" || p[0].Score <= 0 {
					errs <- fmt.Errorf("%s: predictions %+v", text, p)
					return
				}
				if text == word && p[0].Subclass == want {
					learned.Add(1)
				}
				requests.Add(1)
			}
		})
	}
	swapped, err := l.Check(context.Background())
	// Requests after the swap, until one asking for the word has been answered
	// (on a loaded machine the others may take the first twenty), bounded.
	bound := time.Now().Add(10 * time.Second)
	for n := requests.Load(); (requests.Load() < n+20 || learned.Load() == 0) && len(errs) == 0 && time.Now().Before(bound); {
		time.Sleep(time.Millisecond)
	}
	stop()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if err != nil || !swapped {
		t.Fatalf("check: swapped %v, %v", swapped, err)
	}
	if !sawTraining.Load() {
		t.Error("the status did not say training while the model trained")
	}
	if p := l.Predict(word, 1); len(p) != 1 || p[0].Subclass != want {
		t.Errorf("after training %s routes to %+v, want %s", word, p, want)
	}
	if learned.Load() == 0 {
		t.Error("no concurrent request saw the learned model")
	}
	st := l.Status()
	if st.Patents != 30 || st.Version != "titles-30" || st.Training || st.Version == shipped.Version {
		t.Errorf("status after the swap: %+v (shipped %+v)", st, shipped)
	}
	t.Logf("%d requests during training and swap", requests.Load())
}

// TestLiveFailedTrainingKeepsTheModel: an error or a panic in training leaves
// the model and status being served, and the next check tries again.
func TestLiveFailedTrainingKeepsTheModel(t *testing.T) {
	corpus := &fakeCorpus{}
	corpus.set(100, time.Time{})
	good := &Model{}
	var fail atomic.Int32 // 1: return an error, 2: panic
	var calls atomic.Int32
	l := NewLive(LiveOptions{Corpus: corpus, Logger: quiet, Train: func(ctx context.Context) (*Model, patentbridge.RouterStatus, error) {
		calls.Add(1)
		switch fail.Load() {
		case 1:
			return nil, patentbridge.RouterStatus{}, errors.New("disk full")
		case 2:
			panic("index out of range")
		}
		return good, patentbridge.RouterStatus{Patents: 100, Version: "good"}, nil
	}})
	if ok, err := l.Check(context.Background()); !ok || err != nil {
		t.Fatalf("first training: %v %v", ok, err)
	}
	corpus.set(200, time.Time{})
	for _, mode := range []int32{1, 2, 1} {
		fail.Store(mode)
		before := calls.Load()
		_, err := l.Check(context.Background())
		if err == nil || calls.Load() != before+1 {
			t.Errorf("failing training (mode %d): err %v, train called %d times", mode, err, calls.Load()-before)
		}
		if mode == 2 && !strings.Contains(fmt.Sprint(err), "index out of range") {
			t.Errorf("the panic is not in the error: %v", err)
		}
		if l.model() != good || l.Status().Version != "good" || l.Status().Training {
			t.Errorf("after a failed training the router serves %+v", l.Status())
		}
	}
	fail.Store(0)
	if ok, err := l.Check(context.Background()); !ok || err != nil || l.Status().Patents != 100 {
		t.Errorf("the next check after failures: %v %v %+v", ok, err, l.Status())
	}
	corpus.err = errors.New("database closed")
	if _, err := l.Check(context.Background()); err == nil || l.model() != good {
		t.Errorf("an unreadable corpus: %v", err)
	}
}

// TestLiveRunChecksAndStops: Run checks at each tick, and on shutdown returns
// once the training it started has returned.
func TestLiveRunChecksAndStops(t *testing.T) {
	corpus := &fakeCorpus{}
	corpus.set(10, time.Time{})
	started, release := make(chan struct{}, 4), make(chan struct{})
	var calls atomic.Int32
	l := NewLive(LiveOptions{Corpus: corpus, Logger: quiet, Train: func(ctx context.Context) (*Model, patentbridge.RouterStatus, error) {
		n := calls.Add(1)
		started <- struct{}{}
		if n == 1 {
			return &Model{}, patentbridge.RouterStatus{Patents: 10, Version: "one"}, nil
		}
		select { // the second training runs until shutdown
		case <-ctx.Done():
			return nil, patentbridge.RouterStatus{}, ctx.Err()
		case <-release:
			return &Model{}, patentbridge.RouterStatus{Version: "released"}, nil
		}
	}})
	ticks := make(chan time.Time)
	waits := make(chan time.Duration, 1) // run is waiting for the next tick, this long
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.run(ctx, func(d time.Duration) <-chan time.Time { waits <- d; return ticks })
	}()
	if d := <-waits; d != DefaultCheckInterval {
		t.Errorf("Run waits %s between checks, want %s", d, DefaultCheckInterval)
	}
	ticks <- time.Time{}
	<-started
	<-waits // the first check has ended: its model serves
	if l.Status().Version != "one" || calls.Load() != 1 {
		t.Errorf("after one tick: %+v, %d trainings", l.Status(), calls.Load())
	}
	ticks <- time.Time{}
	<-waits // nothing changed: no training
	if calls.Load() != 1 {
		t.Errorf("a tick without a change trained (%d trainings)", calls.Load())
	}
	corpus.set(20, time.Time{})
	ticks <- time.Time{}
	<-started
	if !l.Status().Training {
		t.Error("the status does not say training")
	}
	stop()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after shutdown")
	}
	close(release)
	if st := l.Status(); st.Version != "one" || st.Training {
		t.Errorf("after shutdown during training: %+v", st)
	}
}

// TestLiveShippedStatus: before any learned model the router reports the
// shipped model — no stored patents, the shipped titles' subclasses, a shipped
// version, and when it was loaded.
func TestLiveShippedStatus(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	l := NewLive(LiveOptions{Now: clock.Now, Logger: quiet})
	l.shipped = func() *Model { return &Model{} }
	seen := map[string]bool{}
	for _, r := range refdata.Default().LabeledTitles() {
		for _, s := range r.Subclasses {
			seen[s] = true
		}
	}
	st := l.Status()
	if st.Patents != 0 || st.Subclasses != len(seen) || st.Subclasses < 100 || !strings.HasPrefix(st.Version, "shipped-") || !st.BuiltAt.IsZero() {
		t.Errorf("before loading: %+v, want %d subclasses", st, len(seen))
	}
	l.model()
	if got := l.Status(); !got.BuiltAt.Equal(clock.Now()) || got.Version != st.Version {
		t.Errorf("after loading: %+v", got)
	}
	if ok, err := l.Check(context.Background()); ok || err != nil {
		t.Errorf("a router without a corpus retrains: %v %v", ok, err)
	}
}

// The matcher weighs a need's words through the live router as its model does:
// generic words (加工) weigh less than the subject (茶叶).
func TestLiveWeighsWordsLikeItsModel(t *testing.T) {
	l := NewLive(LiveOptions{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	words := []string{"加工", "茶叶"}
	got, want := l.WordWeights(words), Default().WordWeights(words)
	if !slices.Equal(got, want) || got[0] >= got[1] {
		t.Fatalf("live weights %v, model's %v: want the same, 加工 below 茶叶", got, want)
	}
}
