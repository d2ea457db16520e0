package patentbridge

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Licence text limits.
const (
	MaxLicenceReference  = 200             // a payment reference, a recordation number
	MaxDisputeText       = 4000            // a dispute's description or outcome
	MaxLicencePaymentFen = 100_000_000_000 // RMB 1 billion in one payment
)

// ExclusiveWhileOpenMessage refuses an exclusive or sole licence on a patent
// whose open licence is announced.
const ExclusiveWhileOpenMessage = "依据《专利法》第五十一条第三款，开放许可实施期间，不得就该专利给予独占或者排他许可"

// CheckNegotiatedKind refuses a registered licence kind other than exclusive,
// sole or ordinary, and an exclusive or sole one while an open licence is
// announced on the patent (openAnnounced). Returns EINVALID, ECONFLICT.
func CheckNegotiatedKind(k LicenceKind, openAnnounced bool) error {
	switch k {
	case LicenceExclusive, LicenceSole:
		if openAnnounced {
			return Errorf(ECONFLICT, "%s", ExclusiveWhileOpenMessage)
		}
	case LicenceOrdinary:
	default:
		return FieldErrorf("kind", "许可类型 %q 无效：应为独占许可（exclusive）、排他许可（sole）或普通许可（ordinary）；开放许可请在开放许可声明页办理", ClipValue(string(k)))
	}
	return nil
}

// PaymentNotBefore is the first day a payment on l may be dated: the day of
// the written notice of an open or pool licence (there was no licence to pay
// for before it), the Patent Law's entry into force for the others (a
// negotiated licence registered here may have been paid long before).
func PaymentNotBefore(l *Licence) time.Time {
	if (l.Kind == LicenceOpen || l.PoolID != 0) && !l.NoticeAt.IsZero() {
		return DateOf(l.NoticeAt)
	}
	return PatentLawInForce
}

// Check validates a payment to record on licence l: a positive amount within
// the limit, a day not after today nor before PaymentNotBefore(l), and a
// reference. Returns EINVALID naming the field.
func (p *LicencePayment) Check(l *Licence, today time.Time) error {
	p.Reference = strings.TrimSpace(p.Reference)
	first := PaymentNotBefore(l)
	switch {
	case p.AmountFen <= 0:
		return FieldErrorf("amount_fen", "付款金额应大于零")
	case p.AmountFen > MaxLicencePaymentFen:
		return FieldErrorf("amount_fen", "单笔付款金额不能超过 %s", FormatFen(MaxLicencePaymentFen))
	case p.PaidOn.IsZero():
		return FieldErrorf("paid_on", "请填写付款日期")
	case DateOf(p.PaidOn).After(DateOf(today)):
		return FieldErrorf("paid_on", "付款日期 %s 晚于今天", FormatDate(p.PaidOn))
	case DateOf(p.PaidOn).Before(first) && first.Equal(PatentLawInForce):
		return FieldErrorf("paid_on", "付款日期 %s 早于《专利法》施行之日（1985-04-01）", FormatDate(p.PaidOn))
	case DateOf(p.PaidOn).Before(first):
		return FieldErrorf("paid_on", "付款日期 %s 早于书面通知之日 %s：许可使用费只能在发出书面通知后支付", FormatDate(p.PaidOn), FormatDate(first))
	case p.Reference == "":
		return FieldErrorf("reference", "请填写付款凭证号（银行流水号或收据号）")
	}
	return CheckText("reference", "付款凭证号", p.Reference, MaxLicenceReference, false)
}

// CheckLicensable refuses registering a licence of a patent that is not in
// force (granted and maintained: StatusInForce), naming the patent and its
// legal status. Returns EINVALID naming app_nos.
func CheckLicensable(p *Patent) error {
	if p.Status == StatusInForce {
		return nil
	}
	label := p.Status.Label()
	if label == "" {
		label = "未知"
	}
	return FieldErrorf("app_nos", "专利 %s（%s）的法律状态为“%s”，不是有效专利，不能登记其许可", FormatAppNo(p.AppNo), ClipValue(p.Title), label)
}

// Check validates a dispute to record. Returns EINVALID naming the field.
func (d *LicenceDispute) Check() error {
	d.Description = strings.TrimSpace(d.Description)
	switch d.Channel {
	case DisputeNegotiation, DisputeMediation, DisputeLitigation:
	default:
		return FieldErrorf("channel", "纠纷解决方式 %q 无效：应为协商（negotiation）、专利局调解（mediation）或诉讼（litigation）（《专利法》第五十二条）", ClipValue(d.Channel))
	}
	if d.Description == "" {
		return FieldErrorf("description", "请填写纠纷情况")
	}
	return CheckText("description", "纠纷情况", d.Description, MaxDisputeText, true)
}

// CheckRecordation validates a recordation number and date (细则 art. 87)
// entered on the day of today. Returns EINVALID naming the field.
func CheckRecordation(number string, date, effective, today time.Time) error {
	switch {
	case number == "":
		return FieldErrorf("recordation_no", "请填写备案号")
	case utf8.RuneCountInString(number) > 64:
		return FieldErrorf("recordation_no", "备案号不能超过64个字符")
	case date.IsZero():
		return FieldErrorf("recorded_on", "请填写备案日期")
	case DateOf(date).After(DateOf(today)):
		return FieldErrorf("recorded_on", "备案日期 %s 晚于今天", FormatDate(date))
	case DateOf(date).Before(DateOf(effective)):
		return FieldErrorf("recorded_on", "备案日期 %s 早于许可生效日 %s", FormatDate(date), FormatDate(effective))
	}
	return CheckText("recordation_no", "备案号", number, 64, false)
}
