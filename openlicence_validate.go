package patentbridge

// Size limits of a declaration's texts.
const (
	MaxFeeBasis   = 5000
	MaxConditions = 5000
	MaxReference  = 200 // a file reference or report number
	MaxReviewNote = 2000
)

// ValidateOpenLicence checks what the declarant types: the texts' sizes, the
// fee terms against the 2024 notice unless the admin recorded an exception,
// and known confirmation codes. Returns EINVALID naming the field.
func ValidateOpenLicence(ol *OpenLicence) error {
	for _, t := range []struct {
		field, label, s string
		max             int
	}{
		{"fee_basis", "估算依据", ol.FeeBasis, MaxFeeBasis},
		{"fee_exception", "例外理由", ol.FeeException, MaxConditions},
		{"conditions", "其他条件", ol.Conditions, MaxConditions},
		{"evaluation_report", "评价报告", ol.EvaluationReport, MaxReference},
		{"pledgee_consent", "质权人同意文件", ol.PledgeeConsent, MaxReference},
	} {
		if err := CheckText(t.field, t.label, t.s, t.max, t.max > MaxReference); err != nil {
			return err
		}
	}
	for _, c := range ol.Confirmations {
		if ConfirmationLabel(c) == c {
			return FieldErrorf("confirmations", "未知的确认事项 %q", ClipValue(c))
		}
	}
	if ol.TermStart.IsZero() || ol.TermEnd.IsZero() {
		return FieldErrorf("term_start", "请填写许可期限的起止日期")
	}
	if ol.TermEnd.Before(ol.TermStart) {
		return FieldErrorf("term_end", "许可期限的结束日期不能早于开始日期")
	}
	return CheckFeeTerms(ol.Fee, ol.FeeException)
}
