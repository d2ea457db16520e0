package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestImportJobs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		first := &patentbridge.ImportJob{FileName: "四川大学专利.xlsx", CreatedBy: 1}
		if err := db.CreateImportJob(ctx, first); err != nil {
			t.Fatal(err)
		}
		if first.ID == 0 || first.Status != patentbridge.JobQueued || first.CreatedAt.IsZero() {
			t.Fatalf("CreateImportJob set %+v", first)
		}
		second := &patentbridge.ImportJob{FileName: "export.csv"}
		if err := db.CreateImportJob(ctx, second); err != nil {
			t.Fatal(err)
		}

		first.Status = patentbridge.JobDone
		first.Progress = 1
		first.Summary = patentbridge.ImportSummary{Files: 1, Read: 120, Inserted: 100, Updated: 10, Unchanged: 5, Rejected: 5, Seconds: 1.5}
		if err := db.UpdateImportJob(ctx, first); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindImportJob(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Summary != first.Summary || got.Status != patentbridge.JobDone || got.Progress != 1 || got.FinishedAt.IsZero() {
			t.Errorf("FindImportJob = %+v, want the saved summary, status done and a finish time", got)
		}

		list, err := db.ListImportJobs(ctx, 10)
		if err != nil || len(list) != 2 || list[0].ID != second.ID {
			t.Errorf("ListImportJobs = %v, %v; want 2 jobs, newest first", list, err)
		}

		rejects := []byte("文件,行,列,值,原因\nexport.csv,3,申请号,123,申请号校验位错误\n")
		if err := db.SaveImportRejects(ctx, first.ID, rejects); err != nil {
			t.Fatal(err)
		}
		if b, err := db.ImportRejects(ctx, first.ID); err != nil || string(b) != string(rejects) {
			t.Errorf("ImportRejects = %q, %v", b, err)
		}
		if b, err := db.ImportRejects(ctx, second.ID); err != nil || len(b) != 0 {
			t.Errorf("ImportRejects of a job without rejects = %q, %v; want empty", b, err)
		}

		_, err = db.FindImportJob(ctx, 9999)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.ImportRejects(ctx, 9999)
		wantCode(t, err, patentbridge.ENOTFOUND)
		wantCode(t, db.UpdateImportJob(ctx, &patentbridge.ImportJob{ID: 9999, Status: patentbridge.JobFailed}), patentbridge.ENOTFOUND)
		wantCode(t, db.SaveImportRejects(ctx, 9999, rejects), patentbridge.ENOTFOUND)
		wantCode(t, db.UpdateImportJob(ctx, &patentbridge.ImportJob{ID: first.ID, Status: "paused"}), patentbridge.EINVALID)
	})
}
