package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"patentbridge"
)

// loanActLabels are the buttons of the workflow's acts.
var loanActLabels = map[patentbridge.LoanAct]string{
	patentbridge.ActValue: "登记评估", patentbridge.ActApprove: "审批通过", patentbridge.ActRegister: "办理质押登记",
	patentbridge.ActDisburse: "登记放款", patentbridge.ActRepay: "登记还清", patentbridge.ActDefault: "登记违约",
	patentbridge.ActCompensate: "登记代偿", patentbridge.ActRefuse: "拒绝贷款",
}

// loanPatent is one pledged patent as the loan's page shows it.
type loanPatent struct {
	AppNo, Title, Status string
}

// loanActForm is one act the workflow allows next.
type loanActForm struct {
	Act   string
	Label string
}

// loanDetailView is the data of /loans/{id}.
type loanDetailView struct {
	Loan     *patentbridge.Loan
	CityName string
	Patents  []loanPatent
	Pool     *patentbridge.RiskPool
	Acts     []loanActForm
	// RemainderLabel names the party the split's odd fen went to.
	RemainderLabel string
	// Error, ErrorField and ErrorAct are a refused act's message; Form keeps what was posted.
	Error, ErrorField, ErrorAct string
	Form                        url.Values
	Today                       string
}

// loanDetail serves /loans/{id}: the loan, its patents, valuation,
// registration and compensation, and the forms of the acts allowed next.
func (s *Server) loanDetail(w http.ResponseWriter, r *http.Request) {
	s.renderLoan(w, r, http.StatusOK, loanDetailView{})
}

func (s *Server) renderLoan(w http.ResponseWriter, r *http.Request, status int, v loanDetailView) {
	ctx := r.Context()
	id, err := loanID(r, "贷款")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	l, err := s.Loans.FindLoan(ctx, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Loan, v.CityName, v.Today = l, s.cityName(l.City), patentbridge.FormatDay(s.Now())
	for _, no := range l.AppNos {
		lp := loanPatent{AppNo: no}
		if p, err := s.Patents.FindPatent(ctx, no); err == nil {
			lp.Title, lp.Status = p.Title, p.StatusText
		} else if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			s.errorPage(w, r, err)
			return
		}
		v.Patents = append(v.Patents, lp)
	}
	if l.RiskPoolID != 0 {
		if v.Pool, err = s.Loans.FindRiskPool(ctx, l.RiskPoolID); err != nil && patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			s.errorPage(w, r, err)
			return
		}
	}
	if c := l.Compensation; c != nil {
		v.RemainderLabel = c.RemainderTo.Label()
	}
	for _, a := range patentbridge.LoanActs {
		if l.Status.CanMove(a.To()) {
			v.Acts = append(v.Acts, loanActForm{string(a), loanActLabels[a]})
		}
	}
	s.render(w, r, status, "loan", fmt.Sprintf("质押贷款 %d", l.ID), "loans", v)
}

// loanAct serves POST /loans/{id}/{act}: one act of the workflow. A refusal
// shows the service's message on the loan's page with the act's form kept.
func (s *Server) loanAct(w http.ResponseWriter, r *http.Request) {
	id, err := loanID(r, "贷款")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	act := patentbridge.LoanAct(r.PathValue("act"))
	if !slices.Contains(patentbridge.LoanActs, act) {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "贷款操作 %q 不存在", patentbridge.ClipValue(string(act))))
		return
	}
	a, err := loanActionOf(act, r.PostForm, s.Now())
	if err == nil {
		_, err = s.Loans.ActOnLoan(r.Context(), id, a)
	}
	if err != nil {
		if !formRefusal(err) {
			s.errorPage(w, r, err)
			return
		}
		s.renderLoan(w, r, statusOf(err), loanDetailView{Error: patentbridge.ErrorMessage(err), ErrorField: patentbridge.ErrorField(err),
			ErrorAct: string(act), Form: r.PostForm})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/loans/%d", id), http.StatusSeeOther)
}

// loanActionOf reads an act's form: amounts in 万元, the date (today when
// empty), the registration's confirmations as checkboxes.
func loanActionOf(act patentbridge.LoanAct, f url.Values, now time.Time) (patentbridge.LoanAction, error) {
	a := patentbridge.LoanAction{Act: act, ValuationMethod: f.Get("valuation_method"), Valuer: f.Get("valuer"),
		RegistrationNo: f.Get("registration_no"), NoSuspension: f.Get("no_suspension") == "yes",
		InvalidationConsent: f.Get("invalidation_consent") == "yes", Reason: f.Get("reason")}
	var err error
	switch act {
	case patentbridge.ActValue:
		a.ValuationFen, err = wanField("评估价值(万元)", f.Get("valuation"), true)
	case patentbridge.ActCompensate:
		a.LossFen, err = wanField("本金损失(万元)", f.Get("loss"), true)
	}
	if err == nil {
		a.On, err = dateField("日期", f.Get("date"), now)
	}
	return a, err
}

// Kept is what was posted in field of the act's form when the act was
// refused, so the form comes back as typed.
func (v loanDetailView) Kept(act, field string) string {
	if act != v.ErrorAct {
		return ""
	}
	return v.Form.Get(field)
}

// KeptOr is Kept, or def when the act's form was not refused.
func (v loanDetailView) KeptOr(act, field, def string) string {
	if act != v.ErrorAct {
		return def
	}
	return v.Form.Get(field)
}
