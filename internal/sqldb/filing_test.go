package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// filingFixture is the offer fixture plus a patent of the Chengdu firm's own,
// a Mianyang SME with a credit code, a transfer of SCU's patent to the
// Chengdu firm and a licence of the SOE's patent to the Mianyang SME.
type filingFixture struct {
	offerFixture
	chengdu         *patentbridge.User // city user of 5101
	own             *patentbridge.Patent
	transfer, licMY *patentbridge.Deal
}

func newFilingFixture(t *testing.T, db *sqldb.DB) filingFixture {
	t.Helper()
	f := filingFixture{offerFixture: newOfferFixture(t, db)}
	firm := patentbridge.Party{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}
	f.own = craftedPatent(34, "一种电池极片涂布装置", func(p *patentbridge.Patent) {
		p.Patentees, p.Applicants = []patentbridge.Party{firm}, []patentbridge.Party{firm}
	})
	MustUpsert(t, db, f.own)
	if _, err := db.SyncOrganizations(platformCtx()); err != nil {
		t.Fatal(err)
	}
	my := &patentbridge.Organization{Name: "绵阳长虹智能装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107",
		CreditCode: "91510700MA62B00026", SME: true}
	if err := db.CreateOrganization(platformCtx(), my); err != nil {
		t.Fatal(err)
	}
	f.chengdu = MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)
	f.transfer = &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
		ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, AmountFen: 50_0000_00, ContractDate: date("2025-03-01")}
	f.licMY = &patentbridge.Deal{AppNo: f.soeP.AppNo, Kind: patentbridge.DealOrdinary, FromName: "东方电气集团有限公司", FromType: patentbridge.PartySOE,
		ToName: "绵阳长虹智能装备有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: date("2025-05-01")}
	for _, d := range []*patentbridge.Deal{f.transfer, f.licMY} {
		if err := db.CreateDeal(as(f.admin), d); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// chengduFiling is the Chengdu firm's product using SCU's assigned patent
// and the SOE's patent, licensed.
func (f filingFixture) chengduFiling() *patentbridge.ProductFiling {
	return &patentbridge.ProductFiling{OrgName: "成都芯动科技有限公司", Product: "锂电池正极材料", Model: "NCM-811", Industry: "新能源",
		Patents: []patentbridge.FiledPatent{{AppNo: f.scuA.AppNo, Source: patentbridge.SourceAssigned}, {AppNo: f.own.AppNo}},
		Years:   []patentbridge.FilingYear{{Year: 2025, OutputFen: 300_0000_00, SalesFen: 250_0000_00}}, FiledOn: date("2025-09-01")}
}

// A filing takes its enterprise's city and SME flag from the registry and
// links an assigned patent to the transfer the enterprise received; a deal of
// another enterprise or of the wrong kind is refused, and the same product
// twice names the first filing.
func TestCreateFilingLinksItsDealsAndRefusesAnotherEnterprises(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		wantCode(t, db.CreateFiling(as(f.firm), f.chengduFiling()), patentbridge.EFORBIDDEN)
		pf := f.chengduFiling()
		if err := db.CreateFiling(as(f.admin), pf); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindFiling(as(f.admin), pf.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.City != "5101" || got.OrgID != f.firm.OrgID || got.SME || len(got.Patents) != 2 || len(got.Years) != 1 || got.Years[0].SalesFen != 250_0000_00 {
			t.Fatalf("stored filing: %+v", got)
		}
		for _, p := range got.Patents {
			if p.AppNo == f.scuA.AppNo && (p.Source != patentbridge.SourceAssigned || p.DealID != f.transfer.ID) {
				t.Errorf("assigned patent not linked to the transfer: %+v", p)
			}
			if p.AppNo == f.own.AppNo && (p.Source != patentbridge.SourceOwn || p.DealID != 0) {
				t.Errorf("own patent: %+v", p)
			}
		}
		for _, tc := range []struct {
			name, field string
			patent      patentbridge.FiledPatent
		}{
			{"another enterprise's licence", "交易编号", patentbridge.FiledPatent{AppNo: f.soeP.AppNo, Source: patentbridge.SourceLicensed, DealID: f.licMY.ID}},
			{"a transfer as a licence", "专利来源", patentbridge.FiledPatent{AppNo: f.scuA.AppNo, Source: patentbridge.SourceLicensed, DealID: f.transfer.ID}},
			{"another patent's deal", "交易编号", patentbridge.FiledPatent{AppNo: f.scuB.AppNo, Source: patentbridge.SourceAssigned, DealID: f.transfer.ID}},
			{"no such deal", "交易编号", patentbridge.FiledPatent{AppNo: f.scuB.AppNo, Source: patentbridge.SourceAssigned, DealID: 999}},
		} {
			x := f.chengduFiling()
			x.Model, x.Patents = "V2", []patentbridge.FiledPatent{tc.patent}
			err := db.CreateFiling(as(f.admin), x)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != tc.field {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		again := f.chengduFiling()
		err = db.CreateFiling(as(f.admin), again)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || again.ID != pf.ID {
			t.Fatalf("the same product again: %v (id %d)", err, again.ID)
		}
		for _, x := range []*patentbridge.ProductFiling{
			{OrgName: "四川大学", Product: "x", Patents: []patentbridge.FiledPatent{{AppNo: f.scuA.AppNo}}, FiledOn: date("2025-01-01")},
			{OrgName: "未登记的公司", Product: "x", Patents: []patentbridge.FiledPatent{{AppNo: f.scuA.AppNo}}, FiledOn: date("2025-01-01")},
		} {
			if err := db.CreateFiling(as(f.admin), x); patentbridge.ErrorField(err) != "企业名称" {
				t.Errorf("a filing of %s: %v", x.OrgName, err)
			}
		}
		// A licensed patent with no deal given is linked to the enterprise's licence.
		my := &patentbridge.ProductFiling{CreditCode: "91510700MA62B00026", Product: "燃机叶片", FiledOn: date("2026-02-01"),
			Patents: []patentbridge.FiledPatent{{AppNo: f.soeP.AppNo, Source: patentbridge.SourceLicensed}}}
		if err := db.CreateFiling(as(f.admin), my); err != nil {
			t.Fatal(err)
		}
		if my.OrgName != "绵阳长虹智能装备有限公司" || my.City != "5107" || !my.SME || my.Patents[0].DealID != f.licMY.ID {
			t.Fatalf("Mianyang filing: %+v", my)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'filing.create'"); n != 2 {
			t.Errorf("%d filing.create audit rows", n)
		}
		if es, _, err := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Action: "filing.create"}); err != nil || len(es) != 2 ||
			!strings.Contains(string(es[0].After), `"filed_on":"2026-02-01"`) {
			t.Errorf("filing.create audit rows without their dates: %v", err)
		}
		sme := true
		for _, tc := range []struct {
			f    patentbridge.FilingFilter
			want int
		}{
			{patentbridge.FilingFilter{}, 2}, {patentbridge.FilingFilter{Year: 2026}, 1}, {patentbridge.FilingFilter{City: "5101"}, 1},
			{patentbridge.FilingFilter{SME: &sme}, 1}, {patentbridge.FilingFilter{AppNo: f.own.AppNo}, 1}, {patentbridge.FilingFilter{Industry: "新能源"}, 1},
		} {
			if ls, total, err := db.ListFilings(as(f.admin), tc.f); err != nil || total != tc.want || len(ls) != tc.want {
				t.Errorf("ListFilings(%+v) = %d %v", tc.f, total, err)
			}
		}
	})
}

// The yearly update sets a year's output and sales, replacing a year stored;
// a city user updates and reads only its city's filings.
func TestSetFilingYearAndCityScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		pf := f.chengduFiling()
		if err := db.CreateFiling(as(f.chengdu), pf); err != nil {
			t.Fatal(err)
		}
		got, err := db.SetFilingYear(as(f.chengdu), pf.ID, patentbridge.FilingYear{Year: 2026, OutputFen: 500_0000_00, SalesFen: 420_0000_00})
		if err != nil || len(got.Years) != 2 || got.Years[1].OutputFen != 500_0000_00 {
			t.Fatalf("2026 set: %+v %v", got, err)
		}
		if got, err = db.SetFilingYear(as(f.admin), pf.ID, patentbridge.FilingYear{Year: 2025, OutputFen: 310_0000_00}); err != nil || len(got.Years) != 2 || got.Years[0].OutputFen != 310_0000_00 || got.Years[0].SalesFen != 0 {
			t.Fatalf("2025 replaced: %+v %v", got, err)
		}
		if _, err := db.SetFilingYear(as(f.admin), pf.ID, patentbridge.FilingYear{Year: 2027}); patentbridge.ErrorField(err) != "年度" {
			t.Errorf("next year: %v", err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'filing.year'"); n != 2 {
			t.Errorf("%d filing.year audit rows", n)
		}
		my := &patentbridge.ProductFiling{OrgName: "绵阳长虹智能装备有限公司", Product: "燃机叶片", FiledOn: date("2026-02-01"),
			Patents: []patentbridge.FiledPatent{{AppNo: f.soeP.AppNo, Source: patentbridge.SourceLicensed}}}
		err = db.CreateFiling(as(f.chengdu), my)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if patentbridge.ErrorField(err) != "企业名称" { // the import's reject report names the column
			t.Errorf("another city's enterprise: field %q", patentbridge.ErrorField(err))
		}
		if err := db.CreateFiling(as(f.admin), my); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindFiling(as(f.chengdu), my.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu reads a Mianyang filing: %v", err)
		}
		if _, err := db.SetFilingYear(as(f.chengdu), my.ID, patentbridge.FilingYear{Year: 2026}); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu updates a Mianyang filing: %v", err)
		}
		if _, _, err := db.ListFilings(as(f.chengdu), patentbridge.FilingFilter{City: "5107"}); patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || patentbridge.ErrorField(err) != "city" {
			t.Errorf("chengdu lists filings asking for Mianyang's: %v", err)
		}
	})
}

func TestCreateFilingWhoseAuditFailsStoresNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		MustFailAudit(t, db)
		if err := db.CreateFiling(as(f.admin), f.chengduFiling()); err == nil {
			t.Fatal("a filing stored without its audit row")
		}
		ctx := context.Background()
		for _, table := range []string{"product_filings", "product_filing_patents", "product_filing_years"} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM "+table); n != 0 {
				t.Errorf("%d rows in %s", n, table)
			}
		}
	})
}

// An own (自有) patent the store has must be the enterprise's or a child
// organization's: another owner's is refused naming 申请号, the patent and
// its owner; a patent the store lacks is taken on the enterprise's word.
func TestCreateFilingRefusesAnotherOwnersPatentAsOwn(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		branch := &patentbridge.Organization{Name: "成都芯动科技有限公司眉山分公司", Type: patentbridge.PartyEnterprise, CityCode: "5114", ParentID: f.firm.OrgID}
		if err := db.CreateOrganization(platformCtx(), branch); err != nil {
			t.Fatal(err)
		}
		ms := patentbridge.Party{Name: branch.Name, Type: patentbridge.PartyEnterprise}
		child := craftedPatent(35, "一种极耳焊接夹具", func(p *patentbridge.Patent) {
			p.Patentees, p.Applicants = []patentbridge.Party{ms}, []patentbridge.Party{ms}
		})
		MustUpsert(t, db, child)
		if _, err := db.SyncOrganizations(platformCtx()); err != nil {
			t.Fatal(err)
		}
		filing := func(model, no string) *patentbridge.ProductFiling {
			x := f.chengduFiling()
			x.Model, x.Patents = model, []patentbridge.FiledPatent{{AppNo: no, Source: patentbridge.SourceOwn}}
			return x
		}
		err := db.CreateFiling(as(f.admin), filing("SCU", f.scuB.AppNo))
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "申请号" ||
			!strings.Contains(patentbridge.ErrorMessage(err), f.scuB.AppNo) || !strings.Contains(patentbridge.ErrorMessage(err), "四川大学") {
			t.Errorf("SCU's patent filed as the firm's own: %v", err)
		}
		if err := db.CreateFiling(as(f.admin), filing("SOE", f.soeP.AppNo)); patentbridge.ErrorField(err) != "申请号" {
			t.Errorf("the SOE's patent filed as the firm's own: %v", err)
		}
		for _, tc := range []struct{ name, no string }{
			{"the firm's", f.own.AppNo}, {"its branch's", child.AppNo}, {"not in the store", appNo(2022, 2, 5176326)},
		} {
			x := filing(tc.name, tc.no)
			if err := db.CreateFiling(as(f.admin), x); err != nil {
				t.Errorf("own patent %s: %v", tc.name, err)
			}
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM product_filings"); n != 3 {
			t.Errorf("%d filings stored, want 3", n)
		}
	})
}

// A licensed or assigned patent's deal must have been concluded on or before
// the filing date: a later deal given is refused naming 交易编号 and is not
// picked when none is given (the filing is then kept unlinked, as for a
// patent whose deal the platform lacks).
func TestCreateFilingRefusesADealConcludedAfterIt(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFilingFixture(t, db)
		x := f.chengduFiling()
		x.FiledOn = date("2025-02-01") // the transfer's contract is of 2025-03-01
		x.Patents[0].DealID = f.transfer.ID
		err := db.CreateFiling(as(f.admin), x)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "交易编号" ||
			!strings.Contains(patentbridge.ErrorMessage(err), "2025-03-01") {
			t.Fatalf("a filing before its transfer: %v", err)
		}
		x = f.chengduFiling()
		x.FiledOn = date("2025-02-01")
		if err := db.CreateFiling(as(f.admin), x); err != nil {
			t.Fatal(err)
		}
		if x.Patents[0].DealID != 0 {
			t.Errorf("a filing of 2025-02-01 linked to deal %d of 2025-03-01", x.Patents[0].DealID)
		}
		same := f.chengduFiling()
		same.Model, same.FiledOn = "V3", date("2025-03-01")
		if err := db.CreateFiling(as(f.admin), same); err != nil || same.Patents[0].DealID != f.transfer.ID {
			t.Errorf("a filing on the transfer's day: deal %d, %v", same.Patents[0].DealID, err)
		}
	})
}
