package httpx

import (
	"strconv"
	"strings"

	"patentbridge"
)

// OpenLicenceForm is a declaration's fields as the web form and the batch
// workbook carry them: money in yuan, rates in percent, dates YYYY-MM-DD.
type OpenLicenceForm struct {
	AppNo, Method, LumpSum, EntryFee, RoyaltyBase, Rate, ReportMonths string
	GraceMonths, ThenMethod                                           string
	UntilFirstRevenue                                                 bool
	FeeBasis, FeeException, TermStart, TermEnd, Conditions            string
	EvaluationReport, PledgeeConsent                                  string
	EvaluationFavourable                                              bool
	Confirmations                                                     []string
}

// Declaration turns the form into a declaration (the service checks the
// rules). Returns EINVALID naming the field for an unreadable number or date.
func (f OpenLicenceForm) Declaration() (*patentbridge.OpenLicence, error) {
	ol := &patentbridge.OpenLicence{AppNo: strings.TrimSpace(f.AppNo), FeeBasis: strings.TrimSpace(f.FeeBasis),
		FeeException: strings.TrimSpace(f.FeeException), Conditions: strings.TrimSpace(f.Conditions),
		EvaluationReport: strings.TrimSpace(f.EvaluationReport), EvaluationFavourable: f.EvaluationFavourable,
		PledgeeConsent: strings.TrimSpace(f.PledgeeConsent), Confirmations: f.Confirmations}
	var pay patentbridge.FeeTerms
	var err error
	if pay.LumpSumFen, err = ParseYuan("lump_sum", f.LumpSum); err != nil {
		return nil, err
	}
	if pay.EntryFeeFen, err = ParseYuan("entry_fee", f.EntryFee); err != nil {
		return nil, err
	}
	if pay.RateBP, err = ParsePercent("rate", f.Rate); err != nil {
		return nil, err
	}
	if pay.ReportMonths, err = smallInt("report_months", "报告周期", f.ReportMonths); err != nil {
		return nil, err
	}
	pay.RoyaltyBase = strings.TrimSpace(f.RoyaltyBase)
	method := patentbridge.FeeMethod(strings.TrimSpace(f.Method))
	if method == patentbridge.FeeDeferred {
		ol.Fee = patentbridge.FeeTerms{Method: method, UntilFirstRevenue: f.UntilFirstRevenue}
		if ol.Fee.GraceMonths, err = smallInt("grace_months", "延期月数", f.GraceMonths); err != nil {
			return nil, err
		}
		if f.UntilFirstRevenue {
			ol.Fee.GraceMonths = 0
		}
		pay.Method = patentbridge.FeeMethod(strings.TrimSpace(f.ThenMethod))
		ol.Fee.Then = &pay
	} else {
		pay.Method = method
		ol.Fee = pay
	}
	keepRelevant(&ol.Fee)
	if ol.Fee.Then != nil {
		keepRelevant(ol.Fee.Then)
	}
	if ol.TermStart, err = patentbridge.ParseDate(strings.TrimSpace(f.TermStart)); err != nil {
		return nil, patentbridge.FieldErrorf("term_start", "许可期限开始日期 %q 无效，应为 YYYY-MM-DD", patentbridge.ClipValue(f.TermStart))
	}
	if ol.TermEnd, err = patentbridge.ParseDate(strings.TrimSpace(f.TermEnd)); err != nil {
		return nil, patentbridge.FieldErrorf("term_end", "许可期限结束日期 %q 无效，应为 YYYY-MM-DD", patentbridge.ClipValue(f.TermEnd))
	}
	return ol, nil
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

// FormOf fills the form from a declaration (to edit it).
func FormOf(ol *patentbridge.OpenLicence) OpenLicenceForm {
	f := OpenLicenceForm{AppNo: ol.AppNo, Method: string(ol.Fee.Method), FeeBasis: ol.FeeBasis, FeeException: ol.FeeException,
		TermStart: patentbridge.FormatDate(ol.TermStart), TermEnd: patentbridge.FormatDate(ol.TermEnd), Conditions: ol.Conditions,
		EvaluationReport: ol.EvaluationReport, EvaluationFavourable: ol.EvaluationFavourable, PledgeeConsent: ol.PledgeeConsent,
		Confirmations: ol.Confirmations, UntilFirstRevenue: ol.Fee.UntilFirstRevenue}
	pay := ol.Fee
	if ol.Fee.Method == patentbridge.FeeDeferred && ol.Fee.Then != nil {
		if ol.Fee.GraceMonths > 0 {
			f.GraceMonths = strconv.Itoa(ol.Fee.GraceMonths)
		}
		pay = *ol.Fee.Then
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

func smallInt(field, label, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 10000 {
		return 0, patentbridge.FieldErrorf(field, "%s %q 无效，应为整数", label, patentbridge.ClipValue(s))
	}
	return n, nil
}
