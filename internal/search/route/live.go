package route

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// DefaultCheckInterval is how often a Live router looks at its corpus unless told otherwise.
const DefaultCheckInterval = time.Minute

// TrainFunc trains a model on the corpus as it is now and describes it; the
// Live router calls it in the background and serves the model once it returns.
type TrainFunc func(ctx context.Context) (*Model, patentbridge.RouterStatus, error)

// LiveOptions configure a Live router. Only Corpus and Train are needed for
// retraining; without them it serves the shipped model alone.
type LiveOptions struct {
	Corpus   patentbridge.RouterCorpus // the stored patents the router learns from
	Train    TrainFunc                 // trains a model on Corpus
	Now      func() time.Time          // the clock; time.Now when nil
	Interval time.Duration             // between corpus checks in Run; DefaultCheckInterval when 0
	Logger   *slog.Logger              // slog.Default() when nil
}

// Live is the IPC router the server uses: it serves the shipped-titles model
// (Default) until a model learned from the stored patents is complete, then
// that one, swapped atomically; Run retrains it in the background when the
// corpus has changed materially. Safe for concurrent use.
type Live struct {
	opt      LiveOptions
	shipped  func() *Model // Default; tests substitute a smaller model
	cur      atomic.Pointer[served]
	loadOnce sync.Once
	training atomic.Bool
	trainMu  sync.Mutex // one training at a time
}

// served is a model with what it was trained on.
type served struct {
	m       *Model
	status  patentbridge.RouterStatus
	learned bool                     // trained on the corpus (not the shipped model)
	basis   patentbridge.CorpusState // the corpus when its training started
	at      time.Time                // when it was swapped in
}

// NewLive returns a Live router serving the shipped model (trained on first use).
func NewLive(opt LiveOptions) *Live {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Interval <= 0 {
		opt.Interval = DefaultCheckInterval
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Live{opt: opt, shipped: Default}
}

// model is the model to serve now: the last one swapped in, else the shipped one.
func (l *Live) model() *Model {
	if s := l.cur.Load(); s != nil {
		return s.m
	}
	l.loadOnce.Do(func() {
		m := l.shipped()
		st := shippedStatus()
		st.BuiltAt = l.opt.Now()
		l.cur.CompareAndSwap(nil, &served{m: m, status: st, at: st.BuiltAt})
	})
	return l.cur.Load().m
}

// Predict ranks IPC subclasses for text with the current model.
func (l *Live) Predict(text string, k int) []patentbridge.IPCPrediction {
	return l.model().Predict(text, k)
}

// WordWeights weighs a need's words by how much they say of its field (Model.WordWeights).
func (l *Live) WordWeights(words []string) []float64 {
	return l.model().WordWeights(words)
}

// Industries lists the industries the text names and the predictions imply.
func (l *Live) Industries(text string, p []patentbridge.IPCPrediction) []string {
	return l.model().Industries(text, p)
}

// Classify returns up to limit (default 5) predicted subclasses and their
// industries, both from the same model.
func (l *Live) Classify(_ context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	if limit <= 0 {
		limit = 5
	}
	m := l.model()
	p := m.Predict(text, limit)
	return p, m.Industries(text, p), nil
}

// Status describes the model being served, with Training set while a newer one
// is being trained. Before the shipped model has loaded, BuiltAt is zero.
func (l *Live) Status() patentbridge.RouterStatus {
	st := shippedStatus()
	if s := l.cur.Load(); s != nil {
		st = s.status
	}
	st.Training = l.training.Load()
	return st
}

var (
	shippedOnce sync.Once
	shippedSt   patentbridge.RouterStatus
)

// shippedStatus describes the shipped model: no stored patents, the
// subclasses of the shipped labelled titles, and a version naming them.
func shippedStatus() patentbridge.RouterStatus {
	shippedOnce.Do(func() {
		h := fnv.New64a()
		seen := map[string]bool{}
		for _, t := range refdata.Default().LabeledTitles() {
			fmt.Fprintf(h, "%s\x00%v\x00", t.Title, t.Subclasses)
			for _, s := range t.Subclasses {
				seen[s] = true
			}
		}
		shippedSt = patentbridge.RouterStatus{Subclasses: len(seen), Version: fmt.Sprintf("shipped-%08x", uint32(h.Sum64()))}
	})
	return shippedSt
}
