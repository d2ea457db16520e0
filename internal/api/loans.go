package api

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// loanRoutes are the endpoints of pledge loans (专利权质押融资) and their risk
// pools: the admin's and the city users' (the service keeps a city user to
// its city's borrowers and pools).
func (s *Server) loanRoutes() []httpx.Route {
	if s.Loans == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/loans", officials, s.listLoans),
		httpx.NewRoute("POST /api/v1/loans", officials, s.createLoan),
		httpx.NewRoute("GET /api/v1/loans/{id}", officials, s.getLoan),
		httpx.NewRoute("POST /api/v1/loans/{id}/{act}", officials, s.actOnLoan),
		httpx.NewRoute("GET /api/v1/risk-pools", officials, s.listRiskPools),
		httpx.NewRoute("POST /api/v1/risk-pools", officials, s.createRiskPool),
		httpx.NewRoute("GET /api/v1/risk-pools/{id}", officials, s.getRiskPool),
		httpx.NewRoute("POST /api/v1/risk-pools/{id}/deposits", officials, s.depositRiskPool),
	}
}

// loanRequest is the body of POST /api/v1/loans: a loan application. Its
// col tags name the template columns Loan.Validate and the service name in
// errors, which jsonField answers by the JSON key.
type loanRequest struct {
	Borrower            string   `json:"borrower" col:"借款企业"`
	BorrowerCreditCode  string   `json:"borrower_credit_code" col:"借款企业统一社会信用代码"`
	Bank                string   `json:"bank" col:"贷款银行"`
	AmountFen           int64    `json:"amount_fen" col:"金额(万元)"`
	TermMonths          int      `json:"term_months" col:"期限(月)"`
	AppNos              []string `json:"app_nos" col:"申请号"`
	RiskPoolID          int64    `json:"risk_pool_id" col:"风险补偿资金池"`
	RiskPool            string   `json:"risk_pool" col:"风险补偿资金池"`
	Guarantor           string   `json:"guarantor" col:"保险或担保机构"`
	CoverPercent        int      `json:"cover_percent" col:"保障比例(%)"`
	NoSuspension        bool     `json:"no_suspension"`
	InvalidationConsent bool     `json:"invalidation_consent"`
	AppliedOn           string   `json:"applied_on" col:"申请日期"` // YYYY-MM-DD
}

// loanActRequest is the body of POST /api/v1/loans/{id}/{act}; its col tags
// name the columns LoanAction.Validate names (its other errors name the keys).
type loanActRequest struct {
	ValuationMethod     string `json:"valuation_method" col:"评估方法"`
	ValuationFen        int64  `json:"valuation_fen" col:"评估价值(万元)"`
	Valuer              string `json:"valuer" col:"评估机构"`
	RegistrationNo      string `json:"registration_no" col:"质押登记号"`
	NoSuspension        bool   `json:"no_suspension"`
	InvalidationConsent bool   `json:"invalidation_consent"`
	LossFen             int64  `json:"loss_fen"`
	Reason              string `json:"reason"`
	Date                string `json:"date"` // YYYY-MM-DD; today when empty
}

// loanPatentsKey names, for jsonField, the loan's patents by the key the
// loan is returned with: an act's refusal that concerns a pledged patent
// (申请号) names "app_nos", the act's body having no key of its own for them.
type loanPatentsKey struct {
	AppNos []string `json:"app_nos" col:"申请号"`
}

// poolRequest is the body of POST /api/v1/risk-pools.
type poolRequest struct {
	Name         string `json:"name"`
	City         string `json:"city"`
	BalanceFen   int64  `json:"balance_fen"`
	Leverage     int    `json:"leverage"`
	LossCapFen   int64  `json:"loss_cap_fen"`
	InsurerShare int    `json:"insurer_share"`
	BankShare    int    `json:"bank_share"`
	GovShare     int    `json:"gov_share"`
	RemainderTo  string `json:"remainder_to"`
	OpenedOn     string `json:"opened_on"` // 设立日期 YYYY-MM-DD; today when empty
}

// loanView is a loan as the API returns it: dates as YYYY-MM-DD and its
// status's Chinese name.
type loanView struct {
	*patentbridge.Loan
	StatusLabel  string            `json:"status_label"`
	AppliedOn    string            `json:"applied_on"`
	ValuedOn     string            `json:"valued_on,omitempty"`
	ApprovedOn   string            `json:"approved_on,omitempty"`
	RegisteredOn string            `json:"registered_on,omitempty"`
	DisbursedOn  string            `json:"disbursed_on,omitempty"`
	ClosedOn     string            `json:"closed_on,omitempty"`
	Compensation *compensationView `json:"compensation,omitempty"`
}

type compensationView struct {
	*patentbridge.Compensation
	ClaimedOn string `json:"claimed_on"`
}

func newLoanView(l *patentbridge.Loan) loanView {
	v := loanView{Loan: l, StatusLabel: l.Status.Label(), AppliedOn: patentbridge.FormatDate(l.AppliedOn),
		ValuedOn: patentbridge.FormatDate(l.ValuedOn), ApprovedOn: patentbridge.FormatDate(l.ApprovedOn),
		RegisteredOn: patentbridge.FormatDate(l.RegisteredOn), DisbursedOn: patentbridge.FormatDate(l.DisbursedOn),
		ClosedOn: patentbridge.FormatDate(l.ClosedOn)}
	if c := l.Compensation; c != nil {
		v.Compensation = &compensationView{c, patentbridge.FormatDate(c.ClaimedOn)}
	}
	return v
}

// poolView is a risk pool with its capacity and what remains of it.
type poolView struct {
	*patentbridge.RiskPool
	CapacityFen  int64  `json:"capacity_fen"`
	AvailableFen int64  `json:"available_fen"`
	CapReached   bool   `json:"loss_cap_reached"`
	OpenedOn     string `json:"opened_on"` // 设立日期, the opening balance's day
}

func newPoolView(p *patentbridge.RiskPool) poolView {
	return poolView{p, p.CapacityFen(), max(0, p.CapacityFen()-p.OutstandingFen), p.LossCapFen > 0 && p.LossesFen >= p.LossCapFen,
		patentbridge.FormatDate(p.OpenedOn)}
}

// createLoan serves POST /api/v1/loans: one loan application.
func (s *Server) createLoan(w http.ResponseWriter, r *http.Request) {
	var b loanRequest
	err := decodeBody(w, r, &b)
	var l *patentbridge.Loan
	if err == nil {
		l = &patentbridge.Loan{BorrowerName: b.Borrower, BorrowerCreditCode: b.BorrowerCreditCode, BankName: b.Bank, AmountFen: b.AmountFen,
			TermMonths: b.TermMonths, AppNos: b.AppNos, RiskPoolID: b.RiskPoolID, RiskPoolName: strings.TrimSpace(b.RiskPool),
			Guarantor: b.Guarantor, CoverPercent: b.CoverPercent, NoSuspension: b.NoSuspension, InvalidationConsent: b.InvalidationConsent,
			Source: patentbridge.LoanFromForm}
		l.AppliedOn, err = licDate("applied_on", b.AppliedOn)
	}
	if err == nil {
		err = s.Loans.CreateLoan(r.Context(), l)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/loans/%d", l.ID))
	httpx.JSON(w, http.StatusCreated, newLoanView(l))
}

// actOnLoan serves POST /api/v1/loans/{id}/{act}: value, approve, register,
// disburse, repay, default, compensate or refuse.
func (s *Server) actOnLoan(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "贷款")
	act := patentbridge.LoanAct(r.PathValue("act"))
	if err == nil && !slices.Contains(patentbridge.LoanActs, act) {
		err = patentbridge.Errorf(patentbridge.ENOTFOUND, "贷款操作 %q 不存在：应为 value、approve、register、disburse、repay、default、compensate 或 refuse",
			patentbridge.ClipValue(string(act)))
	}
	var b loanActRequest
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	a := patentbridge.LoanAction{Act: act, ValuationMethod: b.ValuationMethod, ValuationFen: b.ValuationFen, Valuer: b.Valuer,
		RegistrationNo: b.RegistrationNo, NoSuspension: b.NoSuspension, InvalidationConsent: b.InvalidationConsent,
		LossFen: b.LossFen, Reason: b.Reason}
	if err == nil {
		a.On, err = licDate("date", b.Date)
	}
	var l *patentbridge.Loan
	if err == nil {
		l, err = s.Loans.ActOnLoan(r.Context(), id, a)
	}
	if err != nil {
		s.error(w, r, jsonField(jsonField(err, b), loanPatentsKey{}))
		return
	}
	httpx.JSON(w, http.StatusOK, newLoanView(l))
}

// getLoan serves GET /api/v1/loans/{id}.
func (s *Server) getLoan(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "贷款")
	var l *patentbridge.Loan
	if err == nil {
		l, err = s.Loans.FindLoan(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newLoanView(l))
}

// listLoans serves GET /api/v1/loans?status=&year=&city=&bank=&risk_pool_id=&limit=&offset=.
func (s *Server) listLoans(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.LoanFilter{City: q.Get("city"), Bank: q.Get("bank")}
	var err error
	if st := q.Get("status"); st != "" {
		var ok bool
		if f.Status, ok = patentbridge.ParseLoanStatus(st); !ok {
			err = patentbridge.FieldErrorf("status", "贷款状态 %q 无效", patentbridge.ClipValue(st))
		}
	}
	if err == nil {
		f.Limit, f.Offset, err = pageParams(q)
	}
	if err == nil {
		f.Year, err = patentbridge.ParseRecordYear("year", q.Get("year"))
	}
	if v := q.Get("risk_pool_id"); err == nil && v != "" {
		if f.RiskPoolID, err = strconv.ParseInt(v, 10, 64); err != nil || f.RiskPoolID <= 0 {
			err = patentbridge.FieldErrorf("risk_pool_id", "资金池编号 %q 无效", patentbridge.ClipValue(v))
		}
	}
	if err == nil {
		f.City, err = patentbridge.ParseCityFilter(f.City)
	}
	var ls []*patentbridge.Loan
	var total int
	if err == nil {
		ls, total, err = s.Loans.ListLoans(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]loanView, len(ls))
	for i, l := range ls {
		items[i] = newLoanView(l)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}

// createRiskPool serves POST /api/v1/risk-pools.
func (s *Server) createRiskPool(w http.ResponseWriter, r *http.Request) {
	var b poolRequest
	err := decodeBody(w, r, &b)
	p := &patentbridge.RiskPool{Name: b.Name, City: b.City, BalanceFen: b.BalanceFen, Leverage: b.Leverage, LossCapFen: b.LossCapFen,
		InsurerShare: b.InsurerShare, BankShare: b.BankShare, GovShare: b.GovShare, RemainderTo: patentbridge.LossParty(b.RemainderTo)}
	if err == nil {
		p.OpenedOn, err = licDate("opened_on", b.OpenedOn)
	}
	if err == nil {
		err = s.Loans.CreateRiskPool(r.Context(), p)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/risk-pools/%d", p.ID))
	httpx.JSON(w, http.StatusCreated, newPoolView(p))
}

// depositRiskPool serves POST /api/v1/risk-pools/{id}/deposits {"amount_fen","date"}: a top-up.
func (s *Server) depositRiskPool(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "资金池")
	var b struct {
		AmountFen int64  `json:"amount_fen"`
		Date      string `json:"date"`
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var p *patentbridge.RiskPool
	if err == nil {
		var on time.Time
		if on, err = licDate("date", b.Date); err == nil {
			p, err = s.Loans.DepositRiskPool(r.Context(), id, b.AmountFen, on)
		}
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	httpx.JSON(w, http.StatusOK, newPoolView(p))
}

// getRiskPool serves GET /api/v1/risk-pools/{id}.
func (s *Server) getRiskPool(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "资金池")
	var p *patentbridge.RiskPool
	if err == nil {
		p, err = s.Loans.FindRiskPool(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newPoolView(p))
}

// listRiskPools serves GET /api/v1/risk-pools?city=&limit=&offset=.
func (s *Server) listRiskPools(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.RiskPoolFilter{City: q.Get("city")}
	var err error
	f.Limit, f.Offset, err = pageParams(q)
	if err == nil {
		f.City, err = patentbridge.ParseCityFilter(f.City)
	}
	var ps []*patentbridge.RiskPool
	var total int
	if err == nil {
		ps, total, err = s.Loans.ListRiskPools(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]poolView, len(ps))
	for i, p := range ps {
		items[i] = newPoolView(p)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
