package httpxtest

import (
	"context"
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
	run, err := Screening{DB: db}.RunScreening(platform(), asOf)
	if err != nil {
		tb.Fatalf("screening run: %v", err)
	}
	return run
}

// Screening is the real patentbridge.ScreeningService over a store: the runs and
// results of DB, and runs with the real rules (default configuration). Before,
// when set, is called first with the run's date and may hold the run back or fail it.
type Screening struct {
	*sqldb.DB
	Before func(ctx context.Context, asOf time.Time) error
}

// RunScreening screens every stored patent as of asOf, after Before.
func (s Screening) RunScreening(ctx context.Context, asOf time.Time) (*patentbridge.ScreeningRun, error) {
	if s.Before != nil {
		if err := s.Before(ctx, asOf); err != nil {
			return nil, err
		}
	}
	return screen.NewService(s.DB, nil, refdata.Default(), slog.New(slog.DiscardHandler)).Run(ctx, asOf, nil)
}
