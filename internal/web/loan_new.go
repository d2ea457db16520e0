package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/ingest"
)

// loanForm is the application form as typed, kept when the service refuses it.
type loanForm struct {
	Borrower, CreditCode, Bank, Amount, Term, AppNos, RiskPool, Guarantor, Cover, AppliedOn string
	NoSuspension, InvalidationConsent                                                       bool
}

// loanNewView is the data of /loans/new.
type loanNewView struct {
	Form              loanForm
	Pools             []option
	Error, ErrorField string
}

// loanNew serves /loans/new: the empty application form, dated today.
func (s *Server) loanNew(w http.ResponseWriter, r *http.Request) {
	s.renderLoanNew(w, r, http.StatusOK, loanNewView{Form: loanForm{AppliedOn: patentbridge.FormatDay(s.Now())}})
}

func (s *Server) renderLoanNew(w http.ResponseWriter, r *http.Request, status int, v loanNewView) {
	pools, _, err := s.Loans.ListRiskPools(r.Context(), patentbridge.RiskPoolFilter{Limit: 200})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, p := range pools {
		id := strconv.FormatInt(p.ID, 10)
		v.Pools = append(v.Pools, option{id, p.Name, id == v.Form.RiskPool})
	}
	s.render(w, r, status, "loan_new", "申请质押贷款", "loans", v)
}

// loanCreate serves POST /loans/new: the application is stored (已申请) and
// the loan's page shown; a refusal keeps the form with the service's message.
func (s *Server) loanCreate(w http.ResponseWriter, r *http.Request) {
	g := r.PostForm.Get
	f := loanForm{Borrower: g("borrower"), CreditCode: g("credit_code"), Bank: g("bank"), Amount: g("amount"), Term: g("term"),
		AppNos: g("app_nos"), RiskPool: g("risk_pool"), Guarantor: g("guarantor"), Cover: g("cover"), AppliedOn: g("applied_on"),
		NoSuspension: g("no_suspension") == "yes", InvalidationConsent: g("invalidation_consent") == "yes"}
	l, err := f.loan(s.Now())
	if err == nil {
		err = s.Loans.CreateLoan(r.Context(), l)
	}
	if err != nil {
		if !formRefusal(err) {
			s.errorPage(w, r, err)
			return
		}
		s.renderLoanNew(w, r, statusOf(err), loanNewView{Form: f, Error: patentbridge.ErrorMessage(err), ErrorField: patentbridge.ErrorField(err)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/loans/%d", l.ID), http.StatusSeeOther)
}

// loan reads the form into an application; errors name the template's column.
func (f loanForm) loan(now time.Time) (*patentbridge.Loan, error) {
	l := &patentbridge.Loan{BorrowerName: f.Borrower, BorrowerCreditCode: strings.TrimSpace(f.CreditCode), BankName: f.Bank,
		AppNos: splitAppNos(f.AppNos), Guarantor: f.Guarantor, NoSuspension: f.NoSuspension,
		InvalidationConsent: f.InvalidationConsent, Source: patentbridge.LoanFromForm}
	var err error
	if l.AmountFen, err = wanField("金额(万元)", f.Amount, true); err != nil {
		return nil, err
	}
	if l.TermMonths, err = intField("期限(月)", f.Term, true); err != nil {
		return nil, err
	}
	if l.CoverPercent, err = intField("保障比例(%)", f.Cover, false); err != nil {
		return nil, err
	}
	if p := strings.TrimSpace(f.RiskPool); p != "" {
		if l.RiskPoolID, err = strconv.ParseInt(p, 10, 64); err != nil || l.RiskPoolID <= 0 {
			return nil, patentbridge.FieldErrorf("风险补偿资金池", "请从列表中选择风险补偿资金池")
		}
	}
	if l.AppliedOn, err = dateField("申请日期", f.AppliedOn, now); err != nil {
		return nil, err
	}
	return l, nil
}

// wanField reads an amount in 万元 exactly in fen; "" is 0 unless required.
func wanField(field, v string, required bool) (int64, error) {
	return wanFieldAs(field, field, v, required)
}

// wanFieldAs is wanField with errors on field naming the amount label.
func wanFieldAs(field, label, v string, required bool) (int64, error) {
	if strings.TrimSpace(v) == "" {
		if required {
			return 0, patentbridge.FieldErrorf(field, "请填写%s", label)
		}
		return 0, nil
	}
	if len(v) > 40 {
		return 0, patentbridge.FieldErrorf(field, "%s过长", label)
	}
	fen, reason := ingest.WanToFen(v)
	if reason != "" {
		return 0, patentbridge.FieldErrorf(field, "%s：%s", label, reason)
	}
	return fen, nil
}

// intField reads a whole number; "" is 0 unless required.
func intField(field, v string, required bool) (int, error) {
	return intFieldAs(field, field, v, required)
}

// intFieldAs is intField with errors on field naming the number label.
func intFieldAs(field, label, v string, required bool) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			return 0, patentbridge.FieldErrorf(field, "请填写%s", label)
		}
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || len(v) > 9 {
		return 0, patentbridge.FieldErrorf(field, "%s应为整数", label)
	}
	return n, nil
}

// dateField reads a date; "" is today's date.
func dateField(field, v string, now time.Time) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return patentbridge.DateOf(now), nil
	}
	if len(v) > 40 {
		return time.Time{}, patentbridge.FieldErrorf(field, "%s无法识别，请填写如 2026-03-10 的日期", field)
	}
	d, err := patentbridge.ParseDate(v)
	if err != nil {
		return time.Time{}, patentbridge.FieldErrorf(field, "%s无法识别，请填写如 2026-03-10 的日期", field)
	}
	return d, nil
}

// splitAppNos splits the form's application numbers, one a line or separated
// by commas, semicolons or 、.
func splitAppNos(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '；' || r == ';' || r == '、' || r == ',' || r == '，' || r == '\n' || r == '\r' || r == ' ' || r == '\t'
	}) {
		out = append(out, f)
	}
	return out
}

// statusOf is the status of a refusal shown on its form: 400 for a mistake,
// 409 for a conflict, 403 or 404 as the service says.
func statusOf(err error) int {
	switch patentbridge.ErrorCode(err) {
	case patentbridge.ECONFLICT:
		return http.StatusConflict
	case patentbridge.EFORBIDDEN:
		return http.StatusForbidden
	case patentbridge.ENOTFOUND:
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}
