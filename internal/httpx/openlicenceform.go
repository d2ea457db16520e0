package httpx

import (
	"strconv"
	"strings"

	"patentbridge"
)

// OpenLicenceForm is a declaration's fields as the web form and the batch
// workbook carry them: money in yuan, rates in percent, dates YYYY-MM-DD.
type OpenLicenceForm struct {
	AppNo string
	FeeForm
	FeeBasis, FeeException, TermStart, TermEnd, Conditions string
	EvaluationReport, PledgeeConsent                       string
	EvaluationFavourable                                   bool
	Confirmations                                          []string
}

// Declaration turns the form into a declaration (the service checks the
// rules). Returns EINVALID naming the field for an unreadable number or date.
func (f OpenLicenceForm) Declaration() (*patentbridge.OpenLicence, error) {
	ol := &patentbridge.OpenLicence{AppNo: strings.TrimSpace(f.AppNo), FeeBasis: strings.TrimSpace(f.FeeBasis),
		FeeException: strings.TrimSpace(f.FeeException), Conditions: strings.TrimSpace(f.Conditions),
		EvaluationReport: strings.TrimSpace(f.EvaluationReport), EvaluationFavourable: f.EvaluationFavourable,
		PledgeeConsent: strings.TrimSpace(f.PledgeeConsent), Confirmations: f.Confirmations}
	var err error
	if ol.Fee, err = f.FeeForm.Terms(); err != nil {
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

// FormOf fills the form from a declaration (to edit it).
func FormOf(ol *patentbridge.OpenLicence) OpenLicenceForm {
	return OpenLicenceForm{AppNo: ol.AppNo, FeeForm: FeeFormFrom(ol.Fee), FeeBasis: ol.FeeBasis, FeeException: ol.FeeException,
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
