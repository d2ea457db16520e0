package httpxtest

import (
	"context"
	"sync"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// Recorder is the real store of DB that remembers the filters of the patent and
// sleeping-patent lists it was asked for, so tests can check how a page or the
// API reads its query; it answers every call with the store's own rules.
type Recorder struct {
	*sqldb.DB

	mu       sync.Mutex
	patents  []patentbridge.PatentFilter
	sleeping []patentbridge.SleepingFilter
}

// ListPatents records f and lists the stored patents.
func (r *Recorder) ListPatents(ctx context.Context, f patentbridge.PatentFilter) ([]*patentbridge.Patent, int, error) {
	r.mu.Lock()
	r.patents = append(r.patents, f)
	r.mu.Unlock()
	return r.DB.ListPatents(ctx, f)
}

// ListSleeping records f and lists the stored run's sleeping patents.
func (r *Recorder) ListSleeping(ctx context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, int, error) {
	r.mu.Lock()
	r.sleeping = append(r.sleeping, f)
	r.mu.Unlock()
	return r.DB.ListSleeping(ctx, f)
}

// LastPatentFilter returns the filter of the most recent ListPatents call.
func (r *Recorder) LastPatentFilter() patentbridge.PatentFilter {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.patents) == 0 {
		return patentbridge.PatentFilter{}
	}
	return r.patents[len(r.patents)-1]
}

// LastSleepingFilter returns the filter of the most recent ListSleeping call.
func (r *Recorder) LastSleepingFilter() patentbridge.SleepingFilter {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.sleeping) == 0 {
		return patentbridge.SleepingFilter{}
	}
	return r.sleeping[len(r.sleeping)-1]
}
