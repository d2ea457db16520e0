package httpx

import (
	"strconv"
	"strings"

	"patentbridge"
)

// FeeForm is a fee payment method and standard as forms carry it: money in
// yuan, rates in percent, months as integers; the open-licence form and the
// pool form read it alike.
type FeeForm struct {
	Method, LumpSum, EntryFee, RoyaltyBase, Rate, ReportMonths string
	GraceMonths, ThenMethod                                    string
	UntilFirstRevenue                                          bool
}

// FeeFormOf reads the fee inputs of a posted form (method, lump_sum,
// entry_fee, royalty_base, rate, report_months, grace_months, then_method,
// until_first_revenue=yes) through get, a url.Values' Get.
func FeeFormOf(get func(string) string) FeeForm {
	return FeeForm{Method: get("method"), LumpSum: get("lump_sum"), EntryFee: get("entry_fee"), RoyaltyBase: get("royalty_base"),
		Rate: get("rate"), ReportMonths: get("report_months"), GraceMonths: get("grace_months"), ThenMethod: get("then_method"),
		UntilFirstRevenue: get("until_first_revenue") == "yes"}
}

// Terms turns the form into fee terms, clearing the inputs the method does not
// use (the service checks the rules). Returns EINVALID naming the field for an
// unreadable number.
func (f FeeForm) Terms() (patentbridge.FeeTerms, error) {
	var pay, fee patentbridge.FeeTerms
	var err error
	if pay.LumpSumFen, err = ParseYuan("lump_sum", f.LumpSum); err != nil {
		return fee, err
	}
	if pay.EntryFeeFen, err = ParseYuan("entry_fee", f.EntryFee); err != nil {
		return fee, err
	}
	if pay.RateBP, err = ParsePercent("rate", f.Rate); err != nil {
		return fee, err
	}
	if pay.ReportMonths, err = smallInt("report_months", "报告周期", f.ReportMonths); err != nil {
		return fee, err
	}
	pay.RoyaltyBase = strings.TrimSpace(f.RoyaltyBase)
	method := patentbridge.FeeMethod(strings.TrimSpace(f.Method))
	if method == patentbridge.FeeDeferred {
		fee = patentbridge.FeeTerms{Method: method, UntilFirstRevenue: f.UntilFirstRevenue}
		if fee.GraceMonths, err = smallInt("grace_months", "延期月数", f.GraceMonths); err != nil {
			return patentbridge.FeeTerms{}, err
		}
		if f.UntilFirstRevenue {
			fee.GraceMonths = 0
		}
		pay.Method = patentbridge.FeeMethod(strings.TrimSpace(f.ThenMethod))
		fee.Then = &pay
	} else {
		pay.Method = method
		fee = pay
	}
	keepRelevant(&fee)
	if fee.Then != nil {
		keepRelevant(fee.Then)
	}
	return fee, nil
}

// keepRelevant clears the fields a method does not use: the form keeps every
// input, hidden or not, so that it works without JavaScript.
func keepRelevant(f *patentbridge.FeeTerms) {
	switch f.Method {
	case patentbridge.FeeFixed:
		f.EntryFeeFen, f.RateBP, f.RoyaltyBase, f.ReportMonths = 0, 0, "", 0
	case patentbridge.FeeSales:
		f.LumpSumFen, f.EntryFeeFen, f.RoyaltyBase = 0, 0, patentbridge.RoyaltyNetSales
	case patentbridge.FeeProfit:
		f.LumpSumFen, f.EntryFeeFen, f.RoyaltyBase = 0, 0, patentbridge.RoyaltyProfit
	case patentbridge.FeeEntryRoyalty:
		f.LumpSumFen = 0
	case patentbridge.FeeFree, patentbridge.FeeDeferred:
		f.LumpSumFen, f.EntryFeeFen, f.RateBP, f.RoyaltyBase, f.ReportMonths = 0, 0, 0, "", 0
	}
}

// FeeFormFrom fills the form from fee terms (to edit them).
func FeeFormFrom(fee patentbridge.FeeTerms) FeeForm {
	f := FeeForm{Method: string(fee.Method), UntilFirstRevenue: fee.UntilFirstRevenue}
	pay := fee
	if fee.Method == patentbridge.FeeDeferred && fee.Then != nil {
		if fee.GraceMonths > 0 {
			f.GraceMonths = strconv.Itoa(fee.GraceMonths)
		}
		pay = *fee.Then
		f.ThenMethod = string(pay.Method)
	}
	if pay.LumpSumFen != 0 {
		f.LumpSum = Yuan(pay.LumpSumFen)
	}
	if pay.EntryFeeFen != 0 {
		f.EntryFee = Yuan(pay.EntryFeeFen)
	}
	if pay.RateBP != 0 {
		f.Rate = strings.TrimSuffix(Percent(pay.RateBP), "%")
	}
	if pay.ReportMonths != 0 {
		f.ReportMonths = strconv.Itoa(pay.ReportMonths)
	}
	f.RoyaltyBase = pay.RoyaltyBase
	return f
}
