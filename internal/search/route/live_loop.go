package route

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// Retraining thresholds: a learned model is replaced once the corpus has
// grown or shrunk by RetrainChange of its size at training, or once an import
// has finished since its training and it is older than RetrainImportAge.
const (
	RetrainChange    = 0.05
	RetrainImportAge = time.Hour
)

// Run checks the corpus an interval after it starts and an interval after
// each check ends, until ctx ends, retraining when it has changed materially
// (Check). A failed check is logged and tried again at the next one (an
// interval later, however long the training took); the model being served
// stays. Run returns once ctx has ended and any training it started has returned.
func (l *Live) Run(ctx context.Context) {
	l.run(ctx, time.After)
}

// run is Run waiting on after (tests pass their own ticks).
func (l *Live) run(ctx context.Context, after func(time.Duration) <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-after(l.opt.Interval):
		}
		if _, err := l.Check(ctx); err != nil && ctx.Err() == nil {
			l.opt.Logger.Error("IPC router: retraining failed; the current model keeps serving", "err", err)
		}
	}
}

// Check reads the corpus state and, when it has changed materially since the
// model being served was trained (stale), trains a new model and swaps it in.
// It reports whether a model was swapped in; on an error the current model
// stays. A Check while another is training waits for it.
func (l *Live) Check(ctx context.Context) (bool, error) {
	if l.opt.Corpus == nil || l.opt.Train == nil {
		return false, nil
	}
	l.trainMu.Lock()
	defer l.trainMu.Unlock()
	st, err := l.opt.Corpus.RouterCorpusState(ctx)
	if err != nil {
		return false, fmt.Errorf("read the corpus state: %w", err)
	}
	cur := l.cur.Load()
	if !stale(cur.view(), st, l.opt.Now()) {
		return false, nil
	}
	return true, l.retrain(ctx, st)
}

// retrain trains a model on the corpus (whose state was st) and swaps it in.
func (l *Live) retrain(ctx context.Context, st patentbridge.CorpusState) (err error) {
	l.training.Store(true)
	defer l.training.Store(false)
	start := l.opt.Now()
	l.opt.Logger.Info("IPC router: retraining on the stored patents", "patents", st.Patents)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("training panicked: %v", p)
		}
	}()
	m, status, err := l.opt.Train(ctx)
	if err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("training returned no model")
	}
	now := l.opt.Now()
	if status.BuiltAt.IsZero() {
		status.BuiltAt = now
	}
	status.Training = false
	l.cur.Store(&served{m: m, status: status, learned: true, basis: st, at: now})
	l.opt.Logger.Info("IPC router: new model serving", "patents", status.Patents,
		"subclasses", status.Subclasses, "version", status.Version, "took", now.Sub(start))
	return nil
}

// modelState is what retraining decisions need to know of the served model.
type modelState struct {
	Learned bool                     // trained on the stored patents (not only the shipped titles)
	Basis   patentbridge.CorpusState // the corpus when its training started
	At      time.Time                // when it began serving
}

// view is s's modelState; a nil s (nothing loaded yet) is the shipped model.
func (s *served) view() modelState {
	if s == nil {
		return modelState{}
	}
	return modelState{Learned: s.learned, Basis: s.basis, At: s.at}
}

// stale reports whether a model in state m should be retrained on a corpus in
// state now at time t: no learned model yet and the corpus has patents; the
// patent count has changed by RetrainChange or more since its training; or an
// import finished after its training started and it is older than RetrainImportAge.
func stale(m modelState, now patentbridge.CorpusState, t time.Time) bool {
	if !m.Learned {
		return now.Patents > 0
	}
	diff := now.Patents - m.Basis.Patents
	if diff < 0 {
		diff = -diff
	}
	if diff > 0 && float64(diff) >= RetrainChange*float64(m.Basis.Patents) {
		return true
	}
	return now.LastImport.After(m.Basis.LastImport) && t.Sub(m.At) >= RetrainImportAge
}
