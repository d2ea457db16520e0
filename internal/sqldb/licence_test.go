package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

var fixedFee = patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 5_000_000}

func TestTakeOpenLicenceFixedFeeEffectiveOnPayment(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, fixedFee, "2030-12-31")
		ctx := w.ctx(w.firm)
		if _, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{}); patentbridge.ErrorField(err) != "confirm" {
			t.Fatalf("take without confirmation: %v", err)
		}
		text, err := db.OpenLicenceNotice(ctx, olID, patentbridge.TakeOpenLicence{})
		if err != nil || !strings.Contains(text, "第五十一条") || !strings.Contains(text, "成都蜀道智造科技有限公司") || !strings.Contains(text, "50,000.00元") {
			t.Fatalf("notice = %q, %v", text, err)
		}
		l, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		if l.Status != patentbridge.LicenceNoticed || l.LedgerIndex != nil || l.NoticeText != text || l.LicensorName != "西南交通大学" {
			t.Fatalf("after notice: %+v", l)
		}
		if _, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{Confirmed: true}); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
			t.Fatalf("duplicate take: %v", err)
		}
		today := sqldbtest.Start
		_, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: 5_000_000, PaidOn: date("2000-01-01"), Reference: "ICBC-000"})
		if patentbridge.ErrorField(err) != "paid_on" {
			t.Fatalf("a payment dated before the notice: %v", err)
		}
		l, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: 1_000_000, PaidOn: today, Reference: "ICBC-001"})
		if err != nil || l.Status != patentbridge.LicenceNoticed {
			t.Fatalf("part payment: %v %+v", err, l)
		}
		l, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: 4_000_000, PaidOn: today, Reference: "ICBC-002"})
		if err != nil || l.Status != patentbridge.LicenceEffective || l.LedgerIndex == nil || l.EffectiveAt.IsZero() {
			t.Fatalf("full payment: %v %+v", err, l)
		}
		rec, err := db.LedgerRecordForTest(context.Background(), *l.LedgerIndex)
		if err != nil || !strings.Contains(rec, `"licence.grant"`) || !strings.Contains(rec, "成都蜀道智造科技有限公司") || !strings.Contains(rec, `"open_licence_ledger_index":0`) {
			t.Fatalf("ledger record %s, %v", rec, err)
		}
		if got := l.RecordationDue(); !got.Equal(date("2027-02-27")) {
			t.Errorf("recordation due %s", got)
		}
		// The licensor sees it; a third enterprise does not.
		if _, err := db.FindLicence(w.ctx(w.uni), l.ID); err != nil {
			t.Errorf("licensor: %v", err)
		}
		wantCode(t, func() error { _, err := db.FindLicence(w.ctx(w.other), l.ID); return err }(), patentbridge.ENOTFOUND)
		mine, total, err := db.ListLicences(w.ctx(w.uni), patentbridge.LicenceFilter{})
		if err != nil || total != 1 || mine[0].ID != l.ID {
			t.Errorf("licensor's list: %d %v", total, err)
		}
	})
}

func TestTakeOpenLicenceRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeFree}, "2030-12-31")
		take := patentbridge.TakeOpenLicence{Confirmed: true, TermEnd: date("2031-01-01")}
		_, err := db.TakeOpenLicence(w.ctx(w.firm), olID, take)
		if patentbridge.ErrorField(err) != "term_end" {
			t.Fatalf("term beyond the declaration's: %v", err)
		}
		_, err = db.TakeOpenLicence(w.ctx(w.uni), olID, patentbridge.TakeOpenLicence{Confirmed: true})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		take.TermEnd = date("2030-12-31")
		l, err := db.TakeOpenLicence(w.ctx(w.firm), olID, take)
		if err != nil || l.Status != patentbridge.LicenceEffective || l.LedgerIndex == nil {
			t.Fatalf("free licence is effective on the notice: %v %+v", err, l)
		}
		// Withdrawal refuses new licensees and keeps the existing licence.
		w.MustWithdraw(t, olID)
		_, err = db.TakeOpenLicence(w.ctx(w.other), olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(err.Error(), "撤回") {
			t.Fatalf("take after withdrawal: %v", err)
		}
		got, err := db.FindLicence(w.ctx(w.firm), l.ID)
		if err != nil || got.Status != patentbridge.LicenceEffective {
			t.Fatalf("existing licence after withdrawal: %v %+v", err, got)
		}
	})
}

func TestPatenteeCannotTakeItsOwnOpenLicence(t *testing.T) {
	ol := &patentbridge.OpenLicence{ID: 1, Status: patentbridge.OpenAnnounced, OrgID: 7, OrgIDs: []int64{7, 9}, TermEnd: date("2030-12-31")}
	for _, org := range []int64{7, 9} {
		if err := patentbridge.CheckTakeOpenLicence(ol, org, date("2027-01-01"), date("2030-12-31")); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("org %d: %v", org, err)
		}
	}
	if err := patentbridge.CheckTakeOpenLicence(ol, 8, date("2027-01-01"), date("2030-12-31")); err != nil {
		t.Errorf("the last day of the declaration's term: %v", err)
	}
}

func TestExclusiveLicenceRefusedWhileOpenLicenceAnnounced(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeFree}, "2030-12-31")
		reg := func(kind patentbridge.LicenceKind) (*patentbridge.Licence, error) {
			l := &patentbridge.Licence{Kind: kind, AppNos: []string{w.appNo}, LicenseeOrgID: w.firmOrg,
				Fee: fixedFee, TermStart: date("2027-01-01"), TermEnd: date("2029-12-31")}
			return l, db.RegisterLicence(w.ctx(w.uni), l)
		}
		for _, k := range []patentbridge.LicenceKind{patentbridge.LicenceExclusive, patentbridge.LicenceSole} {
			_, err := reg(k)
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(err.Error(), "第五十一条第三款") {
				t.Fatalf("%s while announced: %v", k, err)
			}
		}
		l, err := reg(patentbridge.LicenceOrdinary)
		if err != nil || l.Status != patentbridge.LicenceEffective || l.LicensorName != "西南交通大学" {
			t.Fatalf("ordinary while announced: %v %+v", err, l)
		}
		err = db.RegisterLicence(w.ctx(w.firm), &patentbridge.Licence{Kind: patentbridge.LicenceOrdinary, AppNos: []string{w.appNo},
			LicenseeOrgID: w.uniOrg, Fee: fixedFee, TermStart: date("2027-01-01"), TermEnd: date("2029-12-31")})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		w.MustWithdraw(t, olID)
		if _, err := reg(patentbridge.LicenceExclusive); err != nil {
			t.Fatalf("exclusive after withdrawal: %v", err)
		}
		if _, err := reg(patentbridge.LicenceSole); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
			t.Fatalf("second exclusive/sole: %v", err)
		}
	})
}

func TestRecordationReminderAndOverdueList(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeFree}, "2030-12-31")
		l, err := db.TakeOpenLicence(w.ctx(w.firm), olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		page, err := db.ListMessages(w.ctx(w.uni), patentbridge.MessageFilter{})
		if err != nil || page.Total != 1 || !strings.Contains(page.Items[0].Title, "2027-02-27 前办理备案") {
			t.Fatalf("licensor's reminder: %v %+v", err, page)
		}
		overdue := func() int {
			_, n, err := db.ListLicences(w.ctx(w.admin), patentbridge.LicenceFilter{Overdue: true})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		moveClock(db, time.Date(2027, 2, 27, 23, 0, 0, 0, patentbridge.Beijing)) // the due date itself, late in Beijing
		if n := overdue(); n != 0 {
			t.Fatalf("overdue on the due date: %d", n)
		}
		if n, _ := db.RemindRecordations(platformCtx()); n != 0 {
			t.Fatalf("reminded on the due date: %d", n)
		}
		moveClock(db, time.Date(2027, 2, 28, 0, 0, 1, 0, patentbridge.Beijing))
		if n := overdue(); n != 1 {
			t.Fatalf("overdue the day after: %d", n)
		}
		if !l.RecordationOverdue(db.Now()) {
			t.Error("RecordationOverdue the day after the due date")
		}
		_, _, err = db.ListLicences(w.ctx(w.firm), patentbridge.LicenceFilter{Overdue: true})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if n, err := db.RemindRecordations(platformCtx()); n != 1 || err != nil {
			t.Fatalf("remind: %d %v", n, err)
		}
		if n, _ := db.RemindRecordations(platformCtx()); n != 0 {
			t.Fatalf("reminded twice: %d", n)
		}
		_, err = db.RecordRecordation(w.ctx(w.other), l.ID, "2027510000123", date("2027-02-20"))
		wantCode(t, err, patentbridge.ENOTFOUND)
		got, err := db.RecordRecordation(w.ctx(w.uni), l.ID, "2027510000123", date("2027-02-20"))
		if err != nil || got.RecordationNo != "2027510000123" || !got.RecordationDate.Equal(date("2027-02-20")) {
			t.Fatalf("record: %v %+v", err, got)
		}
		if n := overdue(); n != 0 {
			t.Fatalf("overdue after recordation: %d", n)
		}
	})
}

func TestLicenceLedgerFailureLeavesNoLicence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeFree}, "2030-12-31")
		MustFailLedger(t, db)
		if _, err := db.TakeOpenLicence(w.ctx(w.firm), olID, patentbridge.TakeOpenLicence{Confirmed: true}); err == nil {
			t.Fatal("take succeeded without its ledger entry")
		}
		for _, table := range []string{"licences", "licence_patents", "messages"} {
			if n, err := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM "+table); err != nil || n != 0 {
				t.Errorf("%s: %d rows, %v", table, n, err)
			}
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'licence.%'"); n != 0 {
			t.Errorf("audit rows: %d", n)
		}
	})
}

func TestPaymentAfterWithdrawalDoesNotMakeALicence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, fixedFee, "2030-12-31")
		ctx := w.ctx(w.firm)
		l, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		w.MustWithdraw(t, olID)
		_, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: fixedFee.LumpSumFen, PaidOn: sqldbtest.Start, Reference: "X-1"})
		wantCode(t, err, patentbridge.ECONFLICT)
		got, err := db.FindLicence(ctx, l.ID)
		if err != nil || got.Status != patentbridge.LicenceNoticed || len(got.Payments) != 0 || got.LedgerIndex != nil {
			t.Fatalf("after a refused payment: %v %+v", err, got)
		}
	})
}

// A licence of a patent not in force (a lapsed one here) is refused, naming
// the patent and its status.
func TestRegisterLicenceRefusesAPatentNotInForce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		if err := db.ExecForTest(context.Background(), "UPDATE patents SET status = 'lapsed_unpaid' WHERE app_no = '"+w.appNo+"'"); err != nil {
			t.Fatal(err)
		}
		l := &patentbridge.Licence{Kind: patentbridge.LicenceOrdinary, AppNos: []string{w.appNo}, LicenseeOrgID: w.firmOrg,
			Fee: fixedFee, TermStart: date("2027-01-01"), TermEnd: date("2029-12-31")}
		err := db.RegisterLicence(w.ctx(w.uni), l)
		if patentbridge.ErrorField(err) != "app_nos" || !strings.Contains(err.Error(), "未缴年费终止") || !strings.Contains(err.Error(), patentbridge.FormatAppNo(w.appNo)) {
			t.Fatalf("a lapsed patent: %v", err)
		}
		if n, _ := db.QueryIntForTest(t.Context(), "SELECT COUNT(*) FROM licences"); n != 0 {
			t.Errorf("%d licences stored", n)
		}
	})
}
