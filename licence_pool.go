package patentbridge

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// PoolLicenceYears is the term of a pool licence when the licensee asks none.
const PoolLicenceYears = 1

// PoolLicensor is the member that grants the pool's package licences on the
// members' behalf: the first member listed, the pool's 牵头单位.
func (p *Pool) PoolLicensor() PoolMember {
	if len(p.Members) == 0 {
		return PoolMember{}
	}
	return p.Members[0]
}

// PoolLicenceTerm returns the term of a pool licence on the fee terms fee
// taken on day start: up to end, or, when end is zero, PoolLicenceYears less a
// day — for 先使用后付费 with GraceMonths at least GraceMonths+12 months, so
// that a year of payments follows the grace period — cut to the last day on
// which one of the pool's patents is in force (lastDay, zero when unknown).
func PoolLicenceTerm(fee *FeeTerms, start, end, lastDay time.Time) (time.Time, time.Time) {
	start = DateOf(start)
	if !end.IsZero() {
		return start, DateOf(end)
	}
	months := 12 * PoolLicenceYears
	if g := graceMonths(fee); g > 0 {
		months = max(months, g+12)
	}
	end = AddMonths(start, months).AddDate(0, 0, -1)
	if !lastDay.IsZero() && end.After(lastDay) {
		end = DateOf(lastDay)
	}
	return start, end
}

// CheckTakePoolLicence applies the rules of taking a pool's package licence to
// the licensee's organization and the term asked: the pool must be published
// with a stated fee (面议 is negotiated and registered instead), the licensee
// must not be a member, and the term must not end before it starts, after
// the last day any of the pool's patents is in force, or before a 先使用后付费
// grace period (CheckGraceWithinTerm). Returns EINVALID, ECONFLICT.
func CheckTakePoolLicence(p *Pool, licenseeOrgID int64, start, end, lastDay time.Time) error {
	switch {
	case p.Status != PoolPublished:
		return Errorf(ECONFLICT, "专利池“%s”尚未发布，不能据以取得许可", p.Name)
	case p.Fee == nil:
		return Errorf(ECONFLICT, "专利池“%s”的许可使用费为面议：请与牵头单位%s协商，由其登记许可", p.Name, p.PoolLicensor().Name)
	case slices.ContainsFunc(p.Members, func(m PoolMember) bool { return m.OrgID == licenseeOrgID }):
		return Errorf(EINVALID, "本单位是专利池“%s”的成员单位，不能作为其打包许可的被许可人", p.Name)
	case end.Before(start):
		return FieldErrorf("term_end", "许可期限的结束日 %s 早于开始日 %s", FormatDate(end), FormatDate(start))
	case !lastDay.IsZero() && end.After(lastDay):
		return FieldErrorf("term_end", "许可期限不能超过专利池中专利的最晚保护期限（至 %s）", FormatDate(lastDay))
	}
	return CheckGraceWithinTerm(*p.Fee, start, end)
}

// PoolLicenceNoticeText is the licensee's written acceptance of a pool's
// published package terms, which it confirms before the licence is recorded.
func PoolLicenceNoticeText(p *Pool, licensee string, start, end time.Time) string {
	names := make([]string, len(p.Members))
	for i, m := range p.Members {
		names[i] = m.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "致专利池“%s”牵头单位%s及成员单位%s：\n", p.Name, p.PoolLicensor().Name, strings.Join(names, "、"))
	fmt.Fprintf(&b, "本单位%s现书面通知：本单位接受贵方于%s发布的专利池打包许可条件，以普通许可方式实施池中全部 %d 件专利：\n",
		licensee, FormatDate(p.PublishedAt), len(p.AppNos))
	if p.Fee != nil {
		fmt.Fprintf(&b, "一、许可使用费：%s；\n", FeeTermsText(*p.Fee))
	}
	fmt.Fprintf(&b, "二、许可期限：%s至%s；\n", FormatDate(start), FormatDate(end))
	fmt.Fprintf(&b, "三、打包许可条件：%s；\n", strings.TrimRight(strings.TrimSpace(p.Terms), "。；;.，, "))
	b.WriteString("本单位将按上述条件支付许可使用费，并在许可生效之日起三个月内办理许可合同备案（《专利法实施细则》第八十七条）。")
	return b.String()
}
