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

// Deps are the services the UI uses; AuditLog, SessionTTL, MaxUploadBytes and
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
	// GradeRule says how the screening configuration grades (cmd wires
	// screen.Config.GradeRule); the patent page shows it beside the run's cut-offs.
	GradeRule string
	// Supply builds and publishes supply lists (供给清单); nil hides the feature.
	Supply patentbridge.SupplyListService
	// OpenLicences keeps open-licence declarations (开放许可); nil hides the feature.
	OpenLicences patentbridge.OpenLicenceService
	// Demands, Feedback and Search serve technology demands (技术需求) and their
	// matches; nil Demands hides the feature, nil Search hides the matches.
	Demands  patentbridge.DemandService
	Feedback patentbridge.FeedbackService
	Search   patentbridge.SearchService
	// ReadDemands reads a bulk demand workbook (cmd wires ingest.ReadDemands); nil hides the bulk import.
	ReadDemands func(path string, now time.Time) ([]*patentbridge.Demand, []patentbridge.Reject, error)
	// Messages is the users' inbox (站内信): the header's unread count and the
	// /messages pages; nil hides them.
	Messages patentbridge.MessageService
	// Organizations, when set, serves the organization registry's pages.
	Organizations patentbridge.OrganizationService
	// Enterprises is the enterprise registry; ImportEnterprises imports a registry
	// file inline, writing the rejects CSV (cmd wires ingest.ImportEnterprises);
	// EnterpriseRanker ranks enterprises for a patent (专利进园区企业). nil hides each.
	Enterprises       patentbridge.EnterpriseService
	ImportEnterprises func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	EnterpriseRanker  httpx.EnterpriseRanker
	// Push sends a supply list's push list as messages (站内信); nil hides the sending.
	Push patentbridge.PushService
	// Offers, OfferQuestions and Pools serve the market (转化交易), the SOE
	// shared list and patent pools; nil leaves their pages out.
	Offers         patentbridge.OfferService
	OfferQuestions patentbridge.OfferQuestionService
	Pools          patentbridge.PoolService
	// Now is the clock of the acts the handlers date (publication, moderation, the
	// default screening date); nil means patentbridge.Now. Tests set it.
	Now func() time.Time
	// ImportOrganizations imports an SOE list (kind "soe") or an SME list ("sme")
	// into the registry, writing the rejects CSV (cmd wires
	// ingest.ImportOrganizations); nil hides the upload.
	ImportOrganizations func(ctx context.Context, path, kind string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// Deals keeps the deals (转移转化) for the admin and city users; ImportDeals
	// imports a deal file inline, writing the rejects CSV (cmd wires
	// ingest.ImportDeals). nil hides each.
	Deals       patentbridge.DealService
	ImportDeals func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// Events, Cases, PilotBases and Listings keep the programme's matching
	// events (对接活动), typical cases (典型案例), pilot bases (中试熟化基地)
	// and the 科创板 pipeline; ImportEvents and ImportCases import an event or
	// case file inline, writing the rejects CSV (cmd wires ingest.ImportEvents
	// and ingest.ImportCases). nil hides each.
	Events       patentbridge.EventService
	Cases        patentbridge.CaseService
	PilotBases   patentbridge.PilotBaseService
	Listings     patentbridge.ListingService
	ImportEvents func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	ImportCases  func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// ImportPilotBases and ImportListings import a pilot base or 科创板
	// pipeline file inline, writing the rejects CSV (cmd wires
	// ingest.ImportPilotBases and ImportListings). nil hides each.
	ImportPilotBases func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	ImportListings   func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// Filings keeps 专利产品备案, Commissioners the 知识产权专员 and their
	// service records, Outlets the service agencies, outlets and technology
	// managers (the 服务体系 pages, for the admin and city users); the
	// Import funcs import a filing, commissioner or service file inline,
	// writing the rejects CSV (cmd wires ingest.ImportFilings,
	// ImportCommissioners, ImportServices). nil hides each.
	Filings             patentbridge.FilingService
	Commissioners       patentbridge.CommissionerService
	Outlets             patentbridge.OutletService
	ImportFilings       func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	ImportCommissioners func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	ImportServices      func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// ImportOutlets and ImportTechManagers import an outlet or technology
	// manager file inline, writing the rejects CSV (cmd wires
	// ingest.ImportOutlets and ImportTechManagers). nil hides each.
	ImportOutlets      func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	ImportTechManagers func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// Licences takes open licences and keeps licence records (/licences); nil hides them.
	Licences patentbridge.LicenceService
	// Registrations takes self-registrations (/register) and their review; nil hides both.
	Registrations patentbridge.RegistrationService
	// KPIs computes the performance evaluation (绩效评价) and keeps its
	// targets; nil hides its pages.
	KPIs patentbridge.KPIService
	// Loans works pledge loans (专利权质押融资) and their risk pools; ImportLoans
	// imports a loan workbook inline, writing the rejects CSV (cmd wires
	// ingest.ImportLoans). nil hides each.
	Loans       patentbridge.LoanService
	ImportLoans func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)
	// Ledger reads the public ledger (公共账本); nil hides its pages.
	Ledger patentbridge.LedgerService
	// AuditLog reads the audit log; nil hides its page.
	AuditLog patentbridge.AuditService
	// Operator and ICP are the footer's 运营单位 and ICP 备案号 ("" shows none);
	// Contact is the help page's 联系我们 text ("" shows the default advice).
	Operator, ICP, Contact string
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
	poolCache poolCache
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

// ServeHTTP serves the UI's routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
