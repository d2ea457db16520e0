package patentbridge

import (
	"testing"
	"time"
)

func TestEventDealsNameTheirParties(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	p := &Patent{AppNo: "2022232206652",
		Applicants: []Party{{Name: "四川大学", Type: PartyUniversity}},
		Patentees:  []Party{{Name: "成都芯动科技有限公司", Type: PartyEnterprise, SME: true}},
		Events: []LegalEvent{
			{Type: EventGrant, Date: day("2023-05-12")},
			{Type: EventTransfer, Date: day("2024-06-01")}, // from the 转让日期 column: the only transfer
			{Type: EventLicence, Date: day("2025-03-05"), Text: "专利实施许可合同备案的生效 合同备案号：X2025510000123 让与人：成都芯动科技有限公司 受让人：绵阳某装备有限公司 许可种类：独占许可 备案日期"},
			{Type: EventLicence, Date: day("2025-08-01"), Text: "专利实施许可合同备案的生效、变更及注销"}, // no licensee: no deal
		}}
	ds := EventDeals(p)
	if len(ds) != 2 {
		t.Fatalf("%d deals: %+v", len(ds), ds)
	}
	tr, lic := ds[0], ds[1]
	if tr.Kind != DealTransfer || tr.FromName != "四川大学" || tr.FromType != PartyUniversity || tr.ToName != "成都芯动科技有限公司" ||
		tr.ToSME == nil || !*tr.ToSME || FormatDate(tr.ContractDate) != "2024-06-01" || tr.Source != DealFromLegalEvent {
		t.Errorf("transfer %+v", tr)
	}
	if lic.Kind != DealExclusive || lic.FromName != "成都芯动科技有限公司" || lic.ToName != "绵阳某装备有限公司" || lic.ToType != PartyEnterprise ||
		lic.RecordationNo != "X2025510000123" || lic.ToSME != nil {
		t.Errorf("licence %+v", lic)
	}
	// Two transfers without parties in their text: neither pair is known.
	p.Events = []LegalEvent{{Type: EventTransfer, Date: day("2024-06-01")}, {Type: EventTransfer, Date: day("2025-06-01")}}
	if ds := EventDeals(p); len(ds) != 0 {
		t.Errorf("unknown parties made deals: %+v", ds)
	}
	p.Events = []LegalEvent{{Type: EventTransfer, Date: day("2025-06-01"), Text: "专利权的转移 变更前权利人：四川大学 变更后权利人：四川大学"}}
	if ds := EventDeals(p); len(ds) != 0 {
		t.Errorf("a transfer to itself: %+v", ds)
	}
}
