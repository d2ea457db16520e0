package screen

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"time"

	"patentbridge"
	"patentbridge/internal/lease"
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
	// RegistryOrganizations returns every organization of the registry with its
	// aliases, city and parent, for where an owner is and whom it belongs to.
	RegistryOrganizations(ctx context.Context) ([]*patentbridge.Organization, error)
	// CreateScreeningRun stores a new run and sets its ID and StartedAt.
	CreateScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error
	// SaveScreeningResults stores a batch of a run's results, without score and grade.
	SaveScreeningResults(ctx context.Context, runID int64, rs []*patentbridge.ScreeningResult) error
	// SaveScreeningScores stores a batch of scores, grades and indicator vectors.
	SaveScreeningScores(ctx context.Context, runID int64, ss []Score) error
	// FinishScreeningRun stores the run's counts and FinishedAt.
	FinishScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error
}

// Leaser is implemented by a Store that holds runs under leases
// (internal/sqldb): the owner of a run renews its lease while it works, and
// records its failure or its interruption by a shutdown.
type Leaser interface {
	// RenewScreeningRun extends owner's lease; ECONFLICT when owner lost the run.
	RenewScreeningRun(ctx context.Context, id int64, owner string) error
	// FailScreeningRun records that owner's run failed, with the Chinese reason.
	FailScreeningRun(ctx context.Context, id int64, owner, reason string) error
	// ReleaseScreeningRuns marks owner's running runs interrupted.
	ReleaseScreeningRuns(ctx context.Context, owner string) ([]int64, error)
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
	owner  string        // the process that holds the runs this service executes
	lease  time.Duration // how long the store's leases last
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

// WithLease makes the runs this service creates owned by owner, and has the
// runs it executes renewed under leases of length d (the store's), when the
// store keeps leases (Leaser).
func (s *Service) WithLease(owner string, d time.Duration) *Service {
	s.owner, s.lease = owner, d
	return s
}

// Run creates a run as of asOf (its calendar date), owned by the service's
// owner, and executes it (Execute). A run that fails is left unfinished, and
// recorded failed or interrupted when the store keeps leases.
func (s *Service) Run(ctx context.Context, asOf time.Time, progress func(done, total int)) (*patentbridge.ScreeningRun, error) {
	run := &patentbridge.ScreeningRun{AsOf: Day(asOf), RuleVersion: s.cfg.RuleVersion, WeightsVersion: s.cfg.Version, Owner: s.owner}
	if err := s.store.CreateScreeningRun(ctx, run); err != nil {
		return nil, err
	}
	return s.Execute(ctx, run, progress)
}

// Execute screens every stored patent for run, which the service's owner
// holds (just created, or claimed), in two passes: the scan assesses each
// patent and writes its result at once; then the Grader normalizes, scores and
// grades from compact vectors and the scores are written; the finish makes the
// run served. progress, if not nil, is called with the patents scanned and the
// total (0 when the store cannot count). When the store keeps leases, the
// run's lease is renewed meanwhile, and a run that fails is recorded failed,
// or interrupted when ctx ended (a shutdown); a run whose lease was lost is
// left to the process that holds it now (ECONFLICT).
func (s *Service) Execute(ctx context.Context, run *patentbridge.ScreeningRun, progress func(done, total int)) (*patentbridge.ScreeningRun, error) {
	l, leased := s.store.(Leaser)
	work, stop := ctx, func() {}
	if leased {
		work, stop = lease.Keep(ctx, s.leaseLength(), func(ctx context.Context) error {
			return l.RenewScreeningRun(ctx, run.ID, run.Owner)
		}, func(err error) bool { return patentbridge.ErrorCode(err) == patentbridge.ECONFLICT })
	}
	err := s.execute(work, run, progress)
	stop()
	if err == nil || !leased {
		return run, err
	}
	return nil, s.recordFailure(ctx, work, l, run, err)
}

// leaseLength is the store's lease, 30 s when not set.
func (s *Service) leaseLength() time.Duration {
	if s.lease > 0 {
		return s.lease
	}
	return 30 * time.Second
}

// recordFailure records why run ended without finishing and returns the error
// for the caller: nothing when its lease was lost (another process holds the
// run), interrupted when ctx ended, failed otherwise.
func (s *Service) recordFailure(ctx, work context.Context, l Leaser, run *patentbridge.ScreeningRun, err error) error {
	log := s.logger.With("run", run.ID)
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	switch {
	case context.Cause(work) == lease.ErrLost:
		log.Warn("screening stopped: its lease was lost to another process")
		return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 已由其他进程接管", run.ID)
	case ctx.Err() != nil:
		if _, rerr := l.ReleaseScreeningRuns(bg, run.Owner); rerr != nil {
			log.Error("screening: record the interruption", "err", rerr)
		}
		log.Warn("screening interrupted by a shutdown")
		return err
	}
	if ferr := l.FailScreeningRun(bg, run.ID, run.Owner, "筛查失败："+patentbridge.ErrorMessage(err)); ferr != nil {
		log.Error("screening: record the failure", "err", ferr)
	}
	return err
}

// execute runs both passes of run and finishes it.
func (s *Service) execute(ctx context.Context, run *patentbridge.ScreeningRun, progress func(done, total int)) error {
	asOf := Day(run.AsOf)
	run.Screened, run.Sleeping = 0, 0
	run.Excluded, run.Grades = map[patentbridge.Criterion]int{}, map[string]int{}
	decls, err := s.store.ActiveDeclarations(ctx)
	if err != nil {
		return err
	}
	for _, ds := range decls {
		slices.SortFunc(ds, func(a, b *patentbridge.Declaration) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
		})
	}
	ratings, err := s.store.RatingSummaries(ctx)
	if err != nil {
		return err
	}
	orgs, err := s.store.RegistryOrganizations(ctx)
	if err != nil {
		return err
	}
	reg := NewRegistry(orgs)
	total := 0
	if c, ok := s.store.(Counter); ok {
		if total, err = c.CountPatents(ctx); err != nil {
			return err
		}
	}
	log := s.logger.With("run", run.ID, "as_of", patentbridge.FormatDate(asOf))
	log.Info("screening started", "rule", s.cfg.RuleVersion, "weights", s.cfg.Version,
		"indicators", IndicatorVersion, "mapping", s.engine.cls.Version, "owner", run.Owner)
	g := NewGrader(s.cfg)
	if err := s.firstPass(ctx, run, asOf, decls, ratings, reg, g, total, progress); err != nil {
		log.Error("screening failed in the scan", "err", err)
		return err
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
		return err
	}
	if err := s.store.FinishScreeningRun(ctx, run); err != nil { // the store's clock sets FinishedAt
		return err
	}
	log.Info("screening finished", "screened", run.Screened, "sleeping", run.Sleeping, "grades", run.Grades,
		"took", run.FinishedAt.Sub(run.StartedAt).Round(time.Millisecond))
	return nil
}

// UseClassifier makes the service classify with c, e.g. an administrator's edited
// Sichuan industry mapping (NewClassifier), instead of the embedded one.
func (s *Service) UseClassifier(c *Classifier) *Service {
	s.engine = NewEngine(s.cfg, c)
	return s
}
