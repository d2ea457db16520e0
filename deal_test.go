package patentbridge

import (
	"testing"
	"time"
)

func validDeal() Deal {
	return Deal{AppNo: "CN202223220665.2", Kind: DealTransfer, FromName: " 四川大学 ", FromType: PartyUniversity,
		ToName: "成都芯动科技有限公司", ToType: PartyEnterprise, AmountFen: 50_0000_00, ContractDate: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC)}
}

func TestDealValidateNamesTheColumn(t *testing.T) {
	today := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	d := validDeal()
	if err := d.Validate(today); err != nil || d.AppNo != "2022232206652" || d.FromName != "四川大学" {
		t.Fatalf("valid deal: %v %+v", err, d)
	}
	cases := map[string]func(*Deal){
		"申请号":         func(d *Deal) { d.AppNo = "20222322066" },
		"交易类型":        func(d *Deal) { d.Kind = "gift" },
		"让与方":         func(d *Deal) { d.FromName = " " },
		"受让方类型":       func(d *Deal) { d.ToType = PartyHospital },
		"受让方地区代码":     func(d *Deal) { d.ToRegionCode = "519900" },
		"金额(万元)":      func(d *Deal) { d.AmountFen = -1 },
		"合同日期":        func(d *Deal) { d.ContractDate = today.AddDate(0, 0, 1) },
		"受让方统一社会信用代码": func(d *Deal) { d.ToCreditCode = "91510100MA61234567" },
	}
	for field, spoil := range cases {
		d := validDeal()
		spoil(&d)
		if err := d.Validate(today); ErrorField(err) != field {
			t.Errorf("%s: %v", field, err)
		}
	}
	d = validDeal()
	d.ContractDate = today // today is allowed
	if err := d.Validate(today); err != nil {
		t.Errorf("a contract of today: %v", err)
	}
}

func TestDealSameAs(t *testing.T) {
	a, b := validDeal(), validDeal()
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if a.Validate(today) != nil || b.Validate(today) != nil {
		t.Fatal("the fixture is not valid")
	}
	if !a.SameAs(&b) {
		t.Fatal("the same deal by two paths")
	}
	b.ContractDate = b.ContractDate.AddDate(0, 0, 1)
	if a.SameAs(&b) {
		t.Error("another contract date without recordation numbers")
	}
	a.RecordationNo, b.RecordationNo = "2026510000123", "2026510000123"
	if !a.SameAs(&b) {
		t.Error("the same recordation number")
	}
	b.ToOrgID, a.ToOrgID = 7, 8
	if a.SameAs(&b) {
		t.Error("other receiving organizations")
	}
	if k, ok := ParseDealKind("作价入股"); !ok || k != DealEquity {
		t.Errorf("ParseDealKind(作价入股) = %q %v", k, ok)
	}
}
