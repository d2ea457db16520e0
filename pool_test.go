package patentbridge

import "testing"

// A pool needs two to PoolMembersMax distinct members and distinct patents;
// its fee is checked as an open licence's (field "fee").
func TestPoolValidate(t *testing.T) {
	good := func() *Pool {
		return &Pool{Name: " 四川光伏专利池 ", Field: "光伏", Members: []PoolMember{{OrgID: 1}, {OrgID: 2}},
			AppNos: []string{"2022232206652", "CN202110843265.8"}, Terms: "打包普通许可",
			Fee: &FeeTerms{Method: FeeSales, RoyaltyBase: RoyaltyNetSales, RateBP: 2000, ReportMonths: 6}}
	}
	p := good()
	if err := p.Validate(); err != nil || p.Name != "四川光伏专利池" || p.AppNos[1] != "2021108432658" {
		t.Fatalf("Validate = %v, %+v", err, p)
	}
	many := make([]PoolMember, PoolMembersMax+1)
	for i := range many {
		many[i].OrgID = int64(i + 1)
	}
	for _, c := range []struct {
		name  string
		edit  func(p *Pool)
		field string
	}{
		{"a member twice", func(p *Pool) { p.Members[1].OrgID = 1 }, "members"},
		{"too many members", func(p *Pool) { p.Members = many }, "members"},
		{"a patent twice", func(p *Pool) { p.AppNos[1] = "2022232206652" }, "app_nos"},
		{"a rate over the notice's 20%", func(p *Pool) { p.Fee.RateBP = 2001 }, "fee"},
		{"no report period", func(p *Pool) { p.Fee.ReportMonths = 0 }, "fee"},
		{"an unknown method", func(p *Pool) { p.Fee = &FeeTerms{Method: "barter"} }, "fee"},
	} {
		p := good()
		c.edit(p)
		if err := p.Validate(); ErrorField(err) != c.field {
			t.Errorf("%s: %v, want field %s", c.name, err, c.field)
		}
	}
	p = good()
	p.Fee = nil
	if err := p.Validate(); err != nil {
		t.Errorf("no fee: %v", err)
	}
}
