package httpxtest

import (
	"log/slog"
	"testing"
	"time"

	"patentbridge/internal/ingest"
	"patentbridge/internal/lease"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
)

// MustJobRunner starts the real import job runner over db, wired as the server
// wires it (the real importer, regions from refdata, a jobs directory in
// tb.TempDir()); it is closed at cleanup.
// It claims jobs only when kicked (a start, a resume, Wait): call Wait to let
// the queued imports finish.
func MustJobRunner(tb testing.TB, db *sqldb.DB) *ingest.JobRunner {
	tb.Helper()
	quiet := slog.New(slog.DiscardHandler)
	r := ingest.NewJobRunner(ingest.NewImporter(db, refdata.RegionCodes{Data: refdata.Default()}, quiet), db,
		ingest.JobRunnerOptions{Dir: tb.TempDir(), Owner: lease.NewOwner(), Logger: quiet, Poll: time.Hour})
	tb.Cleanup(func() { r.Close() })
	return r
}
