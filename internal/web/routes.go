package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Register adds the UI's permission table (Routes) to mux, each route behind
// its access check, including the catch-all "/" that answers unknown paths with
// the Chinese 404 page.
func (s *Server) Register(mux *http.ServeMux) { httpx.Register(mux, s.Routes(), s.denied) }

// Routes is the UI's permission table: every page and form post once, with who
// may use it; the features whose service is nil are left out.
func (s *Server) Routes() []httpx.Route {
	admin, institution := httpx.Admin, httpx.Roles(patentbridge.RoleInstitution).In(httpx.ScopeOwnOrg)
	rs := []httpx.Route{
		httpx.NewRoute("GET /static/", httpx.Anyone, staticHandler().ServeHTTP),
		httpx.NewRoute("GET /{$}", httpx.Anyone, s.home),
		httpx.NewRoute("GET /login", httpx.Anyone, s.loginForm),
		httpx.NewRoute("POST /login", httpx.Anyone, s.login),
		httpx.NewRoute("POST /logout", httpx.Anyone, s.logout),
		httpx.NewRoute("GET /patents", httpx.Anyone, s.patentList),
		httpx.NewRoute("GET /patents/{app_no}", httpx.Anyone, s.patentDetail),
		httpx.NewRoute("GET /admin/import", admin, s.importPage),
		httpx.NewRoute("POST /admin/import", admin, s.importUpload),
		httpx.NewRoute("GET /admin/import/{id}", admin, s.jobPage),
		httpx.NewRoute("GET /admin/import/{id}/rejects", admin, s.jobRejects),
		httpx.NewRoute("POST /admin/import/{id}/resume", admin, s.resumeImport),
		httpx.NewRoute("POST /admin/import/{id}/discard", admin, s.discardImport),
		httpx.NewRoute("GET /my/patents", institution, s.myPatents),
	}
	if s.Offers != nil {
		rs = append(rs, httpx.NewRoute("GET /market", httpx.Anyone, s.market),
			httpx.NewRoute("GET /market/soe-shared", httpx.Anyone, s.soeShared),
			httpx.NewRoute("GET /market/soe-shared.xlsx", httpx.Anyone, s.soeSharedXLSX),
			httpx.NewRoute("GET /market/{id}", httpx.Anyone, s.offerDetail),
			httpx.NewRoute("GET /my/offers/new", institution, s.offerNew),
			httpx.NewRoute("POST /my/offers/new", institution, limitForm(s.offerCreate)),
			httpx.NewRoute("POST /my/offers/{id}/publish", institution, limitForm(s.offerPublish)),
			httpx.NewRoute("POST /my/offers/{id}/withdraw", institution, limitForm(s.offerWithdraw)))
		if s.OfferQuestions != nil {
			rs = append(rs, httpx.NewRoute("POST /market/{id}/questions", httpx.Roles(patentbridge.RoleEnterprise), limitForm(s.offerAsk)),
				httpx.NewRoute("POST /market/questions/{id}/answer", httpx.Roles(patentbridge.RoleInstitution), limitForm(s.offerAnswer)),
				httpx.NewRoute("GET /my/offers", httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise), s.myOffers))
		}
	}
	if s.Pools != nil {
		rs = append(rs, httpx.NewRoute("GET /pools", httpx.Anyone, s.pools),
			httpx.NewRoute("GET /pools/{id}", httpx.Anyone, s.pools),
			httpx.NewRoute("POST /my/pools/{id}/publish", institution, limitForm(s.poolPublish)))
		if s.Organizations != nil { // members are named as the registry names them
			rs = append(rs, httpx.NewRoute("GET /my/pools/new", institution, s.poolNew),
				httpx.NewRoute("POST /my/pools/new", institution, limitForm(s.poolCreate)))
		}
	}
	if s.Supply != nil {
		manager := httpx.SupplyManagers
		rs = append(rs,
			httpx.NewRoute("GET /supply", httpx.Anyone, s.supplyLists),
			httpx.NewRoute("GET /supply/{id}", httpx.Anyone, s.supplyDetail), // also {id}.xlsx
			httpx.NewRoute("GET /supply/{id}/print", httpx.Anyone, s.supplyPrint),
			httpx.NewRoute("GET /admin/supply/new", manager, limitForm(s.supplyNew)),
			httpx.NewRoute("POST /admin/supply/new", manager, limitForm(s.supplyCreate)),
			httpx.NewRoute("GET /admin/supply/{id}/edit", manager, limitForm(s.supplyEdit)),
			httpx.NewRoute("POST /admin/supply/{id}/edit", manager, limitForm(s.supplyUpdate)),
			httpx.NewRoute("POST /admin/supply/{id}/publish", manager, limitForm(s.supplyPublish)),
			httpx.NewRoute("POST /admin/supply/{id}/withdraw", manager, limitForm(s.supplyWithdraw)))
	}
	if s.Screening != nil && s.Sleeping != nil {
		rs = append(rs, httpx.NewRoute("GET /sleeping", httpx.Anyone, s.sleepingPage),
			httpx.NewRoute("GET /sleeping.xlsx", httpx.Anyone, s.sleepingXLSX))
	}
	if s.Screening != nil {
		rs = append(rs,
			httpx.NewRoute("GET /admin/screening", admin, s.screeningPage),
			httpx.NewRoute("POST /admin/screening", admin, s.startScreening),
			httpx.NewRoute("POST /admin/screening/{id}/rerun", admin, s.rerunScreening),
			httpx.NewRoute("POST /admin/screening/{id}/discard", admin, s.discardScreening))
	}
	if s.Declarations != nil {
		rs = append(rs,
			httpx.NewRoute("POST /patents/{app_no}/declarations", institution, s.createDeclaration),
			httpx.NewRoute("POST /patents/{app_no}/declarations/{id}/revoke", institution, s.revokeDeclaration),
			httpx.NewRoute("POST /patents/{app_no}/ratings", httpx.Roles(patentbridge.RoleEnterprise), s.createRating),
			httpx.NewRoute("GET /my/declarations/import", institution, s.declImportPage),
			httpx.NewRoute("POST /my/declarations/import", institution, s.declImport))
	}
	if s.Search != nil {
		rs = append(rs, httpx.NewRoute("GET /search", httpx.Anyone, s.searchPage),
			httpx.NewRoute("GET /search.xlsx", httpx.Anyone, s.searchXLSX))
	}
	rs = append(rs, s.demandRoutes()...)
	rs = append(rs, s.messageRoutes()...)
	rs = append(rs, s.organizationRoutes()...)
	rs = append(rs, s.accountRoutes()...)
	rs = append(rs, s.registrationRoutes()...)
	rs = append(rs, s.licenceRoutes()...)
	rs = append(rs, s.dealRoutes()...)
	rs = append(rs, s.filingRoutes()...)
	rs = append(rs, s.commissionerRoutes()...)
	rs = append(rs, s.outletRoutes()...)
	rs = append(rs, s.openLicenceRoutes()...)
	rs = append(rs, s.helpRoutes()...)
	rs = append(rs, s.ledgerRoutes()...)
	rs = append(rs, s.kpiRoutes()...)
	rs = append(rs, s.hubRoutes()...)
	rs = append(rs, s.loanRoutes()...)
	rs = append(rs, s.programmeRoutes()...)
	return append(rs, httpx.NewRoute("/", httpx.Anyone, s.notFound))
}

// denied answers a request its route's access refused: anonymous visitors go to
// the login page and come back after it (to the patent page for a patent's form
// posts, since a form post's URL cannot be revisited), others get the 403 page.
func (s *Server) denied(w http.ResponseWriter, r *http.Request, err error) {
	if app := r.PathValue("app_no"); app != "" && r.Method == http.MethodPost && httpx.Status(err) == http.StatusUnauthorized {
		http.Redirect(w, r, "/login?next="+url.QueryEscape("/patents/"+app), http.StatusSeeOther)
		return
	}
	s.errorPage(w, r, err)
}

// limitForm caps the body of a form post at 1 MiB and reads it, answering a
// larger or unreadable body with 413 or 400 before the handler sees it.
func limitForm(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if r.Method == http.MethodPost {
			if err := parseForm(r); err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					http.Error(w, "表单内容超过 1 MiB 的上限，请删减后重新提交", http.StatusRequestEntityTooLarge)
				} else {
					http.Error(w, "表单无法解析，请从页面重新提交", http.StatusBadRequest)
				}
				return
			}
		}
		h(w, r)
	}
}

// maxFormBytes is the largest form body a page accepts.
const maxFormBytes = 1 << 20

// parseForm reads a posted form, multipart or URL-encoded, within the limit.
func parseForm(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(maxFormBytes)
	}
	return r.ParseForm()
}
