package lease

import (
	"context"
	"sync"
	"testing"
	"time"
)

// queue is an in-memory job queue: each job is the time it blocks for.
type queue struct {
	mu   sync.Mutex
	jobs []chan struct{} // a job runs until its channel is closed or its context ends
	ran  []string
}

func (q *queue) claim(context.Context) (func(context.Context), error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.jobs) == 0 {
		return nil, nil
	}
	gate := q.jobs[0]
	q.jobs = q.jobs[1:]
	return func(ctx context.Context) {
		select {
		case <-gate:
			q.record("done")
		case <-ctx.Done():
			q.record("cancelled")
		}
	}, nil
}

func (q *queue) record(s string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ran = append(q.ran, s)
}

func (q *queue) add(gate chan struct{}) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, gate)
}

func TestWorkerRunsQueuedJobsAndWaits(t *testing.T) {
	q := &queue{}
	w := &Worker{Claim: q.claim, Poll: time.Hour}
	w.Start()
	defer w.Shutdown(context.Background())
	for range 3 {
		g := make(chan struct{})
		close(g)
		q.add(g)
	}
	w.Wait() // kicked: no need to wait for the hourly poll
	if len(q.ran) != 3 {
		t.Errorf("ran %v after Wait, want 3 jobs", q.ran)
	}
}

func TestWorkerShutdownWaitsThenCancels(t *testing.T) {
	q := &queue{}
	w := &Worker{Claim: q.claim, Poll: time.Millisecond}
	w.Start()
	quick := make(chan struct{})
	q.add(quick)
	waitClaimed(t, q)
	time.AfterFunc(20*time.Millisecond, func() { close(quick) })
	if cancelled := w.Shutdown(context.Background()); cancelled || len(q.ran) != 1 || q.ran[0] != "done" {
		t.Fatalf("shutdown without a deadline: cancelled %v, ran %v; want the job to finish", cancelled, q.ran)
	}

	q = &queue{}
	w = &Worker{Claim: q.claim, Poll: time.Millisecond}
	w.Start()
	q.add(make(chan struct{})) // never ends by itself
	waitClaimed(t, q)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if cancelled := w.Shutdown(ctx); !cancelled || len(q.ran) != 1 || q.ran[0] != "cancelled" {
		t.Errorf("shutdown with a deadline: cancelled %v, ran %v", cancelled, q.ran)
	}
	q.add(make(chan struct{}))
	w.Wait() // returns at once after a shutdown, claiming nothing
	if len(q.jobs) != 1 {
		t.Error("a job was claimed after the shutdown")
	}
}

// waitClaimed waits until the queue is empty.
func waitClaimed(t *testing.T, q *queue) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		q.mu.Lock()
		n := len(q.jobs)
		q.mu.Unlock()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("job never claimed")
		}
	}
}
