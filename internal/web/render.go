package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages are the views every build must have; each is parsed with the layout.
var pages = []string{"home", "login", "patents", "patent", "import", "job", "error",
	"supply_lists", "supply", "supply_print", "supply_new", "supply_edit", "ledger", "ledger_entry",
	"sleeping", "mypatents", "screening", "declimport", "search",
	"demands", "demand", "demand_new", "demand_admin", "demand_import", "enterprises", "enterprise_push",
	"organizations", "organization", "account", "password", "users", "user_edit", "audit",
	"demand_mine", "messages", "message",
	"register", "registrations", "registration", "help",
	"licence", "licences", "licence_take", "licence_register",
	"open_licences", "open_licence", "open_licence_form", "open_licence_import",
	"market", "offer", "pools", "offers_mine", "offer_form", "pool_form",
	"kpi", "kpi_indicator", "kpi_records", "kpi_targets", "programme",
	"deals", "deal", "deal_new", "deal_import",
	"events", "event", "event_new", "cases", "case", "case_new", "pilot_bases", "listings",
	"loans", "loan", "loan_new", "loan_import", "risk_pools", "risk_pool",
	"filings", "filing", "filing_new", "filing_import", "commissioners", "commissioner", "commissioner_new", "commissioner_import",
	"service_records", "service_import", "service_outlets", "tech_managers"}

// parseViews parses the layout with each page and checks that every page
// defines its content block and that no template file is left out of pages.
func parseViews(fsys fs.FS) (map[string]*template.Template, error) {
	views := map[string]*template.Template{}
	files, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name != "layout" && !slices.Contains(pages, name) {
			return nil, fmt.Errorf("web: template %s is not in the list of pages", f)
		}
	}
	for _, p := range pages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: template %s defines no \"content\" block", p)
		}
		views[p] = t
	}
	return views, nil
}

var funcs = template.FuncMap{
	"num":      formatInt,
	"ipcbrief": refdata.BriefIPCTitle,
	"fen":      patentbridge.FormatFen,
	"wan":      formatWan,
	"appno":    patentbridge.FormatAppNo,
	"channel":  patentbridge.DisputeChannelLabel,
	"fields":   strings.Fields,
	"bjdate":   func(t time.Time) string { return beijingFormat(t, "2006-01-02") },
	"bjtime":   func(t time.Time) string { return beijingFormat(t, "2006-01-02 15:04") },
	"bjsec":    func(t time.Time) string { return beijingFormat(t, "2006-01-02 15:04:05") },
}

// beijingFormat shows an instant in Beijing time, as every page does; the
// zero time is shown as nothing.
func beijingFormat(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(beijing).Format(layout)
}

// formatInt renders an integer with thousands separators: 12345 -> "12,345".
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// page is what every view receives: the layout's needs plus the page's Data.
type page struct {
	Title  string
	Active string // key of the current navigation item
	User   *patentbridge.User
	Nav    []navItem
	Data   any
	// SearchBox shows the header's search box (a search service is configured).
	SearchBox bool
	// Inbox shows the header's link to 站内信 with Unread, the user's unread count.
	Inbox  bool
	Unread int
	// Operator and ICP are the footer's 运营单位 and ICP 备案号 (configuration).
	Operator, ICP string
}

// Who is the signed-in user as the header shows them: the display name (or
// the username) and the role's label, the role once when the name is the label.
func (p page) Who() string {
	if p.User == nil {
		return ""
	}
	name, role := p.User.Name, p.User.Role.Label()
	if name == "" {
		name = p.User.Username
	}
	if name == role {
		return name
	}
	return name + "（" + role + "）"
}

// Soon are the navigation's capabilities still being built, shown apart so the
// working ones fit one line.
func (p page) Soon() []navItem {
	var out []navItem
	for _, it := range p.Nav {
		if it.Href == "" {
			out = append(out, it)
		}
	}
	return out
}

// render executes a view into a buffer first, so that a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, view, title, active string, data any) {
	u := patentbridge.UserFrom(r.Context())
	p := page{Title: title, Active: active, User: u, Nav: navFor(&s.Deps, u, active), Data: data, SearchBox: s.Search != nil,
		Operator: s.Operator, ICP: s.ICP}
	if s.Messages != nil && u != nil {
		p.Inbox = true
		n, err := s.Messages.UnreadMessages(r.Context())
		if err != nil { // the count is a hint: a failure must not cost the page
			s.Logger.Warn("web: unread messages", "err", err)
		}
		p.Unread = n
	}
	var buf bytes.Buffer
	t, ok := s.views[view]
	if !ok {
		s.Logger.Error("web: render: no such view", "view", view)
		http.Error(w, patentbridge.ErrorMessage(errors.New(view)), http.StatusInternalServerError)
		return
	}
	if err := t.Execute(&buf, p); err != nil {
		s.Logger.Error("web: render", "view", view, "err", err)
		http.Error(w, patentbridge.ErrorMessage(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	buf.WriteTo(w)
}
