// Package web serves PatentBridge's server-rendered Simplified Chinese UI: pages
// from html/template files embedded in the binary, checked at start, with a
// small hand-written stylesheet and script (no CDN: it must work on intranets).
package web

import (
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Deps are the services the UI uses; Audit, SessionTTL, MaxUploadBytes and
// UploadDir are optional.
type Deps struct {
	Patents patentbridge.PatentService
	Users   patentbridge.UserService
	Jobs    patentbridge.ImportJobService
	Runner  patentbridge.ImportJobRunner
	Ref     httpx.RefData
	Logger  *slog.Logger

	// Screening, Sleeping and Declarations serve the sleeping-patent database;
	// nil hides its pages and panels.
	Screening    patentbridge.ScreeningService
	Sleeping     patentbridge.SleepingService
	Declarations patentbridge.DeclarationService
	// Supply builds and publishes supply lists (供给清单); nil hides the feature.
	Supply patentbridge.SupplyListService
	// Demands, Feedback and Search serve technology demands (技术需求) and their
	// matches; nil Demands hides the feature, nil Search hides the matches.
	Demands  patentbridge.DemandService
	Feedback patentbridge.FeedbackService
	Search   patentbridge.SearchService
	// ReadDemands reads a bulk demand workbook (cmd wires ingest.ReadDemands); nil hides the bulk import.
	ReadDemands func(path string, now time.Time) ([]*patentbridge.Demand, []patentbridge.Reject, error)
	// Organizations, when set, serves the organization registry's pages.
	Organizations patentbridge.OrganizationService
	// Enterprises is the enterprise registry; ImportEnterprises imports a registry
	// file inline, writing the rejects CSV (cmd wires ingest.ImportEnterprises);
	// EnterpriseRanker ranks enterprises for a patent (专利进园区企业). nil hides each.
	Enterprises       patentbridge.EnterpriseService
	ImportEnterprises func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	EnterpriseRanker  httpx.EnterpriseRanker
	// Now is the clock of the acts the handlers date (publication, moderation, the
	// default screening date); nil means patentbridge.Now. Tests set it.
	Now func() time.Time
	// Audit records every write; nil records nothing.
	Audit httpx.AuditFunc
	// Secure marks the session cookie Secure; set it when served over HTTPS.
	Secure bool
	// SessionTTL is how long a browser session lasts; 0 means 12 hours.
	SessionTTL time.Duration
	// MaxUploadBytes caps an import upload; 0 means httpx.DefaultMaxUpload.
	MaxUploadBytes int64
	// UploadDir receives uploads before the import runner takes them; "" means os.TempDir().
	UploadDir string
}

// Server is the web UI.
type Server struct {
	Deps
	views map[string]*template.Template
	mux   *http.ServeMux

	homeCache homeCache
	// screenJob allows one screening started from the UI at a time.
	screenJob screeningJob
}

// New parses and checks every template and returns the UI; a missing or broken
// template is an error here, at start, never a failure in front of a user.
func New(d Deps) (*Server, error) {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = patentbridge.Now
	}
	if d.SessionTTL <= 0 {
		d.SessionTTL = 12 * time.Hour
	}
	views, err := parseViews(templateFS)
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, views: views, mux: http.NewServeMux()}
	s.Register(s.mux)
	return s, nil
}

// Register adds the UI's routes to mux, including the catch-all "/" that
// answers unknown paths with the Chinese 404 page.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /patents", s.patentList)
	mux.HandleFunc("GET /patents/{app_no}", s.patentDetail)
	s.registerOrganizations(mux)
	mux.HandleFunc("GET /admin/import", s.admin(s.importPage))
	mux.HandleFunc("POST /admin/import", s.admin(s.importUpload))
	mux.HandleFunc("GET /admin/import/{id}", s.admin(s.jobPage))
	mux.HandleFunc("GET /admin/import/{id}/rejects", s.admin(s.jobRejects))
	if s.Supply != nil {
		mux.HandleFunc("GET /supply", s.supplyLists)
		mux.HandleFunc("GET /supply/{id}", s.supplyDetail) // also {id}.xlsx
		mux.HandleFunc("GET /supply/{id}/print", s.supplyPrint)
		mux.HandleFunc("GET /admin/supply/new", s.supplyManager(s.supplyNew))
		mux.HandleFunc("POST /admin/supply/new", s.supplyManager(s.supplyCreate))
		mux.HandleFunc("GET /admin/supply/{id}/edit", s.supplyManager(s.supplyEdit))
		mux.HandleFunc("POST /admin/supply/{id}/edit", s.supplyManager(s.supplyUpdate))
		mux.HandleFunc("POST /admin/supply/{id}/publish", s.supplyManager(s.supplyPublish))
		mux.HandleFunc("POST /admin/supply/{id}/withdraw", s.supplyManager(s.supplyWithdraw))
	}
	if s.Screening != nil && s.Sleeping != nil {
		mux.HandleFunc("GET /sleeping", s.sleepingPage)
	}
	if s.Screening != nil {
		mux.HandleFunc("GET /admin/screening", s.admin(s.screeningPage))
		mux.HandleFunc("POST /admin/screening", s.admin(s.startScreening))
	}
	if s.Declarations != nil {
		mux.HandleFunc("POST /patents/{app_no}/declarations", s.createDeclaration)
		mux.HandleFunc("POST /patents/{app_no}/declarations/{id}/revoke", s.revokeDeclaration)
		mux.HandleFunc("POST /patents/{app_no}/ratings", s.createRating)
		mux.HandleFunc("GET /my/declarations/import", s.declImportPage)
		mux.HandleFunc("POST /my/declarations/import", s.declImport)
	}
	s.registerDemands(mux)
	s.registerSearch(mux)
	mux.HandleFunc("GET /my/patents", s.myPatents)
	mux.HandleFunc("/", s.notFound)
}

// ServeHTTP serves the UI's routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// admin wraps a handler for administrators: anonymous visitors are sent to the
// login page, other users get the 403 page.
func (s *Server) admin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := httpx.Authorize(patentbridge.UserFrom(r.Context()), patentbridge.RoleAdmin); err != nil {
			s.errorPage(w, r, err)
			return
		}
		h(w, r)
	}
}
