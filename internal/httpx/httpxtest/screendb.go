package httpxtest

import (
	"log/slog"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
)

// MustScreen stores ps in the real store db and screens every stored patent as
// of asOf with the real rules (internal/screen, default configuration), as the
// platform, so that page and API tests read sleeping patents the way users do.
func MustScreen(tb testing.TB, db *sqldb.DB, asOf time.Time, ps ...*patentbridge.Patent) *patentbridge.ScreeningRun {
	tb.Helper()
	if _, err := db.UpsertPatents(platform(), ps); err != nil {
		tb.Fatalf("store patents: %v", err)
	}
	run, err := screen.NewService(db, nil, refdata.Default(), slog.New(slog.DiscardHandler)).Run(platform(), asOf, nil)
	if err != nil {
		tb.Fatalf("screening run: %v", err)
	}
	return run
}
