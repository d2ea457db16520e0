package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Every imported batch that changes patents is audited in its transaction, by
// the command line, a job or a user; an unchanged re-import writes nothing.
func TestImportBatchesAreAudited(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		ps := []*patentbridge.Patent{newPatent(1), newPatent(2), newPatent(3)}
		if _, err := db.UpsertPatents(ctx, ps); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpsertPatents(ctx, ps); err != nil {
			t.Fatal(err)
		}
		es, n, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Action: "patent.import"})
		if err != nil || n != 1 || es[0].Address != "cli" {
			t.Fatalf("import audit = %+v (%d), %v; want one batch from cli", es, n, err)
		}
		var after map[string]any
		if json.Unmarshal(es[0].After, &after) != nil || after["inserted"] != float64(3) || after["first"] != ps[0].AppNo {
			t.Errorf("after = %s", es[0].After)
		}
	})
}

func TestImportBatchWhoseAuditFailsLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustFailAudit(t, db)
		if _, err := db.UpsertPatents(context.Background(), []*patentbridge.Patent{newPatent(1)}); err == nil {
			t.Fatal("a batch was imported without its audit row")
		}
		if n, _ := db.CountPatents(context.Background()); n != 0 {
			t.Errorf("%d patents stored without their audit row", n)
		}
	})
}
