package lease

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Worker is a process's loop over a queue of jobs kept in the database: every
// Poll (or at once when kicked) it sweeps abandoned jobs, claims one, runs it
// to its end, and claims again until nothing is left. Jobs run one at a time.
type Worker struct {
	// Sweep, when set, runs before each claim: it marks the jobs of dead
	// processes interrupted.
	Sweep func(ctx context.Context) error
	// Claim returns the next job to run, or nil when there is none.
	Claim func(ctx context.Context) (func(ctx context.Context), error)
	// Poll is how often the queue is looked at without a kick (1 s when zero).
	Poll   time.Duration
	Logger *slog.Logger
	// Name tells the worker's log lines apart ("import", "screening").
	Name string

	mu      sync.Mutex
	cond    *sync.Cond
	kicked  uint64 // kicks so far
	idle    uint64 // the kick count when the queue was last found empty
	stopped bool
	kick    chan struct{}
	stop    chan struct{}      // closed by Shutdown: claim no more
	cancel  context.CancelFunc // cancels the running job
	done    chan struct{}      // closed when the loop has ended
}

// Start starts the loop; call Shutdown to end it.
func (w *Worker) Start() {
	if w.Logger == nil {
		w.Logger = slog.New(slog.DiscardHandler)
	}
	if w.Poll <= 0 {
		w.Poll = time.Second
	}
	w.cond = sync.NewCond(&w.mu)
	w.kick, w.stop, w.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	go w.loop(ctx)
}

// Kick makes the loop look at the queue now, e.g. after a job was queued.
func (w *Worker) Kick() {
	w.mu.Lock()
	w.kicked++
	w.mu.Unlock()
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Stopped is closed once Shutdown has been called.
func (w *Worker) Stopped() <-chan struct{} { return w.stop }

// Wait kicks the loop and blocks until it has found the queue empty (every
// job it could claim has ended) or has been shut down.
func (w *Worker) Wait() {
	w.Kick()
	w.mu.Lock()
	defer w.mu.Unlock()
	want := w.kicked
	for w.idle < want && !w.stopped {
		w.cond.Wait()
	}
}

// Shutdown stops claiming and waits for the running job until ctx ends; then
// the job's context is cancelled (the job must record itself interrupted) and
// Shutdown waits for it to return. It reports whether a job had to be cancelled.
func (w *Worker) Shutdown(ctx context.Context) bool {
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		<-w.done
		return false
	}
	w.stopped = true
	w.cond.Broadcast()
	w.mu.Unlock()
	close(w.stop)
	select {
	case <-w.done:
		w.cancel()
		return false
	case <-ctx.Done():
	}
	w.cancel()
	<-w.done
	return true
}

func (w *Worker) loop(ctx context.Context) {
	defer close(w.done)
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	for {
		w.mu.Lock()
		seen := w.kicked
		w.mu.Unlock()
		if !w.drain(ctx) {
			return
		}
		w.mu.Lock()
		w.idle = max(w.idle, seen)
		w.cond.Broadcast()
		w.mu.Unlock()
		select {
		case <-w.stop:
			return
		case <-w.kick:
		case <-t.C:
		}
	}
}

// drain claims and runs jobs until none is left; false once shut down.
func (w *Worker) drain(ctx context.Context) bool {
	for {
		select {
		case <-w.stop:
			return false
		default:
		}
		if w.Sweep != nil {
			if err := w.Sweep(ctx); err != nil && ctx.Err() == nil {
				w.Logger.Error("jobs: sweep", "worker", w.Name, "err", err)
			}
		}
		run, err := w.Claim(ctx)
		if err != nil {
			if ctx.Err() == nil {
				w.Logger.Error("jobs: claim", "worker", w.Name, "err", err)
			}
			return true
		}
		if run == nil {
			return true
		}
		run(ctx)
	}
}
