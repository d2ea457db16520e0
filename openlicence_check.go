package patentbridge

import (
	"slices"
	"time"
)

// Confirmations a patentee gives where the platform knows nothing (细则 art. 88).
const (
	ConfirmNoExclusive  = "no_exclusive_licence" // 无在有效期内的独占或排他许可
	ConfirmNoSuspension = "no_suspension"        // 无因权属纠纷或财产保全而中止的程序
	ConfirmFeesPaid     = "fees_paid"            // 年费已按时缴纳
	ConfirmNoPledge     = "no_pledge"            // 未质押，或质押已解除
	ConfirmNoOtherBar   = "no_other_bar"         // 无其他妨碍专利权有效实施的情形
)

// ConfirmationLabel returns the Chinese statement the patentee confirms.
func ConfirmationLabel(code string) string {
	switch code {
	case ConfirmNoExclusive:
		return "本专利目前没有在有效期内的独占许可或排他许可，也没有将在开放许可期限内生效的独占许可或排他许可（细则第八十六条第（一）项）"
	case ConfirmNoSuspension:
		return "本专利没有因权属纠纷或财产保全而被中止的有关程序（细则第八十六条第（二）项）"
	case ConfirmFeesPaid:
		return "本专利的年费已按规定缴纳（细则第八十六条第（三）项）"
	case ConfirmNoPledge:
		return "本专利未出质，或质押已解除（细则第八十六条第（四）项）"
	case ConfirmNoOtherBar:
		return "没有其他妨碍专利权有效实施的情形（细则第八十六条第（五）项）"
	}
	return code
}

// ConfirmationWarning is shown beside the confirmations (细则 art. 88).
const ConfirmationWarning = "依据《专利法实施细则》第八十八条，提供虚假材料的将依法处理。"

// RecordedLicence is a licence the platform itself records on a patent (the
// licences table): its kind, state and term.
type RecordedLicence struct {
	ID        int64
	Kind      LicenceKind
	Status    string
	TermStart time.Time
	TermEnd   time.Time
}

// InForce reports whether the licence is effective on the day.
func (l RecordedLicence) InForce(day time.Time) bool {
	return l.Status == LicenceEffective && !day.Before(l.TermStart) && (l.TermEnd.IsZero() || !day.After(l.TermEnd))
}

// Overlaps reports whether the licence is effective on any day from start to
// end (a zero TermEnd runs on without end): an exclusive or sole licence
// starting later still bars an open licence over the same days (细则 art. 86(1)).
func (l RecordedLicence) Overlaps(start, end time.Time) bool {
	return l.Status == LicenceEffective && !l.TermStart.After(end) && (l.TermEnd.IsZero() || !l.TermEnd.Before(start))
}

// NeededConfirmations returns the confirmations the patentee must give for p
// on the day: fees and "no other bar" always (the platform keeps no fee
// records), the others where neither the legal events nor the platform's own
// licences tell anything of that kind.
func NeededConfirmations(p *Patent, recorded []RecordedLicence, day time.Time) []string {
	f := FactsFromEvents(p, day)
	var out []string
	if !f.LicenceKnown && len(recorded) == 0 {
		out = append(out, ConfirmNoExclusive)
	}
	if !f.SuspensionKnown {
		out = append(out, ConfirmNoSuspension)
	}
	out = append(out, ConfirmFeesPaid)
	if !f.PledgeKnown {
		out = append(out, ConfirmNoPledge)
	}
	return append(out, ConfirmNoOtherBar)
}

const (
	art85 = "依据《专利法实施细则》第八十五条"
	art86 = "依据《专利法实施细则》第八十六条"
)

// CheckOpenLicenceFacts checks a declaration against its patent and what the
// platform knows on the day (asOf): the patent granted and in force (细则 art.
// 85); no exclusive or sole licence in force, by the legal events or the
// platform's recorded licences, and none recorded on the platform whose term
// overlaps the declaration's (art. 86(1)); no suspension for an ownership
// dispute or a preservation order (art. 86(2), arts. 103, 104); annual fees
// paid (art. 86(3)); no pledge without the pledgee's recorded consent (art.
// 86(4)); a term within the patent's term (Patent Law art. 42); for a utility
// model or design, an evaluation report concluding favourably (Patent Law art.
// 50); and the patentee's confirmations where the platform knows nothing (art.
// 88). Returns the first refusal as EINVALID naming the field.
func CheckOpenLicenceFacts(p *Patent, ol *OpenLicence, recorded []RecordedLicence, asOf time.Time) error {
	if err := CheckDeclarablePatent(p, asOf); err != nil {
		return err
	}
	day := truncateDay(asOf)
	last := LastDayOfTerm(p)
	f := FactsFromEvents(p, day)
	if f.ExclusiveLicence {
		return FieldErrorf("app_no", "%s第（一）项：该专利有独占许可或排他许可正在有效期内（据法律事件），不能声明开放许可", art86)
	}
	for _, l := range recorded {
		if l.Kind != LicenceExclusive && l.Kind != LicenceSole {
			continue
		}
		if l.InForce(day) {
			return FieldErrorf("app_no", "%s第（一）项：该专利有平台登记的%s（%s 至 %s）正在有效期内，不能声明开放许可",
				art86, l.Kind.Label(), FormatDate(l.TermStart), FormatDate(l.TermEnd))
		}
		if l.Overlaps(ol.TermStart, ol.TermEnd) {
			return FieldErrorf("app_no", "%s第（一）项：该专利有平台登记的%s（%s 至 %s），与开放许可的许可期限（%s 至 %s）重叠，不能声明开放许可",
				art86, l.Kind.Label(), FormatDate(l.TermStart), FormatDate(l.TermEnd), FormatDate(ol.TermStart), FormatDate(ol.TermEnd))
		}
	}
	switch {
	case f.Suspended:
		return FieldErrorf("app_no", "%s第（二）项：该专利的有关程序自 %s 起因权属纠纷或财产保全被中止（细则第一百零三条、第一百零四条），不能声明开放许可", art86, FormatDate(f.Suspend))
	case f.Pledged && ol.PledgeeConsent == "":
		return FieldErrorf("pledgee_consent", "%s第（四）项：该专利自 %s 起处于质押状态，须提供质权人同意声明开放许可的书面文件", art86, FormatDate(f.PledgedSince))
	}
	if err := checkTerm(ol, last, day); err != nil {
		return err
	}
	if !p.Kind.IsInvention() && (ol.EvaluationReport == "" || !ol.EvaluationFavourable) {
		return FieldErrorf("evaluation_report", "依据《专利法》第五十条：实用新型、外观设计专利声明开放许可，应当提供专利权评价报告，且其结论为符合授予专利权的条件")
	}
	for _, c := range NeededConfirmations(p, recorded, day) {
		if !slices.Contains(ol.Confirmations, c) {
			return FieldErrorf("confirmations", "请确认：%s。%s", ConfirmationLabel(c), ConfirmationWarning)
		}
	}
	return nil
}

// CheckDeclarablePatent checks that an open licence may be declared on p at
// all on the day (asOf): granted (细则 art. 85), annual fees not lapsed (art.
// 86(3)), in force, neither terminated nor expired. CheckOpenLicenceFacts
// applies it first, and a draft is refused by it already. Returns EINVALID on
// app_no.
func CheckDeclarablePatent(p *Patent, asOf time.Time) error {
	day := truncateDay(asOf)
	last := LastDayOfTerm(p)
	f := FactsFromEvents(p, day)
	switch {
	case p.Status == StatusPending || p.Status == "" && p.GrantDate.IsZero():
		return FieldErrorf("app_no", "%s：开放许可声明只能针对已授权的专利，该专利尚未授权", art85)
	case p.Status == StatusLapsedUnpaid || f.FeesUnpaid:
		return FieldErrorf("app_no", "%s第（三）项：该专利未按规定缴纳年费（专利权已因未缴年费终止），不能声明开放许可", art86)
	case p.Status != StatusInForce:
		return FieldErrorf("app_no", "%s：该专利权已不再有效（%s），不能声明开放许可", art85, p.Status.Label())
	case !p.LapseDate.IsZero() && !p.LapseDate.After(day):
		return FieldErrorf("app_no", "%s：该专利权已于 %s 终止，不能声明开放许可", art85, FormatDate(p.LapseDate))
	case !last.IsZero() && day.After(last):
		return FieldErrorf("app_no", "%s：该专利权已于 %s 期限届满，不能声明开放许可", art85, FormatDate(last))
	}
	return nil
}

// checkTerm checks the licence term: its days in order, not over already,
// not started before the day (a declaration licenses from its announcement
// on), and not past the patent's last day in force (last, zero when unknown).
func checkTerm(ol *OpenLicence, last, day time.Time) error {
	switch {
	case ol.TermStart.IsZero() || ol.TermEnd.IsZero():
		return FieldErrorf("term_start", "%s：请填写许可期限的起止日期", art85)
	case ol.TermEnd.Before(ol.TermStart):
		return FieldErrorf("term_end", "许可期限的结束日期不能早于开始日期")
	case ol.TermEnd.Before(day):
		return FieldErrorf("term_end", "许可期限已于 %s 结束", FormatDate(ol.TermEnd))
	case ol.TermStart.Before(day):
		return FieldErrorf("term_start", "许可期限的开始日期不能早于今天（%s）", FormatDate(day))
	case last.IsZero():
		return FieldErrorf("term_end", "该专利的申请日未知，无法核对许可期限是否超过专利权期限")
	case ol.TermEnd.After(last):
		return FieldErrorf("term_end", "依据《专利法》第四十二条：许可期限不得超过专利权的期限，该专利权最迟于 %s 届满", FormatDate(last))
	}
	return nil
}

// OpenLicenceWarnings returns advice that does not refuse the declaration: a
// term shorter than one year (the 2022 pilot wanted at least one year).
func OpenLicenceWarnings(ol *OpenLicence) []string {
	if !ol.TermStart.IsZero() && !ol.TermEnd.IsZero() && ol.TermEnd.Before(ol.TermStart.AddDate(1, 0, -1)) {
		return []string{"许可期限不足一年：2022年开放许可试点要求许可期限一般不少于一年，建议延长"}
	}
	return nil
}

// truncateDay returns the UTC date of t.
func truncateDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
