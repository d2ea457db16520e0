package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/config"
	"patentbridge/internal/httpx"
	"patentbridge/internal/ingest"
	"patentbridge/internal/lease"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/web"
)

// Main is the running server: database, background jobs and HTTP listener. Tests
// start it on port 0 with a database in t.TempDir().
type Main struct {
	Config config.Config
	Logger *slog.Logger

	DB      *sqldb.DB
	owner   string // this process, in the jobs it claims
	jobs    *ingest.JobRunner
	screens *screen.Runner // this process's screening runner
	search  *searchStack
	stop    context.CancelFunc // ends background work (the indexer)
	bgDone  chan struct{}      // closed when background work has ended
	ln      net.Listener
	srv     *http.Server
	api     *api.Server // the JSON API being served
	ui      *web.Server // the web UI being served

	indexStore func(search.Store) search.Store // tests: wraps the store the indexer reads

	closeOnce sync.Once
	closeErr  error
}

// Open opens the database, marks the jobs of processes that are gone 中断,
// creates the first admin, loads demo data when asked, starts the import and
// screening runners, wires the HTTP handlers and starts listening (not yet
// serving).
func (m *Main) Open(ctx context.Context) error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	db, err := openDB(ctx, m.Config.DB, m.Logger)
	if err != nil {
		return err
	}
	m.DB = db
	if err := useLedgerKey(db, m.Config, m.Logger); err != nil {
		return err
	}
	if err := backfillLedger(ctx, db, m.Logger); err != nil {
		return err
	}
	db.JobLease = m.Config.Jobs.LeaseOrDefault()
	m.owner = lease.NewOwner()
	m.interruptAbandoned(ctx)
	if err := ensureAdmin(ctx, db, m.Config.AdminPassword, m.Logger); err != nil {
		return err
	}
	rules, err := loadScreenRules(m.Config)
	if err != nil {
		return err
	}
	screening := rules.service(db, m.Logger).WithLease(m.owner, db.JobLease)
	imp := newImporter(db, m.Logger)
	if m.Config.Demo {
		if err := loadDemo(ctx, db, imp, m.Config.DemoN, m.Logger); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if err := loadDemoUsers(ctx, db, db, m.Config.AdminPassword, m.Logger); err != nil {
			return fmt.Errorf("demo users: %w", err)
		}
		if err := linkDemoParents(ctx, db); err != nil {
			return fmt.Errorf("demo organizations: %w", err)
		}
		if err := loadDemoDemands(ctx, db, m.Logger); err != nil {
			return fmt.Errorf("demo demands: %w", err)
		}
		if err := screenDemo(ctx, db, screening, m.Logger); err != nil {
			return fmt.Errorf("demo screening: %w", err)
		}
		if err := loadDemoMarket(ctx, db, m.Logger); err != nil {
			return fmt.Errorf("demo market: %w", err)
		}
		if err := loadDemoOpenLicences(ctx, db, db, db, m.Logger); err != nil {
			return fmt.Errorf("demo open licences: %w", err)
		}
		announced, _, err := db.ListOpenLicences(platform(ctx), patentbridge.OpenLicenceFilter{Status: patentbridge.OpenAnnounced, Limit: 100})
		if err != nil {
			return fmt.Errorf("demo open licences: %w", err)
		}
		if err := loadDemoLicences(ctx, db, db, db, db, announced, m.Logger); err != nil {
			return fmt.Errorf("demo licences: %w", err)
		}
		if err := loadDemoOpenOffers(ctx, db, announced, m.Logger); err != nil {
			return fmt.Errorf("demo open-licence offers: %w", err)
		}
		if err := loadDemoDeals(ctx, db, m.Logger); err != nil {
			return fmt.Errorf("demo deals: %w", err)
		}
		if err := loadDemoEvents(ctx, db, m.Logger); err != nil {
			return fmt.Errorf("demo events: %w", err)
		}
		if err := loadDemoLoans(ctx, db, m.Logger); err != nil {
			return fmt.Errorf("demo loans: %w", err)
		}
		if err := loadDemoFilings(ctx, db, db.Now(), m.Logger); err != nil {
			return fmt.Errorf("demo filings and services: %w", err)
		}
	}
	if err := os.MkdirAll(m.Config.JobsDir(), 0o700); err != nil {
		return fmt.Errorf("jobs directory: %w", err)
	}
	retries := m.Config.Jobs.Retries
	m.jobs = ingest.NewJobRunner(dealRecordingImporter{imp, db, m.Logger}, db, ingest.JobRunnerOptions{Dir: m.Config.JobsDir(), Owner: m.owner,
		Lease: db.JobLease, Retries: retries, Dead: lease.Dead, Logger: m.Logger})
	m.screens = screen.NewRunner(screening, db, screen.RunnerOptions{Retries: retries, Dead: lease.Dead})
	go func() {
		if n, err := m.jobs.CleanUploads(context.WithoutCancel(ctx), 24*time.Hour); err != nil {
			m.Logger.Warn("jobs directory: clean up", "err", err)
		} else if n > 0 {
			m.Logger.Info("jobs directory: removed uploads no job needs", "count", n)
		}
	}()
	var store search.Store = db
	if m.indexStore != nil {
		store = m.indexStore(store)
	}
	if m.search, err = openSearch(db, store, m.Config.SearchIndexDir(), m.Logger, routerCorpus(db), m.Config.RouterCheck); err != nil {
		return err
	}
	db.Matcher = m.search.service // feedback is taken on a demand's matches only
	bg, stop := context.WithCancel(context.Background())
	m.stop, m.bgDone = stop, make(chan struct{})
	go func() {
		defer close(m.bgDone)
		var wg sync.WaitGroup
		wg.Go(func() { m.search.follow(bg, m.Logger) })
		wg.Go(func() { m.search.runRouter(bg, m.Config.RouterCheck) })
		wg.Go(func() { licenceJobs(bg, db, time.Hour, m.Logger) })
		wg.Wait()
	}()
	go m.search.warmUp() // the router and the word segmenter take seconds to load
	go func() {
		if n, err := m.search.index.Prefetch(); err != nil {
			m.Logger.Warn("search index: prefetch", "err", err)
		} else if n > 0 {
			m.Logger.Info("search index: reading into the page cache", "bytes", n)
		}
	}()
	handler, err := m.handler()
	if err != nil {
		return err
	}
	m.ln, err = net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", m.Config.Addr, err)
	}
	m.srv = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	return nil
}

// handler mounts the JSON API and the web UI on one mux behind the middleware stack.
func (m *Main) handler() (http.Handler, error) {
	var err error
	if m.api, m.ui, err = m.servers(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	m.api.Register(mux)
	m.ui.Register(mux)
	go m.ui.WarmUp(context.Background())
	proxies, err := m.Config.Proxies()
	if err != nil {
		return nil, err
	}
	return httpx.Stack(mux, httpx.StackOptions{Users: m.DB, Logger: m.Logger, TrustedProxies: proxies})
}

// routes returns the permission tables of the API and the UI being served.
func (m *Main) routes() []httpx.Route { return append(m.api.Routes(), m.ui.Routes()...) }

// servers wires the JSON API and the web UI to the database and services.
func (m *Main) servers() (*api.Server, *web.Server, error) {
	ref := refdata.Default()
	rules, err := loadScreenRules(m.Config)
	if err != nil {
		return nil, nil, err
	}
	maxUpload, err := m.Config.MaxUploadBytes()
	if err != nil {
		return nil, nil, err
	}
	screening := screeningService{DB: m.DB, rules: rules, runner: m.screens}
	uploads := m.Config.JobsDir() // beside the kept uploads, so that keeping one is a rename
	ranker := search.NewEnterpriseRanker(m.DB, ref)
	apiServer := api.New(api.Deps{Patents: m.DB, Jobs: m.DB, Runner: m.jobs, Ref: ref, Logger: m.Logger, MaxUploadBytes: maxUpload,
		UploadDir: uploads,
		Screening: screening, Sleeping: m.DB, Declarations: m.DB, Supply: m.DB, OpenLicences: m.DB,
		Search: m.search.service, Demands: m.DB, Feedback: m.DB, Messages: m.DB, Enterprises: m.DB,
		EnterpriseRanker: ranker, Push: m.DB, Organizations: m.DB, Users: m.DB, AuditLog: m.DB, Registrations: m.DB,
		Ledger: m.DB, Licences: m.DB, Deals: m.DB, KPIs: m.DB, Events: m.DB, Cases: m.DB, PilotBases: m.DB, Listings: m.DB, Loans: m.DB,
		Filings: m.DB, Commissioners: m.DB, Outlets: m.DB,
		Offers: m.DB, OfferQuestions: m.DB, Pools: m.DB})
	ui, err := web.New(web.Deps{Patents: m.DB, Users: m.DB, Jobs: m.DB, Runner: m.jobs, Ref: ref, MaxUploadBytes: maxUpload,
		UploadDir: uploads,
		Logger:    m.Logger, Secure: m.Config.SecureCookies,
		Screening: screening, Sleeping: m.DB, Declarations: m.DB, Supply: m.DB, OpenLicences: m.DB, GradeRule: rules.cfg.GradeRule(),
		Search: m.search.service, Demands: m.DB, Feedback: m.DB, Messages: m.DB, Enterprises: m.DB,
		EnterpriseRanker: ranker, Push: m.DB, ReadDemands: ingest.ReadDemands, Organizations: m.DB, AuditLog: m.DB,
		Registrations: m.DB, Ledger: m.DB, KPIs: m.DB, Licences: m.DB, Deals: m.DB, Filings: m.DB, Commissioners: m.DB, Outlets: m.DB, Offers: m.DB, OfferQuestions: m.DB, Pools: m.DB, Operator: m.Config.Site.Operator, ICP: m.Config.Site.ICP, Contact: m.Config.Site.Contact,
		ImportOrganizations: func(ctx context.Context, path, kind string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportOrganizations(ctx, m.DB, []string{path}, kind, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportEnterprises: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportEnterprises(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		Loans: m.DB,
		ImportLoans: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportLoans(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportDeals: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportDeals(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		Events: m.DB, Cases: m.DB, PilotBases: m.DB, Listings: m.DB,
		ImportEvents: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportEvents(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportCases: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportCases(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportFilings: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportFilings(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportCommissioners: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportCommissioners(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportServices: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportServices(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportOutlets: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportOutlets(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportTechManagers: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportTechManagers(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportPilotBases: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportPilotBases(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportListings: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportListings(ctx, m.DB, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		}})
	return apiServer, ui, err
}

// URL is the base URL the server listens on.
func (m *Main) URL() string { return "http://" + m.ln.Addr().String() }

// Serve serves HTTP until the listener is closed.
func (m *Main) Serve() error {
	if err := m.srv.Serve(m.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close shuts down gracefully: stop accepting and finish requests; let the
// running import and screening finish within the configured shutdown timeout,
// then interrupt them (recorded 中断, to be resumed); then stop the indexer
// and close the index and the database, which no job uses any more. Calls
// after the first return its result.
func (m *Main) Close() error {
	m.closeOnce.Do(func() { m.closeErr = m.close() })
	return m.closeErr
}

func (m *Main) close() error {
	var errs []error
	if m.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		errs = append(errs, m.srv.Shutdown(ctx))
	} else if m.ln != nil {
		errs = append(errs, m.ln.Close())
	}
	m.stopJobs()
	if m.stop != nil {
		m.stop()
		<-m.bgDone // the indexer and the router's training must finish before the index and the database close
	}
	if m.search != nil {
		errs = append(errs, m.search.index.Close())
	}
	if m.DB != nil {
		errs = append(errs, m.DB.Close())
	}
	return errors.Join(errs...)
}

// stopJobs waits for the background jobs up to the shutdown timeout, then
// interrupts those still running.
func (m *Main) stopJobs() {
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.Jobs.ShutdownTimeoutOrDefault())
	defer cancel()
	var wg sync.WaitGroup
	if m.jobs != nil {
		wg.Go(func() {
			if m.jobs.Shutdown(ctx) {
				m.Logger.Warn("shutdown: the running import was interrupted; resume it from the import page")
			}
		})
	}
	if m.screens != nil {
		wg.Go(func() {
			if m.screens.Shutdown(ctx) {
				m.Logger.Warn("shutdown: the running screening was interrupted; re-run it from the screening page")
			}
		})
	}
	wg.Wait()
}

// interruptAbandoned marks interrupted, at start, the jobs whose process is
// gone: known dead (it ran on this machine), or silent past its lease.
func (m *Main) interruptAbandoned(ctx context.Context) {
	if ids, err := m.DB.InterruptAbandonedImports(ctx, lease.Dead); err != nil {
		m.Logger.Error("start: interrupt abandoned imports", "err", err)
	} else if len(ids) > 0 {
		m.Logger.Warn("start: import jobs of a stopped process marked 中断", "jobs", ids)
	}
	if ids, err := m.DB.InterruptAbandonedRuns(ctx, lease.Dead); err != nil {
		m.Logger.Error("start: interrupt abandoned screening runs", "err", err)
	} else if len(ids) > 0 {
		m.Logger.Warn("start: screening runs of a stopped process marked 中断", "runs", ids)
	}
}

func runServe(ctx context.Context, args []string, getenv env, _, stderr io.Writer) int {
	m := &Main{}
	fs := m.Config.FlagSet("serve", getenv, stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	m.Logger = newLogger(stderr, m.Config.LogLevel)
	slog.SetDefault(m.Logger)
	m.Logger.Info("starting PatentBridge", "config", m.Config.String())
	if err := m.Open(ctx); err != nil {
		_ = m.Close()
		return fail(stderr, err)
	}
	m.Logger.Info("专利转化运营平台已启动", "url", m.URL())
	errc := make(chan error, 1)
	go func() { errc <- m.Serve() }()
	select {
	case <-ctx.Done():
		m.Logger.Info("shutting down")
	case err := <-errc:
		if err != nil {
			m.Logger.Error("server stopped", "err", err)
		}
	}
	if err := m.Close(); err != nil {
		m.Logger.Error("shutdown", "err", err)
		return 1
	}
	return 0
}
