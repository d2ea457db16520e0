package lease

import (
	"context"
	"time"
)

// Keep renews a lease of length d every d/3 by calling renew, until stop is
// called. The returned context is cancelled when renew fails with lost (another
// process holds the job now), or when d has passed since the last successful
// renewal (the database could not be reached: by now another process may take
// the job over, so the work must stop). It also ends with ctx.
func Keep(ctx context.Context, d time.Duration, renew func(ctx context.Context) error, lost func(error) bool) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(max(d/3, time.Millisecond))
		defer t.Stop()
		last := time.Now()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			rctx, rcancel := context.WithTimeout(ctx, max(d/3, time.Millisecond))
			err := renew(rctx)
			rcancel()
			switch {
			case err == nil:
				last = time.Now()
			case lost(err):
				cancel(ErrLost)
				return
			case time.Since(last) >= d:
				cancel(ErrLost)
				return
			}
		}
	}()
	return ctx, func() {
		cancel(nil)
		<-done
	}
}

// ErrLost is the cause of a kept context whose lease was lost.
var ErrLost = errLost{}

type errLost struct{}

func (errLost) Error() string { return "lease: the job's lease was lost to another process" }
