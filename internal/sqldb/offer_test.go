package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// offerFixture is 四川大学 (a university of Chengdu), 东方电气集团有限公司 (an SOE
// of Deyang), an enterprise, their users and the admin, with two patents of
// SCU and one of the SOE, screened.
type offerFixture struct {
	scu, soe, firm, admin *patentbridge.User
	scuA, scuB, soeP      *patentbridge.Patent
}

func newOfferFixture(t *testing.T, db *sqldb.DB) offerFixture {
	t.Helper()
	MustOrganization(t, db, "四川大学", patentbridge.PartyUniversity, "5101")
	MustOrganization(t, db, "东方电气集团有限公司", patentbridge.PartySOE, "5106")
	MustOrganization(t, db, "成都芯动科技有限公司", patentbridge.PartyEnterprise, "5101")
	soe := patentbridge.Party{Name: "东方电气集团有限公司", Type: patentbridge.PartySOE}
	f := offerFixture{
		scu:   mustMember(t, db, "scu", patentbridge.RoleInstitution, "四川大学"),
		soe:   mustMember(t, db, "dec", patentbridge.RoleInstitution, "东方电气集团有限公司"),
		firm:  mustMember(t, db, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司"),
		admin: MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw),
		scuA: craftedPatent(31, "一种锂离子电池正极材料及其制备方法", func(p *patentbridge.Patent) {
			p.MainIPC, p.IPC = "H01M4/525", []string{"H01M4/525"}
		}),
		scuB: craftedPatent(32, "一种茶叶杀青机", func(p *patentbridge.Patent) { p.MainIPC, p.IPC = "A23F3/06", []string{"A23F3/06"} }),
		soeP: craftedPatent(33, "一种燃气轮机叶片冷却结构", func(p *patentbridge.Patent) {
			p.MainIPC, p.IPC, p.Patentees, p.Applicants = "F01D5/18", []string{"F01D5/18"}, []patentbridge.Party{soe}, []patentbridge.Party{soe}
		}),
	}
	MustUpsert(t, db, f.scuA, f.scuB, f.soeP)
	if _, err := db.SyncOrganizations(platformCtx()); err != nil {
		t.Fatal(err)
	}
	MustRun(t, db)
	return f
}

// newOffer returns a valid transfer offer of the patents at 50 万元, TRL 6.
func newOffer(ps ...*patentbridge.Patent) *patentbridge.Offer {
	o := &patentbridge.Offer{Kind: patentbridge.OfferTransfer, PriceFen: 50_0000_00, TRL: 6, Fields: "新能源汽车动力电池",
		Problem: "正极材料循环寿命短", Advantage: "循环寿命提高 30%", Contact: "科技处 028-85400000"}
	for _, p := range ps {
		o.AppNos = append(o.AppNos, p.AppNo)
	}
	return o
}

// MustPublishOffer creates and publishes an offer as ctx.
func MustPublishOffer(tb testing.TB, db *sqldb.DB, ctx context.Context, o *patentbridge.Offer) *patentbridge.Offer {
	tb.Helper()
	if err := db.CreateOffer(ctx, o); err != nil {
		tb.Fatalf("CreateOffer: %v", err)
	}
	p, err := db.PublishOffer(ctx, o.ID)
	if err != nil {
		tb.Fatalf("PublishOffer: %v", err)
	}
	return p
}

func TestOfferValidation(t *testing.T) {
	p := craftedPatent(31, "x", nil)
	for _, tc := range []struct {
		field  string
		change func(o *patentbridge.Offer)
	}{
		{"kind", func(o *patentbridge.Offer) { o.Kind = "gift" }},
		{"app_nos", func(o *patentbridge.Offer) { o.AppNos = nil }},
		{"app_nos", func(o *patentbridge.Offer) { o.AppNos = []string{"123"} }},
		{"app_nos", func(o *patentbridge.Offer) { o.AppNos = append(o.AppNos, o.AppNos[0]) }},
		{"price", func(o *patentbridge.Offer) { o.PriceFen = -1 }},
		{"price", func(o *patentbridge.Offer) { o.PriceFen = patentbridge.OfferPriceMaxFen + 1 }},
		{"price", func(o *patentbridge.Offer) { o.Negotiable = true }},
		{"price", func(o *patentbridge.Offer) { o.PriceFen = 0 }},
		{"terms", func(o *patentbridge.Offer) { o.Kind, o.PriceFen = patentbridge.OfferOpenLicence, 0 }},
		{"trl", func(o *patentbridge.Offer) { o.TRL = 0 }},
		{"trl", func(o *patentbridge.Offer) { o.TRL = 10 }},
		{"fields", func(o *patentbridge.Offer) { o.Fields = " " }},
		{"problem", func(o *patentbridge.Offer) { o.Problem = "" }},
		{"advantage", func(o *patentbridge.Offer) { o.Advantage = "" }},
		{"contact", func(o *patentbridge.Offer) { o.Contact = "" }},
		{"advantage", func(o *patentbridge.Offer) { o.Advantage = strings.Repeat("优", patentbridge.OfferTextMax+1) }},
		{"title", func(o *patentbridge.Offer) { o.Title = strings.Repeat("题", patentbridge.OfferTitleMax+1) }},
	} {
		o := newOffer(p)
		tc.change(o)
		err := o.Validate()
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != tc.field {
			t.Errorf("%s: Validate = %v (field %q), want EINVALID on %s", tc.field, err, patentbridge.ErrorField(err), tc.field)
		}
	}
	for _, change := range []func(o *patentbridge.Offer){
		func(o *patentbridge.Offer) {},
		func(o *patentbridge.Offer) { o.PriceFen, o.Negotiable = 0, true },
		func(o *patentbridge.Offer) { o.TRL = 9 },
		func(o *patentbridge.Offer) {
			o.Kind, o.PriceFen, o.Terms = patentbridge.OfferOpenLicence, 0, "按开放许可声明：净销售额 3% 提成"
		},
	} {
		o := newOffer(p)
		change(o)
		if err := o.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v", o, err)
		}
	}
	if got := newOffer(p).Reason(); got != "可转让，报价 50 万元" {
		t.Errorf("Reason = %q", got)
	}
}

func TestOfferScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		for _, tc := range []struct {
			name string
			u    *patentbridge.User
			ps   []*patentbridge.Patent
			code string
		}{
			{"own patent", f.scu, []*patentbridge.Patent{f.scuA}, ""},
			{"own package", f.scu, []*patentbridge.Patent{f.scuA, f.scuB}, ""},
			{"SOE own patent", f.soe, []*patentbridge.Patent{f.soeP}, ""},
			{"admin for the owner", f.admin, []*patentbridge.Patent{f.soeP}, ""},
			{"another's patent", f.scu, []*patentbridge.Patent{f.soeP}, patentbridge.EFORBIDDEN},
			{"package with another's patent", f.scu, []*patentbridge.Patent{f.scuA, f.soeP}, patentbridge.EFORBIDDEN},
			{"enterprise", f.firm, []*patentbridge.Patent{f.scuA}, patentbridge.EFORBIDDEN},
			{"anonymous", nil, []*patentbridge.Patent{f.scuA}, patentbridge.EUNAUTHORIZED},
		} {
			t.Run(tc.name, func(t *testing.T) {
				o := newOffer(tc.ps...)
				wantCode(t, db.CreateOffer(as(tc.u), o), tc.code)
				if tc.code == "" && o.OrgName != tc.ps[0].Patentees[0].Name {
					t.Errorf("offer of %q, want the owner %q", o.OrgName, tc.ps[0].Patentees[0].Name)
				}
			})
		}
		o := newOffer(f.scuA)
		if err := db.CreateOffer(as(f.scu), o); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindOffer(as(f.firm), o.ID)
		wantCode(t, err, patentbridge.ENOTFOUND) // a draft is its organization's
		_, err = db.PublishOffer(as(f.soe), o.ID)
		wantCode(t, err, patentbridge.ENOTFOUND) // acts answer as the read does
		shared := newOffer(f.scuA)
		shared.SOEShared = true
		wantCode(t, db.CreateOffer(as(f.scu), shared), patentbridge.EINVALID) // not an SOE
	})
}

func TestOfferPublishWithdrawLedger(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		ctx := as(f.scu)
		o := MustPublishOffer(t, db, ctx, newOffer(f.scuA, f.scuB))
		if o.Status != patentbridge.OfferPublished || o.LedgerIndex == nil {
			t.Fatalf("published offer = %+v", o)
		}
		rec, err := db.LedgerRecordForTest(context.Background(), *o.LedgerIndex)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"kind":"offer.publish"`, `"object":"offer:`, f.scuA.AppNo, f.scuB.AppNo, "一种茶叶杀青机",
			`"price_fen":5000000`, `"trl":6`, `"organization":"四川大学"`, `"published_at":"2026-`} {
			if !strings.Contains(rec, want) {
				t.Errorf("ledger record %s lacks %s", rec, want)
			}
		}
		_, err = db.PublishOffer(ctx, o.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
		_, err = db.WithdrawOffer(ctx, o.ID, " ")
		wantCode(t, err, patentbridge.EINVALID)
		w, err := db.WithdrawOffer(ctx, o.ID, "已与企业达成转让意向")
		if err != nil {
			t.Fatal(err)
		}
		rec, err = db.LedgerRecordForTest(context.Background(), *w.WithdrawLedgerIndex)
		if err != nil || !strings.Contains(rec, `"kind":"offer.withdraw"`) || !strings.Contains(rec, "已与企业达成转让意向") {
			t.Errorf("withdrawal record = %s, %v", rec, err)
		}
		n, err := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action IN ('offer.create', 'offer.publish', 'offer.withdraw')")
		if err != nil || n != 3 {
			t.Errorf("audit rows = %d, %v; want 3", n, err)
		}
		got, err := db.FindOffer(as(nil), o.ID)
		if err != nil || got.Status != patentbridge.OfferWithdrawn || *got.LedgerIndex != *o.LedgerIndex {
			t.Errorf("withdrawn offer = %+v, %v", got, err)
		}
	})
}

// An offer whose ledger append fails stays an unpublished draft.
func TestOfferWhoseLedgerFailsStaysDraft(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		o := newOffer(f.scuA)
		if err := db.CreateOffer(as(f.scu), o); err != nil {
			t.Fatal(err)
		}
		mustFailTable(t, db, "ledger_entries")
		if _, err := db.PublishOffer(as(f.scu), o.ID); err == nil {
			t.Fatal("PublishOffer succeeded without its ledger entry")
		}
		got, err := db.FindOffer(as(f.scu), o.ID)
		if err != nil || got.Status != patentbridge.OfferDraft || got.LedgerIndex != nil {
			t.Errorf("offer after a failed publication = %+v, %v", got, err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'offer.publish'"); n != 0 {
			t.Errorf("%d publication audit rows", n)
		}
	})
}

// mustFailTable makes every later insert into table fail.
func mustFailTable(tb testing.TB, db *sqldb.DB, table string) {
	tb.Helper()
	stmts := []string{"CREATE TRIGGER insert_fail BEFORE INSERT ON " + table + " BEGIN SELECT RAISE(ABORT, 'injected'); END"}
	if db.Dialect() == "postgres" {
		stmts = []string{
			"CREATE FUNCTION insert_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END; $$ LANGUAGE plpgsql",
			"CREATE TRIGGER insert_fail BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION insert_fail()",
		}
	}
	for _, s := range stmts {
		if err := db.ExecForTest(context.Background(), s); err != nil {
			tb.Fatalf("inject failure: %v", err)
		}
	}
}
