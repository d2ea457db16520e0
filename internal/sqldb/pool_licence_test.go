package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// mustPublishedPool creates and publishes, as the university, a pool of its
// battery patent and the SOE's turbine patent with the fee (nil: 面议).
func mustPublishedPool(t *testing.T, db *sqldb.DB, f offerFixture, fee *patentbridge.FeeTerms) *patentbridge.Pool {
	t.Helper()
	p := &patentbridge.Pool{Name: "四川清洁能源装备专利池", Field: "清洁能源装备",
		Members: []patentbridge.PoolMember{{OrgID: f.scu.OrgID}, {OrgID: f.soe.OrgID}},
		AppNos:  []string{f.scuA.AppNo, f.soeP.AppNo}, Terms: "成员外企业打包普通许可", Fee: fee}
	if err := db.CreatePool(as(f.scu), p); err != nil {
		t.Fatal(err)
	}
	got, err := db.PublishPool(as(f.scu), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTakePoolLicenceEffectiveOnPayment(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pool := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 30_0000_00})
		ctx := as(f.firm)
		if _, err := db.TakePoolLicence(ctx, pool.ID, patentbridge.TakeOpenLicence{}); patentbridge.ErrorField(err) != "confirm" {
			t.Fatalf("take without confirmation: %v", err)
		}
		text, err := db.PoolLicenceNotice(ctx, pool.ID, patentbridge.TakeOpenLicence{})
		if err != nil || !strings.Contains(text, "四川清洁能源装备专利池") || !strings.Contains(text, "300,000.00元") || !strings.Contains(text, "2026-11-27至2027-11-26") {
			t.Fatalf("notice = %q, %v", text, err)
		}
		l, err := db.TakePoolLicence(ctx, pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		if l.Status != patentbridge.LicenceNoticed || l.Kind != patentbridge.LicenceOrdinary || l.PoolID != pool.ID || l.PoolName != pool.Name ||
			len(l.AppNos) != 2 || l.LicensorName != "四川大学" || l.LicenseeName != "成都芯动科技有限公司" || l.NoticeText != text || l.LedgerIndex != nil {
			t.Fatalf("after take: %+v", l)
		}
		wantCode(t, func() error {
			_, err := db.TakePoolLicence(ctx, pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
			return err
		}(), patentbridge.ECONFLICT)
		l, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: 30_0000_00, PaidOn: sqldbtest.Start, Reference: "BOC-77"})
		if err != nil || l.Status != patentbridge.LicenceEffective || l.LedgerIndex == nil {
			t.Fatalf("payment: %v %+v", err, l)
		}
		rec, err := db.LedgerRecordForTest(context.Background(), *l.LedgerIndex)
		for _, want := range []string{`"pool_licence.grant"`, `"pool":"四川清洁能源装备专利池"`, f.soeP.AppNo, `"lump_sum_fen":30000000`} {
			if err != nil || !strings.Contains(rec, want) {
				t.Errorf("ledger record %s lacks %s (%v)", rec, want, err)
			}
		}
		ls, total, err := db.ListLicences(as(f.scu), patentbridge.LicenceFilter{PoolID: pool.ID})
		if err != nil || total != 1 || ls[0].ID != l.ID {
			t.Errorf("the lead's pool licences: %d %v", total, err)
		}
		// The other member, whose patent it licenses, sees it too.
		if _, total, err := db.ListLicences(as(f.soe), patentbridge.LicenceFilter{}); err != nil || total != 1 {
			t.Errorf("the other member's licences: %d %v", total, err)
		}
		if _, err := db.FindLicence(as(f.soe), l.ID); err != nil {
			t.Errorf("the other member reads the licence: %v", err)
		}
		n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'pool_licence.take'")
		if n != 1 {
			t.Errorf("%d take audit rows", n)
		}
	})
}

func TestTakePoolLicenceRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		take := func(id int64, end string) error {
			t := patentbridge.TakeOpenLicence{Confirmed: true}
			if end != "" {
				t.TermEnd = date(end)
			}
			_, err := db.TakePoolLicence(as(f.firm), id, t)
			return err
		}
		negotiated := mustPublishedPool(t, db, f, nil)
		wantCode(t, take(negotiated.ID, ""), patentbridge.ECONFLICT)
		wantCode(t, func() error {
			_, err := db.TakePoolLicence(as(f.scu), negotiated.ID, patentbridge.TakeOpenLicence{Confirmed: true})
			return err
		}(), patentbridge.EFORBIDDEN)
		draft := &patentbridge.Pool{Name: "草稿池", Field: "电池", Members: negotiated.Members, AppNos: []string{f.scuA.AppNo}, Terms: "x",
			Fee: &patentbridge.FeeTerms{Method: patentbridge.FeeFree}}
		if err := db.CreatePool(as(f.scu), draft); err != nil {
			t.Fatal(err)
		}
		wantCode(t, take(draft.ID, ""), patentbridge.ENOTFOUND)

		free := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFree})
		last := patentbridge.LastDayOfTerm(f.scuA)
		if l := patentbridge.LastDayOfTerm(f.soeP); l.After(last) {
			last = l
		}
		if err := take(free.ID, patentbridge.FormatDate(last.AddDate(0, 0, 1))); patentbridge.ErrorField(err) != "term_end" {
			t.Fatalf("a term past the last patent's expiry: %v", err)
		}
		// An exclusive licence in force on one of its patents bars the pool's licence.
		MustOrganization(t, db, "成都独占实施有限公司", patentbridge.PartyEnterprise, "5101")
		other, _ := db.FindOrganizationByName(context.Background(), "成都独占实施有限公司")
		ex := &patentbridge.Licence{Kind: patentbridge.LicenceExclusive, AppNos: []string{f.scuA.AppNo}, LicenseeOrgID: other.ID,
			Fee: patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 1_000_000}, TermStart: sqldbtest.Start, TermEnd: date("2027-06-30")}
		if err := db.RegisterLicence(as(f.scu), ex); err != nil {
			t.Fatal(err)
		}
		if err := take(free.ID, patentbridge.FormatDate(last)); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(patentbridge.ErrorMessage(err), "独占") {
			t.Fatalf("take over an exclusive licence: %v", err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM licences WHERE pool_id IS NOT NULL"); n != 0 {
			t.Errorf("%d pool licences after refusals", n)
		}
	})
}

func TestTakePoolLicenceFreeOnTheLastDayAndLedgerFailure(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pool := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFree})
		MustFailLedger(t, db)
		if _, err := db.TakePoolLicence(as(f.firm), pool.ID, patentbridge.TakeOpenLicence{Confirmed: true}); err == nil {
			t.Fatal("take succeeded without its ledger entry")
		}
		for _, q := range []string{"SELECT COUNT(*) FROM licences", "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'pool_licence.%'"} {
			if n, err := db.QueryIntForTest(context.Background(), q); err != nil || n != 0 {
				t.Errorf("%s = %d, %v", q, n, err)
			}
		}
		MustRestoreLedger(t, db)
		last := patentbridge.LastDayOfTerm(f.scuA)
		if l := patentbridge.LastDayOfTerm(f.soeP); l.After(last) {
			last = l
		}
		l, err := db.TakePoolLicence(as(f.firm), pool.ID, patentbridge.TakeOpenLicence{Confirmed: true, TermEnd: last})
		if err != nil || l.Status != patentbridge.LicenceEffective || l.LedgerIndex == nil || !l.TermEnd.Equal(last) {
			t.Fatalf("free pool licence to the last day: %+v, %v", l, err)
		}
	})
}

func TestPoolRefusesAPatentCoOwnedOutsideIt(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		shared := craftedPatent(34, "一种储能电池热管理系统", func(p *patentbridge.Patent) {
			p.Patentees = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}, {Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}}
		})
		MustUpsert(t, db, shared)
		if _, err := db.SyncOrganizations(platformCtx()); err != nil {
			t.Fatal(err)
		}
		p := &patentbridge.Pool{Name: "储能专利池", Field: "储能", Members: []patentbridge.PoolMember{{OrgID: f.scu.OrgID}, {OrgID: f.soe.OrgID}},
			AppNos: []string{f.scuA.AppNo, shared.AppNo}, Terms: "打包普通许可"}
		err := db.CreatePool(as(f.scu), p)
		if patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || !strings.Contains(patentbridge.ErrorMessage(err), "成都芯动科技有限公司") {
			t.Fatalf("a patent co-owned outside the pool: %v", err)
		}
		p.Members = append(p.Members, patentbridge.PoolMember{OrgID: f.firm.OrgID})
		if err := db.CreatePool(as(f.scu), p); err != nil {
			t.Fatalf("with every co-owner a member: %v", err)
		}
	})
}

// A pool's 先使用后付费 fee with a 12-month grace: the default term runs a
// year past the grace, and a term ending within the grace is refused.
func TestTakePoolLicenceDeferredTermOutlastsTheGrace(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		fee := &patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 12, Then: &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 60_0000_00}}
		pool := mustPublishedPool(t, db, f, fee)
		ctx := as(f.firm)
		_, err := db.TakePoolLicence(ctx, pool.ID, patentbridge.TakeOpenLicence{Confirmed: true, TermEnd: date("2027-11-26")})
		if patentbridge.ErrorField(err) != "term_end" || !strings.Contains(patentbridge.ErrorMessage(err), "免付期") {
			t.Fatalf("a term ending in the grace period: %v", err)
		}
		l, err := db.TakePoolLicence(ctx, pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil || patentbridge.FormatDate(l.TermEnd) != "2028-11-26" || l.Status != patentbridge.LicenceEffective {
			t.Fatalf("default term: %v %+v", err, l)
		}
		if s := patentbridge.LicenceStatement(l, l.TermEnd); s.DueFen != 60_0000_00 {
			t.Errorf("the fee falls due within the term: %+v", s)
		}
	})
}
