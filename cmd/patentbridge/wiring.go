package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"

	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
)

// openDB opens (and migrates) the database named by dsn.
func openDB(ctx context.Context, dsn string, logger *slog.Logger) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	logger.Debug("database open", "dialect", db.Dialect())
	return db, nil
}

// newImporter wires the importer to the store and the reference regions.
func newImporter(db *sqldb.DB, logger *slog.Logger) *ingest.Importer {
	return ingest.NewImporter(db, refdata.RegionCodes{Data: refdata.Default()}, logger)
}

// screeningService runs screenings with the rules engine and reads runs and results
// from the store.
type screeningService struct {
	*sqldb.DB
	rules  screenRules
	logger *slog.Logger
}

// RunScreening evaluates every stored patent as of asOf.
func (s screeningService) RunScreening(ctx context.Context, asOf time.Time) (*patentbridge.ScreeningRun, error) {
	return s.rules.service(s.DB, s.logger).Run(ctx, asOf, nil)
}
