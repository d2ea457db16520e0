package httpxtest

import (
	"log/slog"
	"testing"

	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
)

// MustJobRunner starts the real import job runner over db, wired as the server
// wires it (the real importer, regions from refdata); it is closed at cleanup.
// Call Wait to let the queued imports finish.
func MustJobRunner(tb testing.TB, db *sqldb.DB) *ingest.JobRunner {
	tb.Helper()
	quiet := slog.New(slog.DiscardHandler)
	r := ingest.NewJobRunner(ingest.NewImporter(db, refdata.RegionCodes{Data: refdata.Default()}, quiet), db, quiet)
	tb.Cleanup(func() { r.Close() })
	return r
}
