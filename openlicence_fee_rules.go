package patentbridge

import "slices"

// Limits of CNIPA's 2024 notice (国知发运字〔2024〕19号): open-licence fees are
// "一般" not above these; above them the admin must record an exception.
const (
	FeeNoticeLumpSumFen = 2_000_000_000 // RMB 20 million
	FeeNoticeSalesBP    = 2000          // 20% of net sales
	FeeNoticeProfitBP   = 4000          // 40% of profit
)

// MaxGraceMonths is the longest deferral of 先使用后付费 (10 years).
const MaxGraceMonths = 120

// ReportMonthChoices are the royalty report periods in months a licence may use.
var ReportMonthChoices = []int{1, 3, 6, 12}

const noticeRef = "依据国家知识产权局国知发运字〔2024〕19号通知"

// CheckFeeTerms checks a fee payment method and standard of an open licence:
// a known method with its own amounts (money ≥ 0, a lump sum > 0 for a fixed
// fee, a royalty rate of 1–10000 basis points and a report period), 先使用后付费
// with its deferral (1–120 months or until first revenue) and the method that
// follows, and — unless exception (the admin's recorded reason) is given — the
// 2024 notice's limits. Returns EINVALID naming the form field.
func CheckFeeTerms(f FeeTerms, exception string) error {
	if !slices.Contains(FeeMethods, f.Method) {
		return FieldErrorf("method", "请选择许可使用费支付方式（固定费用、净销售额提成、利润提成、入门费+提成、免费或先使用后付费）")
	}
	if f.Method == FeeDeferred {
		return checkDeferred(f, exception)
	}
	if f.GraceMonths != 0 || f.UntilFirstRevenue || f.Then != nil {
		return FieldErrorf("grace_months", "只有先使用后付费方式才能约定延期支付")
	}
	return checkPayable(f, exception)
}

func checkDeferred(f FeeTerms, exception string) error {
	switch {
	case f.UntilFirstRevenue && f.GraceMonths != 0:
		return FieldErrorf("grace_months", "先使用后付费：延期月数与“至首笔销售收入”只能选择一种")
	case !f.UntilFirstRevenue && (f.GraceMonths < 1 || f.GraceMonths > MaxGraceMonths):
		return FieldErrorf("grace_months", "先使用后付费：延期应为 1 至 %d 个月，或选择“至首笔销售收入时起付”", MaxGraceMonths)
	case f.LumpSumFen != 0 || f.EntryFeeFen != 0 || f.RateBP != 0:
		return FieldErrorf("then_method", "先使用后付费：费用标准应填写在延期结束后适用的支付方式中")
	case f.Then == nil || f.Then.Method == FeeDeferred || f.Then.Method == FeeFree || !slices.Contains(FeeMethods, f.Then.Method):
		return FieldErrorf("then_method", "先使用后付费：请选择延期结束后适用的支付方式（固定费用、净销售额提成、利润提成或入门费+提成）")
	case f.Then.GraceMonths != 0 || f.Then.UntilFirstRevenue || f.Then.Then != nil:
		return FieldErrorf("then_method", "先使用后付费：延期结束后的支付方式不能再次延期")
	}
	return checkPayable(*f.Then, exception)
}

// checkPayable checks the amounts of a method other than 先使用后付费.
func checkPayable(f FeeTerms, exception string) error {
	if f.LumpSumFen < 0 {
		return FieldErrorf("lump_sum", "固定费用不能为负数")
	}
	if f.EntryFeeFen < 0 {
		return FieldErrorf("entry_fee", "入门费不能为负数")
	}
	if f.RateBP < 0 {
		return FieldErrorf("rate", "提成比例不能为负数")
	}
	switch f.Method {
	case FeeFree:
		if f.LumpSumFen != 0 || f.EntryFeeFen != 0 || f.RateBP != 0 || f.ReportMonths != 0 || f.RoyaltyBase != "" {
			return FieldErrorf("method", "免费许可不应填写费用或提成")
		}
		return nil
	case FeeFixed:
		if f.LumpSumFen <= 0 {
			return FieldErrorf("lump_sum", "固定费用方式应填写大于零的许可使用费总额")
		}
		if f.EntryFeeFen != 0 || f.RateBP != 0 || f.RoyaltyBase != "" || f.ReportMonths != 0 {
			return FieldErrorf("method", "固定费用方式不应填写入门费或提成")
		}
		if f.LumpSumFen > FeeNoticeLumpSumFen && exception == "" {
			return FieldErrorf("lump_sum", "%s：固定费用一般不超过人民币2000万元；超过的须由管理员登记例外理由", noticeRef)
		}
		return nil
	case FeeSales, FeeProfit:
		want := map[FeeMethod]string{FeeSales: RoyaltyNetSales, FeeProfit: RoyaltyProfit}[f.Method]
		if f.RoyaltyBase != "" && f.RoyaltyBase != want {
			return FieldErrorf("royalty_base", "%s的提成基数应为%s", f.Method.Label(), royaltyBaseLabel(want))
		}
		if f.LumpSumFen != 0 || f.EntryFeeFen != 0 {
			return FieldErrorf("method", "%s方式不应填写固定费用或入门费（请选择入门费+提成）", f.Method.Label())
		}
		return checkRoyalty(f, want, exception)
	case FeeEntryRoyalty:
		if f.EntryFeeFen <= 0 {
			return FieldErrorf("entry_fee", "入门费+提成方式应填写大于零的入门费")
		}
		if f.LumpSumFen != 0 {
			return FieldErrorf("lump_sum", "入门费+提成方式不应填写固定费用")
		}
		if f.RoyaltyBase != RoyaltyNetSales && f.RoyaltyBase != RoyaltyProfit {
			return FieldErrorf("royalty_base", "入门费+提成方式应选择提成基数（净销售额或利润额）")
		}
		if f.EntryFeeFen > FeeNoticeLumpSumFen && exception == "" {
			return FieldErrorf("entry_fee", "%s：入门费一般不超过人民币2000万元；超过的须由管理员登记例外理由", noticeRef)
		}
		return checkRoyalty(f, f.RoyaltyBase, exception)
	}
	return FieldErrorf("method", "未知的许可使用费支付方式 %q", ClipValue(string(f.Method)))
}

// checkRoyalty checks a royalty rate on base and its report period.
func checkRoyalty(f FeeTerms, base, exception string) error {
	if f.RateBP < 1 || f.RateBP > 10000 {
		return FieldErrorf("rate", "提成比例应在 0.01%% 至 100%% 之间")
	}
	if !slices.Contains(ReportMonthChoices, f.ReportMonths) {
		return FieldErrorf("report_months", "请选择提成的报告与支付周期（1、3、6 或 12 个月）")
	}
	if exception != "" {
		return nil
	}
	if base == RoyaltyNetSales && f.RateBP > FeeNoticeSalesBP {
		return FieldErrorf("rate", "%s：按净销售额提成一般不超过20%%；超过的须由管理员登记例外理由", noticeRef)
	}
	if base == RoyaltyProfit && f.RateBP > FeeNoticeProfitBP {
		return FieldErrorf("rate", "%s：按利润提成一般不超过40%%；超过的须由管理员登记例外理由", noticeRef)
	}
	return nil
}

// royaltyBaseLabel returns the Chinese name of a royalty base.
func royaltyBaseLabel(base string) string {
	switch base {
	case RoyaltyNetSales:
		return "净销售额"
	case RoyaltyProfit:
		return "利润额"
	}
	return base
}

// KeptFeeException returns the fee exception a declaration keeps when someone
// other than the admin updates it to fee: the recorded one while the fee terms
// stay the same, none once they change (an exception is recorded for its
// figures; the admin records a new one for new figures).
func KeptFeeException(cur *OpenLicence, fee FeeTerms) string {
	if sameFeeTerms(cur.Fee, fee) {
		return cur.FeeException
	}
	return ""
}

// sameFeeTerms reports whether two fee terms say the same, the royalty base
// implied by FeeSales and FeeProfit counting as given.
func sameFeeTerms(a, b FeeTerms) bool {
	if (a.Then == nil) != (b.Then == nil) || a.Then != nil && !sameFeeTerms(*a.Then, *b.Then) {
		return false
	}
	a.Then, b.Then = nil, nil
	return impliedBase(a) == impliedBase(b)
}

// impliedBase returns f with the royalty base its method implies filled in.
func impliedBase(f FeeTerms) FeeTerms {
	if f.RoyaltyBase == "" {
		switch f.Method {
		case FeeSales:
			f.RoyaltyBase = RoyaltyNetSales
		case FeeProfit:
			f.RoyaltyBase = RoyaltyProfit
		}
	}
	return f
}
