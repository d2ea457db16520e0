package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// poolPageSize is the number of risk pools per list page.
const poolPageSize = 50

// poolRow is a risk pool with what its page computes: its lending capacity
// (balance × leverage), the capacity left and whether its compensated losses
// have reached the cap, stopping new business.
type poolRow struct {
	*patentbridge.RiskPool
	CityName             string
	CapacityFen, LeftFen int64
	Stopped              bool
	RemainderLabel       string
}

func (s *Server) poolRow(p *patentbridge.RiskPool) poolRow {
	row := poolRow{RiskPool: p, CityName: "省级", CapacityFen: p.CapacityFen(), LeftFen: max(0, p.CapacityFen()-p.OutstandingFen),
		Stopped: p.LossCapFen > 0 && p.LossesFen >= p.LossCapFen, RemainderLabel: p.RemainderTo.Label()}
	if p.City != "" {
		row.CityName = s.cityName(p.City)
	}
	return row
}

// poolForm is the create form as typed; amounts in 万元.
type poolForm struct {
	Name, City, Balance, Leverage, LossCap, Insurer, Bank, Gov, RemainderTo, OpenedOn string
}

// riskPoolsView is the data of /risk-pools.
type riskPoolsView struct {
	Items             []poolRow
	Total             int
	Pager             httpx.Pager
	Cities            []option
	Form              poolForm
	Error, ErrorField string
}

// riskPoolList serves /risk-pools: the pools the user may see and the form
// that sets one up.
func (s *Server) riskPoolList(w http.ResponseWriter, r *http.Request) {
	f := poolForm{Leverage: "10", Insurer: "3", Bank: "2", Gov: "5", RemainderTo: string(patentbridge.PartyBank)}
	if u := patentbridge.UserFrom(r.Context()); u != nil {
		f.City = patentbridge.ScopeCity(u)
	}
	s.renderRiskPools(w, r, http.StatusOK, riskPoolsView{Form: f})
}

func (s *Server) renderRiskPools(w http.ResponseWriter, r *http.Request, status int, v riskPoolsView) {
	offset, err := httpx.PageOffset(r.URL.Query(), poolPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	ps, total, err := s.Loans.ListRiskPools(r.Context(), patentbridge.RiskPoolFilter{Limit: poolPageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, p := range ps {
		v.Items = append(v.Items, s.poolRow(p))
	}
	v.Total, v.Cities = total, s.sichuanCities(v.Form.City)
	v.Pager = httpx.NewPager("/risk-pools", url.Values{}, total, poolPageSize, offset)
	s.render(w, r, status, "risk_pools", "风险补偿资金池", "loans", v)
}

// riskPoolCreate serves POST /risk-pools: a pool set up with its opening
// balance; a refusal keeps the form.
func (s *Server) riskPoolCreate(w http.ResponseWriter, r *http.Request) {
	g := r.PostForm.Get
	f := poolForm{Name: g("name"), City: g("city"), Balance: g("balance"), Leverage: g("leverage"), LossCap: g("loss_cap"),
		Insurer: g("insurer_share"), Bank: g("bank_share"), Gov: g("gov_share"), RemainderTo: g("remainder_to"), OpenedOn: g("opened_on")}
	p, err := f.pool()
	if err == nil {
		err = s.Loans.CreateRiskPool(r.Context(), p)
	}
	if err != nil {
		if !formRefusal(err) {
			s.errorPage(w, r, err)
			return
		}
		s.renderRiskPools(w, r, statusOf(err), riskPoolsView{Form: f, Error: patentbridge.ErrorMessage(err), ErrorField: patentbridge.ErrorField(err)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/risk-pools/%d", p.ID), http.StatusSeeOther)
}

func (f poolForm) pool() (*patentbridge.RiskPool, error) {
	p := &patentbridge.RiskPool{Name: f.Name, City: strings.TrimSpace(f.City), RemainderTo: patentbridge.LossParty(strings.TrimSpace(f.RemainderTo))}
	var err error
	if p.OpenedOn, err = formDate("opened_on", f.OpenedOn); err != nil {
		return nil, err
	}
	if p.BalanceFen, err = wanFieldAs("balance_fen", "资金池余额(万元)", f.Balance, true); err != nil {
		return nil, err
	}
	if p.LossCapFen, err = wanFieldAs("loss_cap_fen", "代偿损失上限(万元)", f.LossCap, false); err != nil {
		return nil, err
	}
	for _, n := range []struct {
		field, label, v string
		dst             *int
	}{{"leverage", "放大倍数", f.Leverage, &p.Leverage}, {"shares", "保险分担比例", f.Insurer, &p.InsurerShare},
		{"shares", "银行分担比例", f.Bank, &p.BankShare}, {"shares", "政府分担比例", f.Gov, &p.GovShare}} {
		if *n.dst, err = intFieldAs(n.field, n.label, n.v, false); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// riskPoolView is the data of /risk-pools/{id}.
type riskPoolView struct {
	Pool       poolRow
	Movements  []patentbridge.RiskPoolMovement
	Loans      []*patentbridge.Loan
	LoansTotal int
	Amount     string
	Date       string
	Error      string
}

// riskPoolDetail serves /risk-pools/{id}: the pool's balance, leverage,
// outstanding loans and capacity left, its losses against the cap, its
// account's movements, its latest loans and the top-up form.
func (s *Server) riskPoolDetail(w http.ResponseWriter, r *http.Request) {
	s.renderRiskPool(w, r, http.StatusOK, riskPoolView{Date: patentbridge.FormatDay(s.Now())})
}

func (s *Server) renderRiskPool(w http.ResponseWriter, r *http.Request, status int, v riskPoolView) {
	ctx := r.Context()
	id, err := loanID(r, "资金池")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	p, err := s.Loans.FindRiskPool(ctx, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Pool = s.poolRow(p)
	if v.Movements, err = s.Loans.RiskPoolMovements(ctx, id); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if v.Loans, v.LoansTotal, err = s.Loans.ListLoans(ctx, patentbridge.LoanFilter{RiskPoolID: id, Limit: loanPageSize}); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "risk_pool", p.Name, "loans", v)
}

// riskPoolDeposit serves POST /risk-pools/{id}/deposits: a top-up (注资) in 万元.
func (s *Server) riskPoolDeposit(w http.ResponseWriter, r *http.Request) {
	id, err := loanID(r, "资金池")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	amount, date := r.PostForm.Get("amount"), r.PostForm.Get("date")
	fen, err := wanField("注资金额(万元)", amount, true)
	if err == nil {
		on, derr := dateField("日期", date, s.Now())
		if err = derr; err == nil {
			_, err = s.Loans.DepositRiskPool(r.Context(), id, fen, on)
		}
	}
	if err != nil {
		if !formRefusal(err) || patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			s.errorPage(w, r, err)
			return
		}
		s.renderRiskPool(w, r, statusOf(err), riskPoolView{Amount: amount, Date: date, Error: patentbridge.ErrorMessage(err)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/risk-pools/%d", id), http.StatusSeeOther)
}
