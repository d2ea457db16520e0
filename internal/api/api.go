// Package api serves PatentBridge's JSON API under /api/v1 (DESIGN §4): snake_case
// fields, dates as YYYY-MM-DD, errors as {"error":{"code","message","field"}},
// lists with total, limit and offset.
package api

import (
	"log/slog"
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Deps are the services the API uses; Users, AuditLog, MaxUploadBytes and UploadDir are optional.
type Deps struct {
	Patents patentbridge.PatentService
	Jobs    patentbridge.ImportJobService
	Runner  patentbridge.ImportJobRunner
	Ref     httpx.RefData
	Logger  *slog.Logger

	// Screening, Sleeping and Declarations serve the sleeping-patent database;
	// nil answers their endpoints with 404.
	Screening    patentbridge.ScreeningService
	Sleeping     patentbridge.SleepingService
	Declarations patentbridge.DeclarationService
	// Supply builds and publishes supply lists (供给清单); nil answers its endpoints with 404.
	Supply patentbridge.SupplyListService
	// OpenLicences keeps open-licence declarations; nil answers its endpoints with 404.
	OpenLicences patentbridge.OpenLicenceService
	// Demands, Feedback, Search, Enterprises and EnterpriseRanker serve technology
	// demands, matching (/match, /classify) and the enterprise registry; nil
	// answers their endpoints with 404.
	Demands  patentbridge.DemandService
	Feedback patentbridge.FeedbackService
	Search   patentbridge.SearchService
	// Messages is the users' inbox (站内信); nil answers its endpoints with 404.
	Messages patentbridge.MessageService
	// Organizations, when set, serves the organization registry.
	Organizations    patentbridge.OrganizationService
	Enterprises      patentbridge.EnterpriseService
	EnterpriseRanker httpx.EnterpriseRanker
	// Offers, OfferQuestions and Pools serve the market (转化交易) and patent
	// pools; nil answers their endpoints with 404.
	Offers         patentbridge.OfferService
	OfferQuestions patentbridge.OfferQuestionService
	Pools          patentbridge.PoolService
	// Push sends a supply list's push list as messages (站内信); nil answers its endpoint with 404.
	Push patentbridge.PushService
	// Now is the clock of the acts the handlers date (publication, moderation, the
	// default screening date); nil means patentbridge.Now. Tests set it.
	Now func() time.Time
	// Users keeps accounts, logins and tokens; AuditLog reads the audit log. nil
	// answers their endpoints with 404.
	Users    patentbridge.UserService
	AuditLog patentbridge.AuditService
	// Licences takes open licences and registers licences, their payments,
	// reports, recordation and disputes; nil answers their endpoints with 404.
	Licences patentbridge.LicenceService
	// Deals records 转移转化 deals; nil answers their endpoints with 404.
	Deals patentbridge.DealService
	// KPIs computes the performance evaluation (绩效评价); nil answers its endpoints with 404.
	KPIs patentbridge.KPIService
	// Events, Cases, PilotBases and Listings keep matching events, typical
	// cases (public once published), pilot bases and the 科创板 pipeline; nil
	// answers their endpoints with 404.
	Events     patentbridge.EventService
	Cases      patentbridge.CaseService
	PilotBases patentbridge.PilotBaseService
	Listings   patentbridge.ListingService
	// Loans works pledge loans and their risk pools; nil answers their endpoints with 404.
	Loans patentbridge.LoanService
	// Filings keeps 专利产品备案; Commissioners the 知识产权专员 and their
	// service records; Outlets the service agencies, outlets and technology
	// managers. nil answers their endpoints with 404.
	Filings       patentbridge.FilingService
	Commissioners patentbridge.CommissionerService
	Outlets       patentbridge.OutletService
	// Registrations takes self-registrations and their review; nil answers their endpoints with 404.
	Registrations patentbridge.RegistrationService
	// Ledger reads the public ledger (公共账本) and its proofs; nil answers its endpoints with 404.
	Ledger patentbridge.LedgerService
	// MaxUploadBytes caps an import upload; 0 means httpx.DefaultMaxUpload.
	MaxUploadBytes int64
	// UploadDir receives uploads before the import runner takes them; "" means os.TempDir().
	UploadDir string
}

// Server is the JSON API.
type Server struct {
	Deps
	mux *http.ServeMux
}

// New returns the API; it serves its routes itself (ServeHTTP) and can also
// register them on a shared mux (Register).
func New(d Deps) *Server {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = patentbridge.Now
	}
	s := &Server{Deps: d, mux: http.NewServeMux()}
	s.Register(s.mux)
	return s
}

// ServeHTTP serves the API's routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	httpx.Error(w, r, err, s.Logger)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.error(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "接口 %s %s 不存在", r.Method, r.URL.Path))
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	n, err := s.Patents.CountPatents(r.Context())
	if err != nil {
		s.Logger.Error("healthz: count patents", "err", err)
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"status": "ok", "patents": n})
}
