package sqldb_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// leaseClock is a store clock a test moves by hand: it starts at
// sqldbtest.Start and ticks a millisecond at each reading, so that leases run
// out when the test says, never by the wall clock.
type leaseClock struct {
	mu sync.Mutex
	t  time.Time
}

// useLeaseClock makes db read the returned clock, with a 30 s job lease.
func useLeaseClock(db *sqldb.DB) *leaseClock {
	c := &leaseClock{t: sqldbtest.Start}
	db.Now, db.JobLease = c.now, 30*time.Second
	return c
}

func (c *leaseClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func (c *leaseClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// auditActions returns the actions of object's audit rows, oldest first.
func auditActions(tb testing.TB, db *sqldb.DB, object string) []string {
	tb.Helper()
	es, _, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Object: object, Limit: 100})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[len(es)-1-i] = e.Action
	}
	return out
}

// wantActions fails unless object's audit rows are exactly want, oldest first.
func wantActions(tb testing.TB, db *sqldb.DB, object string, want ...string) {
	tb.Helper()
	if got := auditActions(tb, db, object); !slices.Equal(got, want) {
		tb.Errorf("audit of %s = %v, want %v", object, got, want)
	}
}

// MustImportJob stores a queued job whose upload is at upload.
func MustImportJob(tb testing.TB, db *sqldb.DB, name, upload string) *patentbridge.ImportJob {
	tb.Helper()
	j := &patentbridge.ImportJob{FileName: name, Upload: upload}
	if err := db.CreateImportJob(as(auditAdmin), j); err != nil {
		tb.Fatal(err)
	}
	return j
}

// MustClaim claims an import job for owner, failing the test when there is none.
func MustClaim(tb testing.TB, db *sqldb.DB, owner string, retries int) *patentbridge.ImportJob {
	tb.Helper()
	j, err := db.ClaimImportJob(context.Background(), owner, retries, nil)
	if err != nil {
		tb.Fatalf("claim for %s: %v", owner, err)
	}
	return j
}

// MustFindJob returns a stored import job.
func MustFindJob(tb testing.TB, db *sqldb.DB, id int64) *patentbridge.ImportJob {
	tb.Helper()
	j, err := db.FindImportJob(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return j
}
