package patentbridge_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
)

var filingToday = time.Date(2026, 11, 27, 0, 0, 0, 0, patentbridge.Beijing)

func validFiling() *patentbridge.ProductFiling {
	return &patentbridge.ProductFiling{OrgName: " 成都芯动科技有限公司 ", Product: "车规级MCU", Model: "XD-1",
		Patents: []patentbridge.FiledPatent{{AppNo: "202110000001.6"}, {AppNo: "ZL202110000002.0", Source: patentbridge.SourceLicensed}},
		Years:   []patentbridge.FilingYear{{Year: 2025, OutputFen: 100_0000_00, SalesFen: 80_0000_00}}, FiledOn: filingToday}
}

// Every refusal names the filing template's column a reject report shows.
func TestFilingValidateNamesTheTemplateColumn(t *testing.T) {
	f := validFiling()
	if err := f.Validate(filingToday); err != nil {
		t.Fatal(err)
	}
	if f.OrgName != "成都芯动科技有限公司" || f.Patents[0].Source != patentbridge.SourceOwn || f.Patents[1].AppNo != "2021100000020" {
		t.Fatalf("normalized: %+v", f)
	}
	for _, tc := range []struct {
		column string
		change func(f *patentbridge.ProductFiling)
	}{
		{"企业名称", func(f *patentbridge.ProductFiling) { f.OrgName = "" }},
		{"统一社会信用代码", func(f *patentbridge.ProductFiling) { f.CreditCode = "91510100MA61234567" }},
		{"产品名称", func(f *patentbridge.ProductFiling) { f.Product = " " }},
		{"产品名称", func(f *patentbridge.ProductFiling) { f.Product = strings.Repeat("芯", 201) }},
		{"型号", func(f *patentbridge.ProductFiling) { f.Model = "A\u200bB" }},
		{"申请号", func(f *patentbridge.ProductFiling) { f.Patents = nil }},
		{"申请号", func(f *patentbridge.ProductFiling) { f.Patents[1].AppNo = "123" }},
		{"申请号", func(f *patentbridge.ProductFiling) { f.Patents[1].AppNo = f.Patents[0].AppNo }},
		{"专利来源", func(f *patentbridge.ProductFiling) { f.Patents[0].Source = "gift" }},
		{"专利来源", func(f *patentbridge.ProductFiling) { f.Patents[0].DealID = 3 }},
		{"年度", func(f *patentbridge.ProductFiling) { f.Years[0].Year = 2027 }},
		{"年度", func(f *patentbridge.ProductFiling) { f.Years = append(f.Years, f.Years[0]) }},
		{"产值(万元)", func(f *patentbridge.ProductFiling) { f.Years[0].OutputFen = -1 }},
		{"销售额(万元)", func(f *patentbridge.ProductFiling) { f.Years[0].SalesFen = patentbridge.FilingAmountMaxFen + 1 }},
		{"备案日期", func(f *patentbridge.ProductFiling) { f.FiledOn = time.Time{} }},
		{"备案日期", func(f *patentbridge.ProductFiling) { f.FiledOn = filingToday.AddDate(0, 0, 1) }},
	} {
		f := validFiling()
		tc.change(f)
		err := f.Validate(filingToday)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != tc.column {
			t.Errorf("%s: %v (field %q)", tc.column, err, patentbridge.ErrorField(err))
		}
	}
}

// 受让 comes from a transfer, 许可 from a licence of any kind, 自有 from no deal.
func TestPatentSourceAdmitsDealKinds(t *testing.T) {
	for _, tc := range []struct {
		s    patentbridge.PatentSource
		k    patentbridge.DealKind
		want bool
	}{
		{patentbridge.SourceAssigned, patentbridge.DealTransfer, true},
		{patentbridge.SourceAssigned, patentbridge.DealOrdinary, false},
		{patentbridge.SourceLicensed, patentbridge.DealExclusive, true},
		{patentbridge.SourceLicensed, patentbridge.DealOpen, true},
		{patentbridge.SourceLicensed, patentbridge.DealTransfer, false},
		{patentbridge.SourceLicensed, patentbridge.DealEquity, false},
		{patentbridge.SourceOwn, patentbridge.DealTransfer, false},
	} {
		if got := tc.s.Admits(tc.k); got != tc.want {
			t.Errorf("%s admits %s = %v", tc.s.Label(), tc.k.Label(), got)
		}
	}
	for in, want := range map[string]patentbridge.PatentSource{"": patentbridge.SourceOwn, "自有": patentbridge.SourceOwn, " 受让": patentbridge.SourceAssigned, "licensed": patentbridge.SourceLicensed} {
		if got, ok := patentbridge.ParsePatentSource(in); !ok || got != want {
			t.Errorf("ParsePatentSource(%q) = %s %v", in, got, ok)
		}
	}
	if _, ok := patentbridge.ParsePatentSource("赠与"); ok {
		t.Error("赠与 read as a source")
	}
}

// Commissioners, service records, outlets and managers name their columns too.
func TestServiceValidateNamesTheTemplateColumn(t *testing.T) {
	c := &patentbridge.Commissioner{Name: "王芳", City: "5101", RegisteredOn: filingToday, LeftOn: filingToday.AddDate(0, 0, -1)}
	if err := c.Validate(filingToday); patentbridge.ErrorField(err) != "离任日期" {
		t.Errorf("left before registered: %v", err)
	}
	c = &patentbridge.Commissioner{Name: "王芳", City: "510", RegisteredOn: filingToday}
	if err := c.Validate(filingToday); patentbridge.ErrorField(err) != "所在市(州)" {
		t.Errorf("3-digit city: %v", err)
	}
	r := &patentbridge.ServiceRecord{CommissionerName: "王芳", OrgName: "成都芯动科技有限公司", Type: "咨询", ServedOn: filingToday}
	if err := r.Validate(filingToday); patentbridge.ErrorField(err) != "服务类型" {
		t.Errorf("unknown type: %v", err)
	}
	r.Type, r.Outcome = patentbridge.ServiceValuation, strings.Repeat("好", patentbridge.ServiceOutcomeMax+1)
	if err := r.Validate(filingToday); patentbridge.ErrorField(err) != "服务成效" {
		t.Errorf("long outcome: %v", err)
	}
	r.Outcome = "完成估值\n报告一份"
	if err := r.Validate(filingToday); err != nil {
		t.Errorf("a two-line outcome: %v", err)
	}
	if k, ok := patentbridge.ParseServiceType("专利申请与维护"); !ok || k != patentbridge.ServiceFiling {
		t.Errorf("专利申请与维护 = %s", k)
	}
	o := &patentbridge.ServiceOutlet{Name: "绵阳网点", Kind: "站", OpenedOn: filingToday}
	if err := o.Validate(filingToday); patentbridge.ErrorField(err) != "类型" {
		t.Errorf("unknown kind: %v", err)
	}
	m := &patentbridge.TechManager{Name: "李强", RegisteredOn: filingToday.AddDate(0, 0, 1)}
	if err := m.Validate(filingToday); patentbridge.ErrorField(err) != "登记日期" {
		t.Errorf("registered tomorrow: %v", err)
	}
}
