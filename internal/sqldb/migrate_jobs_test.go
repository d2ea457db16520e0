package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Jobs left queued or running by a version that kept its queue in memory, and
// screening runs it left unfinished, are interrupted by the first sweep after
// the upgrade; finished ones keep being served, and ids keep counting up.
func TestJobLeaseMigrationKeepsOldRows(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		done := MustRun(t, db)
		if err := db.MigrateToForTest(ctx, 6); err != nil {
			t.Fatalf("down to 6: %v", err)
		}
		for _, stmt := range []string{
			`INSERT INTO import_jobs (file_name, status, created_at) VALUES ('a.csv', 'queued', '2026-01-01T00:00:00.000000Z')`,
			`INSERT INTO import_jobs (file_name, status, created_at) VALUES ('b.csv', 'running', '2026-01-01T00:00:00.000000Z')`,
			`INSERT INTO import_jobs (file_name, status, created_at, finished_at) VALUES ('c.csv', 'done', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:01:00.000000Z')`,
			`INSERT INTO screening_runs (as_of, rule_version, weights_version, started_at) VALUES ('2026-11-27', 'r', 'w', '2026-01-01T00:00:00.000000Z')`,
		} {
			if err := db.ExecForTest(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.MigrateToForTest(ctx, 7); err != nil {
			t.Fatalf("up to 7: %v", err)
		}
		if ids, err := db.InterruptAbandonedImports(ctx, nil); err != nil || len(ids) != 2 {
			t.Fatalf("sweep of the old queue = %v, %v; want jobs 1 and 2", ids, err)
		}
		for id, want := range map[int64]string{1: patentbridge.JobInterrupted, 2: patentbridge.JobInterrupted, 3: patentbridge.JobDone} {
			if got := MustFindJob(t, db, id); got.Status != want {
				t.Errorf("job %d: %s, want %s", id, got.Status, want)
			}
		}
		_, err := db.ResumeImportJob(as(auditAdmin), 1)
		wantCode(t, err, patentbridge.ECONFLICT) // its upload was in a temporary directory
		if next := MustImportJob(t, db, "d.csv", "u/d.csv"); next.ID != 4 {
			t.Errorf("next job id %d, want 4", next.ID)
		}
		if ids, err := db.InterruptAbandonedRuns(ctx, nil); err != nil || len(ids) != 1 {
			t.Errorf("sweep of old unfinished runs = %v, %v", ids, err)
		}
		if latest, err := db.LatestRun(ctx); err != nil || latest.ID != done.ID || latest.Status != patentbridge.JobDone {
			t.Errorf("latest run = %+v, %v", latest, err)
		}
	})
}
