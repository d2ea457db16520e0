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
// a 先使用后付费 deferral ending within the term, and known confirmation codes. Returns EINVALID naming the field.
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
	if err := CheckFeeTerms(ol.Fee, ol.FeeException); err != nil {
		return err
	}
	return checkGraceWithinTerm(ol)
}

// checkGraceWithinTerm refuses 先使用后付费 with a deferral of GraceMonths
// that lasts as long as the term or longer: the first day owed (term start
// plus the grace, DeferralEnd) must fall within the term, or the licensee
// would owe nothing during the whole licence.
func checkGraceWithinTerm(ol *OpenLicence) error {
	if ol.Fee.Method != FeeDeferred || ol.Fee.UntilFirstRevenue || ol.Fee.GraceMonths == 0 {
		return nil
	}
	if owed := AddMonths(ol.TermStart, ol.Fee.GraceMonths); owed.After(ol.TermEnd) {
		return FieldErrorf("term_end", "先使用后付费：许可期限（%s 至 %s）应长于 %d 个月的延期付费期；按此期限自 %s 起才需付费，已在许可期限结束之后，被许可人在整个许可期限内无需付费",
			FormatDate(ol.TermStart), FormatDate(ol.TermEnd), ol.Fee.GraceMonths, FormatDate(owed))
	}
	return nil
}
