package patentbridge

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// OpenLicenceReductionBP is the annual-fee reduction while an open licence is
// in effect: 15% (专利收费减缴办法; DESIGN §3.8), in basis points.
const OpenLicenceReductionBP = 1500

// OpenLicenceFeeReduction returns the annual-fee reduction (basis points) the
// patentee has on the day of on for the open licence: 15% from the day of
// announcement until withdrawal (the day it is withdrawn no longer counts),
// 0 otherwise. otherBP is any other reduction the patentee has (e.g. 85% for
// a small entity): reductions are not combined, the more favourable applies.
func OpenLicenceFeeReduction(ol *OpenLicence, on time.Time, otherBP int) int {
	if OpenLicenceInEffect(ol, on) {
		return max(OpenLicenceReductionBP, otherBP)
	}
	return otherBP
}

// OpenLicenceInEffect reports whether the day of on falls in the open
// licence's FeeReductionPeriod: announced, not yet withdrawn, within its term.
func OpenLicenceInEffect(ol *OpenLicence, on time.Time) bool {
	if ol == nil {
		return false
	}
	from, to, ok := ol.FeeReductionPeriod()
	d := DateOf(on)
	return ok && !d.Before(from) && (to.IsZero() || !d.After(to))
}

// FeeReductionPeriod returns the first and last days (UTC dates) the open
// licence is in effect, which are those of the patentee's 15% annual-fee
// reduction: from the day it was announced to the last day of its term or,
// if earlier, the day before its withdrawal (the day it is withdrawn no
// longer counts); to is zero when neither is known. ok is false for a
// declaration never announced (draft, submitted) or never in effect (withdrawn
// the day it was announced, announced after its term).
func (ol *OpenLicence) FeeReductionPeriod() (from, to time.Time, ok bool) {
	if ol.AnnouncedAt.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	from = DateOf(ol.AnnouncedAt)
	if !ol.TermEnd.IsZero() {
		to = DateOf(ol.TermEnd)
	}
	if !ol.WithdrawnAt.IsZero() {
		if last := DateOf(ol.WithdrawnAt).AddDate(0, 0, -1); to.IsZero() || last.Before(to) {
			to = last
		}
	}
	if !to.IsZero() && to.Before(from) {
		return time.Time{}, time.Time{}, false
	}
	return from, to, true
}

// FeeTermsText describes fee terms in Chinese as announced, e.g.
// "净销售额提成：费率 5%，每 6 个月报告并支付".
func FeeTermsText(f FeeTerms) string {
	pct := func(bp int) string {
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%d.%02d", bp/100, bp%100), "0"), ".") + "%"
	}
	base := map[string]string{RoyaltyNetSales: "净销售额", RoyaltyProfit: "利润额"}
	switch f.Method {
	case FeeFixed:
		return "固定费用：" + FormatFen(f.LumpSumFen)
	case FeeSales, FeeProfit:
		return fmt.Sprintf("%s：费率 %s，每 %d 个月报告并支付", f.Method.Label(), pct(f.RateBP), f.ReportEvery())
	case FeeEntryRoyalty:
		b := base[f.RoyaltyBase]
		if b == "" {
			b = "净销售额"
		}
		return fmt.Sprintf("入门费+提成：入门费 %s，%s提成 %s，每 %d 个月报告并支付", FormatFen(f.EntryFeeFen), b, pct(f.RateBP), f.ReportEvery())
	case FeeFree:
		return "免费"
	case FeeDeferred:
		when := fmt.Sprintf("许可生效后 %d 个月内", f.GraceMonths)
		if f.UntilFirstRevenue {
			when = "取得首笔销售收入之前"
		}
		then := "无"
		if f.Then != nil {
			then = FeeTermsText(*f.Then)
		}
		return fmt.Sprintf("先使用后付费：%s不支付许可使用费，此后按%s", when, then)
	}
	return f.Method.Label()
}

// OpenLicenceNoticeText is the written notice (书面通知, Patent Law art. 51)
// by which licensee takes the announced open licence ol for the term.
func OpenLicenceNoticeText(ol *OpenLicence, licensee string, start, end time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "致专利权人%s：\n", strings.Join(ol.Patentees, "、"))
	fmt.Fprintf(&b, "根据《中华人民共和国专利法》第五十一条，本单位%s现书面通知贵方：本单位愿意按照贵方于%s公告的专利开放许可声明（声明编号 %d）实施专利 %s（%s），接受声明所载全部条件：\n",
		licensee, FormatDate(ol.AnnouncedAt), ol.ID, FormatAppNo(ol.AppNo), ol.Title)
	fmt.Fprintf(&b, "一、许可使用费：%s；\n", FeeTermsText(ol.Fee))
	fmt.Fprintf(&b, "二、许可期限：%s至%s；\n", FormatDate(start), FormatDate(end))
	if c := strings.TrimSpace(ol.Conditions); c != "" {
		fmt.Fprintf(&b, "三、其他条件：%s；\n", c)
	}
	b.WriteString("本单位将按上述条件支付许可使用费，并在许可生效之日起三个月内办理许可合同备案（《专利法实施细则》第八十七条）。")
	return b.String()
}

// CheckTakeOpenLicence applies the rules of taking an open licence (Patent Law
// art. 51) to the licensee's organization and the term asked: the declaration
// must be announced (a withdrawn one takes no new licensees), the licensee
// must not be one of its patentees, the term must end within the declaration's
// term, not before it starts and not before a 先使用后付费 grace period
// (CheckGraceWithinTerm). Returns EINVALID, ECONFLICT.
func CheckTakeOpenLicence(ol *OpenLicence, licenseeOrgID int64, start, end time.Time) error {
	switch {
	case ol.Status == OpenWithdrawn:
		return Errorf(ECONFLICT, "该开放许可声明已于 %s 撤回，不再接受新的被许可人（已实施的许可不受影响，《专利法》第五十条第二款）", FormatDate(ol.WithdrawnAt))
	case ol.Status != OpenAnnounced:
		return Errorf(ECONFLICT, "该开放许可声明尚未公告，不能据以实施许可（《专利法》第五十一条）")
	case licenseeOrgID == ol.OrgID || slices.Contains(ol.OrgIDs, licenseeOrgID):
		return Errorf(EINVALID, "本单位是该专利的专利权人，不能作为开放许可的被许可人")
	case end.After(DateOf(ol.TermEnd)):
		return FieldErrorf("term_end", "许可期限不能超过开放许可声明的期限（至 %s）", FormatDate(ol.TermEnd))
	case end.Before(start):
		return FieldErrorf("term_end", "许可期限的结束日 %s 早于开始日 %s", FormatDate(end), FormatDate(start))
	}
	return CheckGraceWithinTerm(ol.Fee, start, end)
}

// graceMonths is the grace period in months of 先使用后付费 terms that defer
// for a stated time (0 for other terms and for those deferred until the first revenue).
func graceMonths(f *FeeTerms) int {
	if f == nil || f.Method != FeeDeferred || f.UntilFirstRevenue {
		return 0
	}
	return f.GraceMonths
}

// CheckGraceWithinTerm refuses the term start to end of a licence on 先使用后付费
// terms with GraceMonths that ends before the fee falls due (start plus
// GraceMonths, the licence taking effect on its start): nothing would ever be
// owed within the term. Returns EINVALID naming term_end.
func CheckGraceWithinTerm(f FeeTerms, start, end time.Time) error {
	g := graceMonths(&f)
	if g == 0 {
		return nil
	}
	due := AddMonths(start, g)
	if DateOf(end).Before(due) {
		return FieldErrorf("term_end", "许可期限至 %s，短于先使用后付费的免付期（%d 个月，至 %s 届满）：许可使用费要到许可终止后才应支付。许可期限应至少至 %s",
			FormatDate(end), g, FormatDate(due.AddDate(0, 0, -1)), FormatDate(due))
	}
	return nil
}
