package sqldb_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// An import job is claimed by one process under a lease; a job whose lease ran
// out (or whose owner is known dead) is interrupted, then taken over by another
// process once (retries), and the process that lost it can no longer write it.
func TestImportJobLeaseAndTakeover(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		clock := useLeaseClock(db)
		j1 := MustImportJob(t, db, "川大.csv", "u1/川大.csv")
		j2 := MustImportJob(t, db, "电子科大.xlsx", "u2/电子科大.xlsx")
		if _, err := db.ClaimImportJob(ctx, "A", 1, func(*patentbridge.ImportJob) bool { return false }); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("claim with no readable upload: %v, want ENOTFOUND", err)
		}
		a := MustClaim(t, db, "A", 1)
		b := MustClaim(t, db, "B", 1)
		if a.ID != j1.ID || b.ID != j2.ID || a.Status != patentbridge.JobRunning || a.Owner != "A" || a.Attempts != 1 ||
			a.Upload != "u1/川大.csv" || !a.LeaseUntil.After(sqldbtest.Start.Add(29*time.Second)) {
			t.Fatalf("claims: A got %+v, B got %+v", a, b)
		}
		if _, err := db.ClaimImportJob(ctx, "C", 1, nil); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("third claim: %v, want ENOTFOUND", err)
		}
		wantCode(t, db.RenewImportJob(ctx, j1.ID, "B"), patentbridge.ECONFLICT)
		b.Owner = "A"
		wantCode(t, db.UpdateImportJob(ctx, b), patentbridge.ECONFLICT)
		b.Owner = "B"

		if ids, err := db.InterruptAbandonedImports(ctx, nil); err != nil || len(ids) != 0 {
			t.Fatalf("sweep with live leases: %v, %v", ids, err)
		}
		clock.add(20 * time.Second)
		if err := db.RenewImportJob(ctx, j1.ID, "A"); err != nil {
			t.Fatal(err)
		}
		clock.add(20 * time.Second) // B never renewed: its lease ran out 10 s ago
		if ids, err := db.InterruptAbandonedImports(ctx, nil); err != nil || !slices.Equal(ids, []int64{j2.ID}) {
			t.Fatalf("sweep = %v, %v; want job %d", ids, err, j2.ID)
		}
		got := MustFindJob(t, db, j2.ID)
		if got.Status != patentbridge.JobInterrupted || !strings.Contains(got.Error, "（B）已停止") || got.Upload == "" {
			t.Errorf("abandoned job = %+v", got)
		}
		wantCode(t, db.RenewImportJob(ctx, j2.ID, "B"), patentbridge.ECONFLICT)
		if _, err := db.ClaimImportJob(ctx, "C", 0, nil); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("claim without retries took the interrupted job: %v", err)
		}
		c := MustClaim(t, db, "C", 1)
		if c.ID != j2.ID || c.Owner != "C" || c.Attempts != 2 || c.Error != "" {
			t.Errorf("takeover = %+v", c)
		}
		wantCode(t, db.UpdateImportJob(ctx, b), patentbridge.ECONFLICT) // B's late progress is refused
		wantActions(t, db, "import_job:"+itoa(j2.ID), "import.start", "import.interrupt", "import.takeover")
		if _, err := db.ClaimImportJob(ctx, "D", 1, nil); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("a job taken over twice was claimed again: %v", err)
		}

		// A process that starts on A's machine knows A is gone without waiting for its lease.
		if ids, _ := db.InterruptAbandonedImports(ctx, func(o string) bool { return o == "A" }); !slices.Equal(ids, []int64{j1.ID}) {
			t.Errorf("sweep of a dead owner = %v", ids)
		}
		// A shutdown interrupts the jobs of its process without using up a retry.
		if ids, err := db.ReleaseImportJobs(ctx, "C"); err != nil || !slices.Equal(ids, []int64{j2.ID}) {
			t.Fatalf("release = %v, %v", ids, err)
		}
		got = MustFindJob(t, db, j2.ID)
		if got.Status != patentbridge.JobInterrupted || got.Attempts != 1 || !strings.Contains(got.Error, "服务关闭") {
			t.Errorf("released job = %+v", got)
		}
		if again := MustClaim(t, db, "D", 1); again.ID != j1.ID {
			t.Errorf("oldest retryable job first: got %d", again.ID)
		}
		if again := MustClaim(t, db, "D", 1); again.ID != j2.ID {
			t.Errorf("a released job is retried: got %d", again.ID)
		}

		again := MustFindJob(t, db, j2.ID)
		again.Owner, again.Status, again.Progress = "D", patentbridge.JobDone, 1
		if err := db.UpdateImportJob(ctx, again); err != nil {
			t.Fatal(err)
		}
		if done := MustFindJob(t, db, j2.ID); done.Status != patentbridge.JobDone || done.Upload != "" || done.FinishedAt.IsZero() {
			t.Errorf("finished job = %+v; its upload is forgotten once done", done)
		}
	})
}

// An interrupted job is resumed (queued again) or discarded by an admin, each
// an audited act; a job whose upload is gone cannot be resumed.
func TestImportJobResumeAndDiscard(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		useLeaseClock(db)
		j := MustImportJob(t, db, "川大.csv", "u1/川大.csv")
		wantCode(t, func() error { _, err := db.ResumeImportJob(ctx, j.ID); return err }(), patentbridge.ECONFLICT)
		MustClaim(t, db, "A", 1)
		wantCode(t, func() error { _, err := db.DiscardImportJob(ctx, j.ID); return err }(), patentbridge.ECONFLICT)
		if _, err := db.InterruptAbandonedImports(ctx, func(string) bool { return true }); err != nil {
			t.Fatal(err)
		}
		resumed, err := db.ResumeImportJob(ctx, j.ID)
		if err != nil || resumed.Status != patentbridge.JobQueued || resumed.Error != "" {
			t.Fatalf("resume = %+v, %v", resumed, err)
		}
		gone, err := db.DiscardImportJob(ctx, j.ID)
		if err != nil || gone.Status != patentbridge.JobDiscarded || gone.Upload != "u1/川大.csv" {
			t.Fatalf("discard = %+v, %v; want the upload to remove", gone, err)
		}
		if got := MustFindJob(t, db, j.ID); got.Upload != "" || got.FinishedAt.IsZero() || !strings.Contains(got.Error, "已放弃") {
			t.Errorf("discarded job = %+v", got)
		}
		wantCode(t, func() error { _, err := db.DiscardImportJob(ctx, j.ID); return err }(), patentbridge.ECONFLICT)
		wantCode(t, func() error { _, err := db.ResumeImportJob(ctx, 999); return err }(), patentbridge.ENOTFOUND)
		wantActions(t, db, "import_job:"+itoa(j.ID), "import.start", "import.interrupt", "import.resume", "import.discard")
		if uploads, err := db.ImportUploadsInUse(ctx); err != nil || len(uploads) != 0 {
			t.Errorf("uploads in use after the discard: %v, %v", uploads, err)
		}

		// A job without a stored upload (queued before uploads were kept) is never claimed.
		MustImportJob(t, db, "旧版本.csv", "")
		if _, err := db.ClaimImportJob(ctx, "A", 1, nil); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("claimed a job without its upload: %v", err)
		}
	})
}

// Processes claiming at once on one database each get different jobs, and
// every job is claimed exactly once.
func TestImportJobClaimedByExactlyOne(t *testing.T) {
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := sqldbtest.SQLiteDSN(t)
			if name == "postgres" {
				dsn = sqldbtest.PostgresDSN(t)
			}
			var dbs []*sqldb.DB
			for range 2 {
				db, err := sqldb.Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs = append(dbs, db)
			}
			const jobs = 24
			for i := range jobs {
				MustImportJob(t, dbs[0], "f.csv", "u/"+itoa(int64(i))+".csv")
			}
			var mu sync.Mutex
			claims := map[int64][]string{}
			var wg sync.WaitGroup
			for w := range 6 {
				owner := "P" + itoa(int64(w))
				db := dbs[w%2]
				wg.Go(func() {
					for {
						j, err := db.ClaimImportJob(context.Background(), owner, 1, nil)
						if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
							return
						} else if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						claims[j.ID] = append(claims[j.ID], owner)
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(claims) != jobs {
				t.Errorf("%d jobs claimed, want %d", len(claims), jobs)
			}
			for id, owners := range claims {
				if len(owners) != 1 {
					t.Errorf("job %d claimed by %v", id, owners)
				}
			}
		})
	}
}
