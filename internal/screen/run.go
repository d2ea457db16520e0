package screen

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// Store is what a screening run reads and writes; internal/sqldb implements it.
// SaveScreeningResults is called from another goroutine while ScanPatents is
// still streaming, so the store must allow a write during an open scan.
type Store interface {
	// ScanPatents calls fn for every stored patent, streaming; an error from fn stops the scan.
	ScanPatents(ctx context.Context, fn func(p *patentbridge.Patent) error) error
	// ActiveDeclarations returns the unrevoked declarations by application number.
	ActiveDeclarations(ctx context.Context) (map[string][]*patentbridge.Declaration, error)
	// RatingSummaries returns the enterprises' ratings aggregated by application number.
	RatingSummaries(ctx context.Context) (map[string]patentbridge.RatingSummary, error)
	// CreateScreeningRun stores a new run and sets its ID and StartedAt.
	CreateScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error
	// SaveScreeningResults stores a batch of a run's results, without score and grade.
	SaveScreeningResults(ctx context.Context, runID int64, rs []*patentbridge.ScreeningResult) error
	// SaveScreeningScores stores a batch of scores, grades and indicator vectors.
	SaveScreeningScores(ctx context.Context, runID int64, ss []Score) error
	// FinishScreeningRun stores the run's counts and FinishedAt.
	FinishScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error
}

// Counter is optionally implemented by a Store so that progress has a total.
type Counter interface {
	CountPatents(ctx context.Context) (int, error)
}

// BatchSize is how many results or scores are written per store call.
const BatchSize = 1000

// Service runs screenings against a Store.
type Service struct {
	store  Store
	cfg    *Config
	engine *Engine
	logger *slog.Logger
}

// NewService returns a service; a nil cfg means DefaultConfig, a nil ref refdata.Default.
func NewService(store Store, cfg *Config, ref *refdata.Data, logger *slog.Logger) *Service {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if ref == nil {
		ref = refdata.Default()
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Service{store: store, cfg: cfg, engine: NewEngine(cfg, DefaultClassifier(ref)), logger: logger}
}

// Engine returns the engine the service uses, e.g. to explain one patent.
func (s *Service) Engine() *Engine { return s.engine }

// Run screens every stored patent as of asOf (its calendar date) in two passes: the
// scan assesses each patent and writes its result at once; then the Grader
// normalizes, scores and grades from compact vectors and the scores are written.
// progress, if not nil, is called with the patents scanned and the total (0 when
// the store cannot count). A run that fails is left unfinished.
func (s *Service) Run(ctx context.Context, asOf time.Time, progress func(done, total int)) (*patentbridge.ScreeningRun, error) {
	asOf = Day(asOf)
	decls, err := s.store.ActiveDeclarations(ctx)
	if err != nil {
		return nil, err
	}
	for _, ds := range decls {
		slices.SortFunc(ds, func(a, b *patentbridge.Declaration) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
		})
	}
	ratings, err := s.store.RatingSummaries(ctx)
	if err != nil {
		return nil, err
	}
	total := 0
	if c, ok := s.store.(Counter); ok {
		if total, err = c.CountPatents(ctx); err != nil {
			return nil, err
		}
	}
	run := &patentbridge.ScreeningRun{AsOf: asOf, RuleVersion: s.cfg.RuleVersion, WeightsVersion: s.cfg.Version,
		Excluded: map[patentbridge.Criterion]int{}, Grades: map[string]int{}}
	if err := s.store.CreateScreeningRun(ctx, run); err != nil {
		return nil, err
	}
	log := s.logger.With("run", run.ID, "as_of", patentbridge.FormatDate(asOf))
	log.Info("screening started", "rule", s.cfg.RuleVersion, "weights", s.cfg.Version,
		"indicators", IndicatorVersion, "mapping", s.engine.cls.Version)
	g := NewGrader(s.cfg)
	if err := s.firstPass(ctx, run, asOf, decls, ratings, g, total, progress); err != nil {
		log.Error("screening failed in the scan", "err", err)
		return nil, err
	}
	run.Grades = g.Finish()
	err = g.Each(BatchSize, func(ss []Score) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return s.store.SaveScreeningScores(ctx, run.ID, ss)
	})
	if err != nil {
		log.Error("screening failed writing scores", "err", err)
		return nil, err
	}
	if err := s.store.FinishScreeningRun(ctx, run); err != nil { // the store's clock sets FinishedAt
		return nil, err
	}
	log.Info("screening finished", "screened", run.Screened, "sleeping", run.Sleeping, "grades", run.Grades,
		"took", run.FinishedAt.Sub(run.StartedAt).Round(time.Millisecond))
	return run, nil
}

// UseClassifier makes the service classify with c, e.g. an administrator's edited
// Sichuan industry mapping (NewClassifier), instead of the embedded one.
func (s *Service) UseClassifier(c *Classifier) *Service {
	s.engine = NewEngine(s.cfg, c)
	return s
}
