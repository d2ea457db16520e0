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
	r := ingest.NewJobRunner(ingest.NewImporter(db, regions{refdata.Default()}, quiet), db, quiet)
	tb.Cleanup(func() { r.Close() })
	return r
}

// regions adapts refdata to the importer's Regions.
type regions struct{ data *refdata.Data }

func (r regions) RegionFromProvinceField(s string) (string, bool) {
	reg, ok := r.data.RegionFromProvinceField(s)
	return reg.Code, ok
}

func (r regions) RegionFromAddress(addr string) (string, bool) {
	reg, ok := r.data.RegionFromAddress(addr)
	return reg.Code, ok
}
