package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"

	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
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

// screeningService queues screenings for the process's runner (or any
// process's) and reads runs and results from the store.
type screeningService struct {
	*sqldb.DB
	rules  screenRules
	runner *screen.Runner // nil: a queued run waits for a serve process
}

// StartScreening queues a run as of asOf and wakes this process's runner.
func (s screeningService) StartScreening(ctx context.Context, asOf time.Time) (*patentbridge.ScreeningRun, error) {
	run := &patentbridge.ScreeningRun{AsOf: screen.Day(asOf), RuleVersion: s.rules.cfg.RuleVersion, WeightsVersion: s.rules.cfg.Version}
	if err := s.DB.QueueScreeningRun(ctx, run); err != nil {
		return nil, err
	}
	s.kick()
	return run, nil
}

// RerunScreening queues an interrupted or failed run again and wakes the runner.
func (s screeningService) RerunScreening(ctx context.Context, id int64) (*patentbridge.ScreeningRun, error) {
	run, err := s.DB.RequeueScreeningRun(ctx, id)
	if err != nil {
		return nil, err
	}
	s.kick()
	return run, nil
}

// DiscardScreening deletes an interrupted, failed or queued run.
func (s screeningService) DiscardScreening(ctx context.Context, id int64) error {
	return s.DB.DiscardScreeningRun(ctx, id)
}

func (s screeningService) kick() {
	if s.runner != nil {
		s.runner.Kick()
	}
}

// dealRecordingImporter imports patent exports and then records the deals of
// their legal events (sqldb.RecordEventDeals) as the platform, so that the
// transfers and licences of a web upload become deals as the command line's
// do. A failure to record them does not fail the import: the next run of
// RecordEventDeals (any import) catches up from its cursor.
type dealRecordingImporter struct {
	patentbridge.ImportService
	db     *sqldb.DB
	logger *slog.Logger
}

// ImportFiles imports the files, then records their legal events' deals.
func (d dealRecordingImporter) ImportFiles(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	sum, err := d.ImportService.ImportFiles(ctx, paths, opt)
	if err != nil {
		return sum, err
	}
	evs, err := d.db.RecordEventDeals(platform(patentbridge.WithUser(ctx, nil)))
	if err != nil {
		d.logger.Warn("deals of legal events not recorded yet", "err", err)
	} else if evs.New+evs.Merged+evs.Skipped > 0 {
		d.logger.Info("deals of legal events", "new", evs.New, "merged", evs.Merged, "skipped", evs.Skipped)
	}
	return sum, nil
}
