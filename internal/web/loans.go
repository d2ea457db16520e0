package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// loanPageSize is the number of loans per list page.
const loanPageSize = 50

// loanRoutes are the pages of pledge loans (专利权质押融资) and their risk
// pools, the admin's and the city users' (the service keeps a city user to
// its city's borrowers and pools).
func (s *Server) loanRoutes() []httpx.Route {
	if s.Loans == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /loans", officials, s.loanList),
		httpx.NewRoute("GET /loans/new", officials, s.loanNew),
		httpx.NewRoute("POST /loans/new", officials, limitForm(s.loanCreate)),
		httpx.NewRoute("GET /loans/{id}", officials, s.loanDetail),
		httpx.NewRoute("POST /loans/{id}/{act}", officials, limitForm(s.loanAct)),
		httpx.NewRoute("GET /risk-pools", officials, s.riskPoolList),
		httpx.NewRoute("POST /risk-pools", officials, limitForm(s.riskPoolCreate)),
		httpx.NewRoute("GET /risk-pools/{id}", officials, s.riskPoolDetail),
		httpx.NewRoute("POST /risk-pools/{id}/deposits", officials, limitForm(s.riskPoolDeposit)),
	}
	if s.ImportLoans != nil {
		rs = append(rs, httpx.NewRoute("GET /loans/import", officials, s.loanImportPage),
			httpx.NewRoute("POST /loans/import", officials, s.loanImport),
			httpx.NewRoute("GET /loans/template.xlsx", officials, loanTemplate.xlsx(s)),
			httpx.NewRoute("GET /loans/template.csv", officials, loanTemplate.csv(s)))
	}
	return rs
}

// loanRow is one loan as the list shows it.
type loanRow struct {
	*patentbridge.Loan
	CityName string
}

// loansView is the data of /loans.
type loansView struct {
	Statuses, Cities []option
	Year, Bank       string
	Items            []loanRow
	Total            int
	Pager            httpx.Pager
	CanImport        bool
}

// loanList serves /loans?status=&year=&city=&bank=: the loans the user may
// see, latest application first, with their total.
func (s *Server) loanList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, loanPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.LoanFilter{City: strings.TrimSpace(q.Get("city")), Bank: patentbridge.NormalizeOrgName(q.Get("bank")),
		Limit: loanPageSize, Offset: offset}
	if st := q.Get("status"); st != "" {
		var ok bool
		if f.Status, ok = patentbridge.ParseLoanStatus(st); !ok {
			s.errorPage(w, r, patentbridge.FieldErrorf("status", "贷款状态 %q 无效", patentbridge.ClipValue(st)))
			return
		}
	}
	if f.Year, err = patentbridge.ParseRecordYear("year", q.Get("year")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if f.City, err = patentbridge.ParseCityFilter(f.City); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if err := patentbridge.CheckText("bank", "银行", f.Bank, patentbridge.LoanNameMax, false); err != nil {
		s.errorPage(w, r, err)
		return
	}
	ls, total, err := s.Loans.ListLoans(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := loansView{Cities: s.sichuanCities(f.City), Bank: f.Bank, Total: total, CanImport: s.ImportLoans != nil}
	if f.Year != 0 {
		v.Year = strconv.Itoa(f.Year)
	}
	for _, st := range patentbridge.LoanStatuses {
		v.Statuses = append(v.Statuses, option{string(st), st.Label(), st == f.Status})
	}
	for _, l := range ls {
		v.Items = append(v.Items, loanRow{l, s.cityName(l.City)})
	}
	v.Pager = httpx.NewPager("/loans", url.Values{"status": {string(f.Status)}, "year": {v.Year}, "city": {f.City}, "bank": {f.Bank}},
		total, loanPageSize, offset)
	s.render(w, r, http.StatusOK, "loans", "质押融资", "loans", v)
}

// formatWan writes an amount in fen in 万元, exactly: 2000000 -> "2",
// 1000000001 -> "1,000.000001".
func formatWan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	s := sign + formatInt(int(fen/1_000_000))
	if frac := fen % 1_000_000; frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(1_000_000+frac, 10)[1:], "0")
	}
	return s
}

// loanID reads the path's {id}. Returns EINVALID.
func loanID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, patentbridge.Errorf(patentbridge.EINVALID, "%s编号 %q 无效", what, patentbridge.ClipValue(r.PathValue("id")))
	}
	return id, nil
}
