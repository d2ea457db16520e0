package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestImportJobAudit: a job's creation is the starting user's audited act; its
// finish, reached in the background, is audited once as the platform's with the
// summary; a job whose audit row cannot be written is not created.
func TestImportJobAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		j := &patentbridge.ImportJob{FileName: "四川大学专利.xlsx"}
		if err := db.CreateImportJob(as(auditAdmin), j); err != nil {
			t.Fatal(err)
		}
		if j.CreatedBy != auditAdmin.ID {
			t.Errorf("job started by %d, want the signed-in admin %d", j.CreatedBy, auditAdmin.ID)
		}
		bg := t.Context() // the runner's context: no user
		j.Status = patentbridge.JobRunning
		if err := db.UpdateImportJob(bg, j); err != nil {
			t.Fatal(err)
		}
		j.Status, j.Progress = patentbridge.JobDone, 1
		j.Summary = patentbridge.ImportSummary{Files: 1, Read: 3, Inserted: 2, Rejected: 1}
		for range 2 { // saving a finished job again is not a second finish
			if err := db.UpdateImportJob(bg, j); err != nil {
				t.Fatal(err)
			}
		}
		es, n, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Object: "import_job:" + itoa(j.ID)})
		if err != nil || n != 2 {
			t.Fatalf("audit of the job: %d rows %+v, %v; want start and finish", n, es, err)
		}
		finish, start := es[0], es[1]
		if start.Action != "import.start" || start.Actor != "admin" || auditValues(t, start.After)["file_name"] != "四川大学专利.xlsx" {
			t.Errorf("start row = %+v, after %s", start, start.After)
		}
		after := auditValues(t, finish.After)
		sum, _ := after["summary"].(map[string]any)
		if finish.Action != "import.finish" || finish.Actor != "" || finish.Address != "system" || after["status"] != "done" ||
			sum["inserted"] != float64(2) || sum["rejected"] != float64(1) || after["started_by"] != float64(auditAdmin.ID) {
			t.Errorf("finish row = %+v, after %s", finish, finish.After)
		}

		MustFailAudit(t, db)
		if err := db.CreateImportJob(as(auditAdmin), &patentbridge.ImportJob{FileName: "x.csv"}); err == nil {
			t.Error("a job was created without its audit row")
		}
		if jobs, _ := db.ListImportJobs(bg, 10); len(jobs) != 1 {
			t.Errorf("%d jobs, want the first only", len(jobs))
		}
	})
}
