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
	var err error
	if ol.Fee, err = f.Fee().Terms(); err != nil {
		return nil, err
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

// Fee returns the form's fee inputs.
func (f OpenLicenceForm) Fee() FeeForm {
	return FeeForm{Method: f.Method, LumpSum: f.LumpSum, EntryFee: f.EntryFee, RoyaltyBase: f.RoyaltyBase, Rate: f.Rate,
		ReportMonths: f.ReportMonths, GraceMonths: f.GraceMonths, ThenMethod: f.ThenMethod, UntilFirstRevenue: f.UntilFirstRevenue}
}

// FormOf fills the form from a declaration (to edit it).
func FormOf(ol *patentbridge.OpenLicence) OpenLicenceForm {
	fee := FeeFormFrom(ol.Fee)
	return OpenLicenceForm{AppNo: ol.AppNo, Method: fee.Method, LumpSum: fee.LumpSum, EntryFee: fee.EntryFee,
		RoyaltyBase: fee.RoyaltyBase, Rate: fee.Rate, ReportMonths: fee.ReportMonths, GraceMonths: fee.GraceMonths,
		ThenMethod: fee.ThenMethod, UntilFirstRevenue: fee.UntilFirstRevenue, FeeBasis: ol.FeeBasis, FeeException: ol.FeeException,
		TermStart: patentbridge.FormatDate(ol.TermStart), TermEnd: patentbridge.FormatDate(ol.TermEnd), Conditions: ol.Conditions,
		EvaluationReport: ol.EvaluationReport, EvaluationFavourable: ol.EvaluationFavourable, PledgeeConsent: ol.PledgeeConsent,
		Confirmations: ol.Confirmations}
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
