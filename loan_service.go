package patentbridge

import (
	"context"
	"strings"
	"time"
)

// LoanAct is one step of the loan workflow an official records.
type LoanAct string

// Loan acts, each moving the loan to one status (LoanAct.To).
const (
	ActValue      LoanAct = "value"      // 评估
	ActApprove    LoanAct = "approve"    // 审批
	ActRegister   LoanAct = "register"   // 质押登记
	ActDisburse   LoanAct = "disburse"   // 放款
	ActRepay      LoanAct = "repay"      // 还清
	ActDefault    LoanAct = "default"    // 违约
	ActCompensate LoanAct = "compensate" // 代偿
	ActRefuse     LoanAct = "refuse"     // 拒绝
)

// LoanActs lists the acts in workflow order.
var LoanActs = []LoanAct{ActValue, ActApprove, ActRegister, ActDisburse, ActRepay, ActDefault, ActCompensate, ActRefuse}

// To returns the status the act moves a loan to, "" for an unknown act.
func (a LoanAct) To() LoanStatus {
	return map[LoanAct]LoanStatus{ActValue: LoanValued, ActApprove: LoanApproved, ActRegister: LoanRegistered,
		ActDisburse: LoanDisbursed, ActRepay: LoanRepaid, ActDefault: LoanDefaulted, ActCompensate: LoanCompensated,
		ActRefuse: LoanRefused}[a]
}

// LoanAction is an act with what it records: the valuation (value), the
// pledge registration number and the confirmations of the borrower's
// declarations (register), the loss (compensate), the reason (refuse), and
// the day it happened (the store's today when zero).
type LoanAction struct {
	Act                 LoanAct   `json:"act"`
	ValuationMethod     string    `json:"valuation_method,omitempty"`
	ValuationFen        int64     `json:"valuation_fen,omitempty"`
	Valuer              string    `json:"valuer,omitempty"`
	RegistrationNo      string    `json:"registration_no,omitempty"`
	NoSuspension        bool      `json:"no_suspension,omitempty"`
	InvalidationConsent bool      `json:"invalidation_consent,omitempty"`
	LossFen             int64     `json:"loss_fen,omitempty"`
	Reason              string    `json:"reason,omitempty"`
	On                  time.Time `json:"-"`
}

// Validate trims and checks the action's own fields for its act. Returns EINVALID.
func (a *LoanAction) Validate() error {
	a.ValuationMethod, a.Valuer = strings.TrimSpace(a.ValuationMethod), NormalizeOrgName(a.Valuer)
	a.RegistrationNo, a.Reason = strings.TrimSpace(a.RegistrationNo), strings.TrimSpace(a.Reason)
	switch a.Act {
	case ActValue:
		switch {
		case a.ValuationMethod == "":
			return FieldErrorf("评估方法", "请填写评估方法（如收益法、市场法、成本法）")
		case a.ValuationFen <= 0 || a.ValuationFen > LoanAmountMaxFen*10:
			return FieldErrorf("评估价值(万元)", "评估价值应大于 0 且不超过 %s", FormatFen(LoanAmountMaxFen*10))
		case a.Valuer == "":
			return FieldErrorf("评估机构", "请填写评估机构")
		}
	case ActRegister:
		if a.RegistrationNo == "" {
			return FieldErrorf("质押登记号", "请填写国家知识产权局出具的质押登记号")
		}
	case ActCompensate:
		if a.LossFen <= 0 {
			return FieldErrorf("loss_fen", "请填写代偿的本金损失（大于 0）")
		}
	case ActRefuse:
		if a.Reason == "" {
			return FieldErrorf("reason", "请填写拒绝原因")
		}
	case ActApprove, ActDisburse, ActRepay, ActDefault:
	default:
		return FieldErrorf("act", "未知的贷款操作 %q", ClipValue(string(a.Act)))
	}
	for _, c := range []struct{ col, v string }{{"评估方法", a.ValuationMethod}, {"评估机构", a.Valuer}, {"质押登记号", a.RegistrationNo}} {
		if err := CheckText(c.col, c.col, c.v, LoanNameMax, false); err != nil {
			return err
		}
	}
	return CheckText("reason", "拒绝原因", a.Reason, LoanNoteMax, true)
}

// LoanFilter selects loans; zero fields do not filter.
type LoanFilter struct {
	Status        LoanStatus
	Year          int    // of the disbursement
	City          string // the borrower's 4-digit 市(州)
	Bank          string // the bank's name, exactly
	RiskPoolID    int64
	BorrowerOrgID int64
	Limit, Offset int
}

// RiskPoolFilter selects risk pools; zero fields do not filter.
type RiskPoolFilter struct {
	City          string
	Limit, Offset int
}

// LoanService works pledge loans and their risk pools. Every act is the
// admin's or a city user's for borrowers of its 市(州) (the platform's from the
// command line), one transaction with its audit row; city users read only
// their city's loans and pools (and the provincial pools).
type LoanService interface {
	// CreateLoan validates and stores a loan application (status 已申请), or an
	// imported historical loan at a later status (Source LoanFromImport),
	// resolving its borrower in the registry. Returns EINVALID, ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	CreateLoan(ctx context.Context, l *Loan) error
	// ActOnLoan records one workflow act and returns the loan after it:
	// approval checks the pool's loss cap and leverage, registration the
	// refusals of CheckPledgeRegistration for each patent, compensation splits
	// the loss and draws the government's share from the pool. Returns
	// EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	ActOnLoan(ctx context.Context, id int64, a LoanAction) (*Loan, error)
	// FindLoan returns a loan with its compensation. Returns ENOTFOUND.
	FindLoan(ctx context.Context, id int64) (*Loan, error)
	// ListLoans returns one page of loans, latest first, and the total. Returns EINVALID.
	ListLoans(ctx context.Context, f LoanFilter) ([]*Loan, int, error)
	// CreateRiskPool validates and stores a risk pool. Returns EINVALID,
	// EUNAUTHORIZED, EFORBIDDEN.
	CreateRiskPool(ctx context.Context, p *RiskPool) error
	// DepositRiskPool adds a top-up (注资) of amountFen on day on to a pool's
	// balance and returns the pool. Returns EINVALID, ENOTFOUND, EUNAUTHORIZED,
	// EFORBIDDEN.
	DepositRiskPool(ctx context.Context, id, amountFen int64, on time.Time) (*RiskPool, error)
	// FindRiskPool returns a pool with its outstanding loans and losses. Returns ENOTFOUND.
	FindRiskPool(ctx context.Context, id int64) (*RiskPool, error)
	// ListRiskPools returns one page of pools and the total.
	ListRiskPools(ctx context.Context, f RiskPoolFilter) ([]*RiskPool, int, error)
	// RiskPoolMovements returns the latest RiskPoolMovementsMax movements of a
	// pool's account, latest first. Returns ENOTFOUND.
	RiskPoolMovements(ctx context.Context, id int64) ([]RiskPoolMovement, error)
}

// RiskPoolMovement is one movement of a pool's account: its opening balance
// (kind "open"), a top-up ("deposit") or the government's share drawn for a
// compensation ("compensation", negative, with its loan).
type RiskPoolMovement struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	AmountFen int64     `json:"amount_fen"`
	LoanID    int64     `json:"loan_id,omitempty"`
	On        time.Time `json:"-"`
	CreatedBy int64     `json:"created_by"`
}

// KindLabel returns the Chinese name of the movement's kind.
func (m RiskPoolMovement) KindLabel() string {
	switch m.Kind {
	case "open":
		return "设立时余额"
	case "deposit":
		return "注资"
	case "compensation":
		return "代偿支付"
	}
	return m.Kind
}

// RiskPoolMovementsMax is the most movements a pool's page lists (the latest).
const RiskPoolMovementsMax = 200
