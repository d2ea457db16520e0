package patentbridge

import (
	"strings"
	"time"
)

// PledgeCandidate is what the store knows of one patent a loan pledges, for
// the registration checks: the patent, whether the pledgor is among its
// registered patentees (by the registry's links, else by name), and another
// loan of the platform that holds it pledged (0 if none).
type PledgeCandidate struct {
	Patent      *Patent
	PledgorOwns bool
	PledgedBy   int64
}

// CheckPledgeRegistration applies the refusals of 专利权质押登记办法 (CNIPA,
// 2021) to one patent of a loan registered on day, each a refusal naming the
// patent (EINVALID on the column 申请号, ECONFLICT when already pledged):
// the pledgor is not the registered patentee; the patent is not in force or
// its annual fees are unpaid; proceedings are suspended or the patent is
// under preservation (by its legal events, and otherwise unless the borrower
// declared none, Loan.NoSuspension); the debt, from day, outlasts the
// patent's term; the patent is already pledged (by another loan of the
// platform or a pledge event not released); an invalidation request is
// pending without the parties' consent (Loan.InvalidationConsent).
func CheckPledgeRegistration(l *Loan, c PledgeCandidate, day time.Time) error {
	p := c.Patent
	name := "专利 " + FormatAppNo(p.AppNo) + "（" + ClipValue(p.Title) + "）"
	facts := FactsFromEvents(p, day)
	switch {
	case !c.PledgorOwns:
		var owners []string
		for _, o := range p.Owners() {
			owners = append(owners, o.Name)
		}
		return FieldErrorf("申请号", "%s不能办理质押登记：出质人“%s”不是该专利的登记专利权人（专利权人：%s）", name, l.BorrowerName, strings.Join(owners, "；"))
	case facts.FeesUnpaid:
		return FieldErrorf("申请号", "%s不能办理质押登记：未缴纳年费，专利权已终止或处于年费滞纳状态", name)
	case p.Status != StatusInForce:
		return FieldErrorf("申请号", "%s不能办理质押登记：专利权不在有效状态（%s）", name, statusText(p))
	case facts.Suspended:
		return FieldErrorf("申请号", "%s不能办理质押登记：专利权有关程序已中止或被采取保全措施（%s起）", name, FormatDate(facts.Suspend))
	case !facts.SuspensionKnown && !l.NoSuspension:
		return FieldErrorf("申请号", "%s不能办理质押登记：平台未收录该专利的中止或保全记录，请借款企业声明并经经办人核实“质押专利未被中止程序或采取保全措施”后再登记", name)
	}
	if end := LastDayOfTerm(p); !end.IsZero() && l.DebtEnd(day).After(end) {
		return FieldErrorf("申请号", "%s不能办理质押登记：债务履行期（至 %s）超过专利权有效期（至 %s）", name, FormatDate(l.DebtEnd(day)), FormatDate(end))
	}
	switch {
	case c.PledgedBy != 0:
		return Errorf(ECONFLICT, "%s不能办理质押登记：该专利已为贷款 %d 出质，尚未解除质押", name, c.PledgedBy)
	case facts.Pledged:
		return Errorf(ECONFLICT, "%s不能办理质押登记：该专利已于 %s 办理质押登记，尚未注销", name, FormatDate(facts.PledgedSince))
	case InvalidationPending(p, day) && !l.InvalidationConsent:
		return FieldErrorf("申请号", "%s不能办理质押登记：该专利的无效宣告请求正在审查中，须经出质人和质权人双方同意后方可登记", name)
	}
	return nil
}

func statusText(p *Patent) string {
	if p.StatusText != "" {
		return p.StatusText
	}
	if p.Status == "" {
		return "法律状态不明"
	}
	return p.Status.Label()
}

// InvalidationPending reports whether the latest invalidation event of p up to
// day is a request (无效宣告请求) with no decision yet: a text naming a decision
// (决定, 维持, 部分无效, 全部无效, 宣告…无效) or a withdrawal ends it.
func InvalidationPending(p *Patent, day time.Time) bool {
	var last *LegalEvent
	for i := range p.Events {
		e := &p.Events[i]
		if e.Type != EventInvalidation || e.Date.After(day) {
			continue
		}
		if last == nil || !e.Date.Before(last.Date) {
			last = e
		}
	}
	if last == nil {
		return false
	}
	return !hasAny(last.Text, "决定", "维持", "部分无效", "全部无效", "宣告专利权无效", "撤回", "终止审查", "结案")
}
