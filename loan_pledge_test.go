package patentbridge

import (
	"strings"
	"testing"
	"time"
)

func pledgeDay() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }

// pledgeable returns a granted invention in force, filed 2020, with a known
// history of events (so the suspension records are known).
func pledgeable() *Patent {
	return &Patent{AppNo: "2020100000011", Kind: KindInvention, Title: "一种锂离子电池正极材料", Status: StatusInForce,
		AppDate:   time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC),
		Patentees: []Party{{Name: "成都芯动科技有限公司", Type: PartyEnterprise}},
		Events:    []LegalEvent{{Type: EventGrant, Date: time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), Text: "授权"}}}
}

func TestPledgeRegistrationRefusals(t *testing.T) {
	d := func(s string) time.Time { v, _ := ParseDate(s); return v }
	for _, tc := range []struct {
		name   string
		change func(l *Loan, c *PledgeCandidate)
		want   string // "" passes
		code   string
	}{
		{"declared, owned, in force", func(*Loan, *PledgeCandidate) {}, "", ""},
		{"pledgor not the patentee", func(_ *Loan, c *PledgeCandidate) { c.PledgorOwns = false }, "不是该专利的登记专利权人（专利权人：成都芯动科技有限公司）", EINVALID},
		{"annual fees unpaid", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Status = StatusLapsedUnpaid
		}, "未缴纳年费", EINVALID},
		{"a fee lapse event", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventLapse, Date: d("2026-05-01"), Text: "未缴年费专利权终止"})
		}, "未缴纳年费", EINVALID},
		{"not granted", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Status, c.Patent.StatusText = StatusPending, "审中-实审"
		}, "不在有效状态（审中-实审）", EINVALID},
		{"proceedings suspended", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventOther, Date: d("2026-09-01"), Text: "专利权有关程序中止"})
		}, "已中止或被采取保全措施（2026-09-01起）", EINVALID},
		{"preservation lifted", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventOther, Date: d("2026-09-01"), Text: "财产保全"},
				LegalEvent{Type: EventOther, Date: d("2026-10-01"), Text: "财产保全解除"})
		}, "", ""},
		{"no suspension record and no declaration", func(l *Loan, _ *PledgeCandidate) { l.NoSuspension = false }, "请借款企业声明", EINVALID},
		{"debt outlasts the term", func(l *Loan, c *PledgeCandidate) {
			c.Patent.Kind = KindUtility // term to 2030-02-28; 48 months from 2026-11-27 run to 2030-11-26
			l.TermMonths = 48
		}, "债务履行期（至 2030-11-26）超过专利权有效期（至 2030-02-28）", EINVALID},
		{"pledged by another loan", func(_ *Loan, c *PledgeCandidate) { c.PledgedBy = 7 }, "已为贷款 7 出质", ECONFLICT},
		{"a pledge event not released", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventPledge, Date: d("2025-04-01"), Text: "专利权质押合同登记的生效"})
		}, "已于 2025-04-01 办理质押登记，尚未注销", ECONFLICT},
		{"a pledge released", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventPledge, Date: d("2025-04-01"), Text: "专利权质押合同登记的生效"},
				LegalEvent{Type: EventOther, Date: d("2026-04-01"), Text: "专利权质押合同登记的注销"})
		}, "", ""},
		{"invalidation pending", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventInvalidation, Date: d("2026-08-01"), Text: "无效宣告请求"})
		}, "无效宣告请求正在审查中", EINVALID},
		{"invalidation pending, both parties consent", func(l *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventInvalidation, Date: d("2026-08-01"), Text: "无效宣告请求"})
			l.InvalidationConsent = true
		}, "", ""},
		{"invalidation decided: upheld", func(_ *Loan, c *PledgeCandidate) {
			c.Patent.Events = append(c.Patent.Events, LegalEvent{Type: EventInvalidation, Date: d("2026-08-01"), Text: "无效宣告请求"},
				LegalEvent{Type: EventInvalidation, Date: d("2026-10-01"), Text: "无效宣告审查决定：维持专利权有效"})
		}, "", ""},
	} {
		l := validLoan()
		l.NoSuspension = true
		c := PledgeCandidate{Patent: pledgeable(), PledgorOwns: true}
		tc.change(l, &c)
		err := CheckPledgeRegistration(l, c, pledgeDay())
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		msg := ErrorMessage(err)
		if ErrorCode(err) != tc.code || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "专利 ") || !strings.Contains(msg, "一种锂离子电池正极材料") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
