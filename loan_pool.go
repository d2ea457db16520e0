package patentbridge

import (
	"strings"
	"time"
)

// LossParty is one of the three parties that share a compensated loss.
type LossParty string

// The parties of a loss split.
const (
	PartyInsurer LossParty = "insurer"    // 保险或担保机构
	PartyBank    LossParty = "bank"       // 贷款银行
	PartyGov     LossParty = "government" // 政府（风险补偿资金池）
)

// Label returns the Chinese name of the party.
func (p LossParty) Label() string {
	switch p {
	case PartyInsurer:
		return "保险或担保机构"
	case PartyBank:
		return "贷款银行"
	case PartyGov:
		return "风险补偿资金池"
	}
	return string(p)
}

// Risk pool limits.
const (
	RiskPoolLeverageMax = 100
	RiskPoolShareMax    = 100
)

// RiskPool is a fiscal risk compensation pool (财政风险补偿资金池): its balance
// backs loans up to Leverage times the balance, it pays the government's share
// of each compensated principal loss, and once its compensated losses reach
// LossCapFen it stops backing new approvals (Deyang: RMB 5m). The shares
// split a loss insurer : bank : government (Deyang 3 : 2 : 5; a direct bank
// loan 0 : 5 : 5), and the fen a split cannot divide go to RemainderTo.
type RiskPool struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	City         string    `json:"city,omitempty"` // 4-digit 市(州); "" for a provincial pool
	BalanceFen   int64     `json:"balance_fen"`
	Leverage     int       `json:"leverage"`
	LossCapFen   int64     `json:"loss_cap_fen"` // 0: no cap
	InsurerShare int       `json:"insurer_share"`
	BankShare    int       `json:"bank_share"`
	GovShare     int       `json:"gov_share"`
	RemainderTo  LossParty `json:"remainder_to"`
	// OpenedOn is the pool's 设立日期, the day of its opening balance (the
	// account's first movement): today when not given.
	OpenedOn time.Time `json:"-"` // API: opened_on
	// OutstandingFen (the amounts of its outstanding loans) and LossesFen (the
	// principal losses compensated) are computed when the pool is read.
	OutstandingFen int64     `json:"outstanding_fen"`
	LossesFen      int64     `json:"losses_fen"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
}

// Validate trims and checks a pool: a name, a Sichuan 市(州) when given (4 or 6 digits, stored as 4), a
// balance and cap not negative, a leverage of 1–100, shares of 0–100 not all
// zero, and a remainder party (the bank when not given) whose share is not zero.
func (p *RiskPool) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	if err := checkCityLabel("city", "所属市（州）代码", &p.City, true); err != nil {
		return err
	}
	if p.RemainderTo == "" {
		p.RemainderTo = PartyBank
	}
	switch {
	case p.Name == "":
		return FieldErrorf("name", "请填写资金池名称")
	case p.BalanceFen < 0 || p.BalanceFen > LoanAmountMaxFen:
		return FieldErrorf("balance_fen", "资金池余额应在 0 至 %s 之间", FormatFen(LoanAmountMaxFen))
	case p.LossCapFen < 0 || p.LossCapFen > LoanAmountMaxFen:
		return FieldErrorf("loss_cap_fen", "代偿损失上限应在 0 至 %s 之间（0 表示不设上限）", FormatFen(LoanAmountMaxFen))
	case p.Leverage < 1 || p.Leverage > RiskPoolLeverageMax:
		return FieldErrorf("leverage", "放大倍数应为 1 至 %d 倍", RiskPoolLeverageMax)
	case p.InsurerShare < 0 || p.BankShare < 0 || p.GovShare < 0 ||
		p.InsurerShare > RiskPoolShareMax || p.BankShare > RiskPoolShareMax || p.GovShare > RiskPoolShareMax:
		return FieldErrorf("shares", "分担比例每项应在 0 至 %d 之间", RiskPoolShareMax)
	case p.InsurerShare+p.BankShare+p.GovShare == 0:
		return FieldErrorf("shares", "分担比例不能全为 0（德阳模式为 保险3 : 银行2 : 政府5）")
	case p.share(p.RemainderTo) == 0:
		return FieldErrorf("remainder_to", "不能整除的尾差应由分担比例不为 0 的一方（保险、银行或政府）承担")
	}
	return CheckText("name", "资金池名称", p.Name, LoanNameMax, false)
}

// CheckOpenedOn sets a missing opening day to today and refuses one after
// today or before PatentLawInForce, naming opened_on (EINVALID).
func (p *RiskPool) CheckOpenedOn(today time.Time) error {
	if p.OpenedOn.IsZero() {
		p.OpenedOn = today
	}
	p.OpenedOn = DateOf(p.OpenedOn)
	if p.OpenedOn.After(DateOf(today)) {
		return FieldErrorf("opened_on", "设立日期 %s 晚于今天", FormatDate(p.OpenedOn))
	}
	return checkFloorAs("opened_on", "设立日期", p.OpenedOn)
}

// CheckDrawDay refuses a movement of the pool's account (a deposit, a
// compensation paid from it), whose date the message calls label, dated
// before the pool's opening day: the balance did not exist yet. Returns
// EINVALID naming the request's field "date" and both dates.
func (p *RiskPool) CheckDrawDay(label string, on time.Time) error {
	if !p.OpenedOn.IsZero() && DateOf(on).Before(DateOf(p.OpenedOn)) {
		return FieldErrorf("date", "%s %s 早于风险补偿资金池“%s”的设立日期 %s：资金池设立前不能注资或代偿",
			label, FormatDate(DateOf(on)), p.Name, FormatDate(DateOf(p.OpenedOn)))
	}
	return nil
}

// share returns the pool's share of a party, 0 for an unknown party.
func (p *RiskPool) share(party LossParty) int {
	switch party {
	case PartyInsurer:
		return p.InsurerShare
	case PartyBank:
		return p.BankShare
	case PartyGov:
		return p.GovShare
	}
	return 0
}

// CapacityFen is how much lending the pool backs: Leverage times its balance.
func (p *RiskPool) CapacityFen() int64 { return int64(p.Leverage) * p.BalanceFen }

// CheckApproval refuses backing a new loan of amountFen: when the pool's
// compensated losses have reached its cap (new business stops), or when the
// loan would take its outstanding loans past Leverage times its balance.
// Returns ECONFLICT.
func (p *RiskPool) CheckApproval(amountFen int64) error {
	if p.LossCapFen > 0 && p.LossesFen >= p.LossCapFen {
		return Errorf(ECONFLICT, "风险补偿资金池“%s”已代偿损失 %s，达到上限 %s，暂停新增贷款业务", p.Name, FormatFen(p.LossesFen), FormatFen(p.LossCapFen))
	}
	if p.OutstandingFen+amountFen > p.CapacityFen() {
		return Errorf(ECONFLICT, "超出风险补偿资金池“%s”的放大倍数：余额 %s × %d 倍 = %s，在贷余额 %s，本笔 %s，合计超出 %s",
			p.Name, FormatFen(p.BalanceFen), p.Leverage, FormatFen(p.CapacityFen()), FormatFen(p.OutstandingFen), FormatFen(amountFen),
			FormatFen(p.OutstandingFen+amountFen-p.CapacityFen()))
	}
	return nil
}

// Compensation is the risk compensation claim (风险补偿) of a defaulted loan:
// its principal loss split among insurer, bank and government by the pool's
// shares, exactly in fen; the pool pays GovFen from its balance.
type Compensation struct {
	LoanID      int64     `json:"loan_id"`
	RiskPoolID  int64     `json:"risk_pool_id"`
	LossFen     int64     `json:"loss_fen"`
	InsurerFen  int64     `json:"insurer_fen"`
	BankFen     int64     `json:"bank_fen"`
	GovFen      int64     `json:"gov_fen"`
	RemainderTo LossParty `json:"remainder_to"`
	ClaimedOn   time.Time `json:"-"`
	CreatedBy   int64     `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Split divides a principal loss by the pool's shares: each party gets its
// share rounded down to the fen, and the fen left over (at most two) go to
// RemainderTo, so the three parts add up to the loss exactly.
func (p *RiskPool) Split(lossFen int64) Compensation {
	total := int64(p.InsurerShare + p.BankShare + p.GovShare)
	c := Compensation{RiskPoolID: p.ID, LossFen: lossFen, RemainderTo: p.RemainderTo}
	if total == 0 || lossFen <= 0 {
		return c
	}
	// lossFen ≤ 10^13 and a share ≤ 100: the products fit in int64.
	c.InsurerFen = lossFen * int64(p.InsurerShare) / total
	c.BankFen = lossFen * int64(p.BankShare) / total
	c.GovFen = lossFen * int64(p.GovShare) / total
	rest := lossFen - c.InsurerFen - c.BankFen - c.GovFen
	switch p.RemainderTo {
	case PartyInsurer:
		c.InsurerFen += rest
	case PartyGov:
		c.GovFen += rest
	default:
		c.BankFen += rest
	}
	return c
}
