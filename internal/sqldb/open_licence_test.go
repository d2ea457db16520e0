package sqldb_test

import (
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// allConfirmations are every confirmation a patentee may give (细则 art. 88).
var allConfirmations = []string{patentbridge.ConfirmNoExclusive, patentbridge.ConfirmNoSuspension,
	patentbridge.ConfirmFeesPaid, patentbridge.ConfirmNoPledge, patentbridge.ConfirmNoOtherBar}

func royaltyDeclaration(p *patentbridge.Patent) *patentbridge.OpenLicence {
	return &patentbridge.OpenLicence{AppNo: p.AppNo,
		Fee:       patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 350, ReportMonths: 6},
		FeeBasis:  "按《专利开放许可使用费估算指引（试行）》行业提成率区间 2%–5% 取中",
		TermStart: date("2026-12-01"), TermEnd: date("2031-11-30"), Conditions: "被许可人不得再许可",
		Confirmations: allConfirmations}
}

// MustOpenLicence creates a draft and fails the test on error.
func MustOpenLicence(tb testing.TB, db *sqldb.DB, u *patentbridge.User, ol *patentbridge.OpenLicence) *patentbridge.OpenLicence {
	tb.Helper()
	if err := db.CreateOpenLicence(as(u), ol); err != nil {
		tb.Fatalf("CreateOpenLicence: %v", err)
	}
	return ol
}

func TestOpenLicenceCoOwnersAnnounceWithdraw(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		if err := db.CreateOpenLicence(as(f.firm), royaltyDeclaration(f.coOwned)); patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN {
			t.Fatalf("an enterprise that does not own the patent: %v", err)
		}
		ol := MustOpenLicence(t, db, f.scu, royaltyDeclaration(f.coOwned))
		if len(ol.OrgIDs) != 2 || len(ol.Consents) != 1 || ol.Consents[0].UserID != f.scu.ID {
			t.Fatalf("owners %v consents %+v: want two owners, SCU's consent given by creating", ol.OrgIDs, ol.Consents)
		}
		// Submit is refused until every co-owner consented.
		_, err := db.SubmitOpenLicence(as(f.scu), ol.ID)
		if patentbridge.ErrorField(err) != "consents" || !strings.Contains(patentbridge.ErrorMessage(err), "电子科技大学") {
			t.Fatalf("submit without UESTC's consent: %v", err)
		}
		uestcOrg := ol.OrgIDs[1]
		if _, err := db.ConsentOpenLicence(as(f.scu), ol.ID, uestcOrg, patentbridge.ConsentDeclare, ""); patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN {
			t.Fatalf("SCU consenting for UESTC: %v", err)
		}
		if _, err := db.ConsentOpenLicence(as(f.admin), ol.ID, uestcOrg, patentbridge.ConsentDeclare, ""); patentbridge.ErrorField(err) != "written_ref" {
			t.Fatalf("admin without a written consent: %v", err)
		}
		got, err := db.ConsentOpenLicence(as(f.admin), ol.ID, uestcOrg, patentbridge.ConsentDeclare, "电子科技大学同意函 电科函〔2026〕88号")
		if err != nil || len(got.Consents) != 2 {
			t.Fatalf("written consent: %v %+v", err, got)
		}
		if _, err := db.ConsentOpenLicence(as(f.uestc), ol.ID, uestcOrg, patentbridge.ConsentDeclare, ""); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
			t.Fatalf("a second consent: %v", err)
		}
		if _, err := db.SubmitOpenLicence(as(f.scu), ol.ID); err != nil {
			t.Fatal(err)
		}
		// A second declaration of the patent cannot be submitted meanwhile.
		other := MustOpenLicence(t, db, f.uestc, royaltyDeclaration(f.coOwned))
		if _, err := db.ConsentOpenLicence(as(f.scu), other.ID, ol.OrgIDs[0], patentbridge.ConsentDeclare, ""); err != nil {
			t.Fatal(err)
		}
		wantCode(t, second(db.SubmitOpenLicence(as(f.uestc), other.ID)), patentbridge.ECONFLICT)
		wantCode(t, db.UpdateOpenLicence(as(f.scu), ol), patentbridge.ECONFLICT)
		wantCode(t, second(db.ReviewOpenLicence(as(f.scu), ol.ID, true, "")), patentbridge.EFORBIDDEN)
		wantCode(t, second(db.WithdrawOpenLicence(as(f.scu), ol.ID, "改为独占许可")), patentbridge.ECONFLICT)
		// The draft is not found by an enterprise; the announced one is public.
		wantCode(t, second(db.FindOpenLicence(as(f.firm), ol.ID)), patentbridge.ENOTFOUND)
		ann, err := db.ReviewOpenLicence(as(f.admin), ol.ID, true, "")
		if err != nil {
			t.Fatal(err)
		}
		if ann.Status != patentbridge.OpenAnnounced || ann.LedgerIndex == nil || !ann.AnnouncedAt.Equal(ann.AnnouncedAt.UTC()) || ann.AnnouncedAt.IsZero() {
			t.Fatalf("announced = %+v", ann)
		}
		rec, err := db.LedgerRecordForTest(platformCtx(), *ann.LedgerIndex)
		if err != nil || !strings.Contains(rec, `"open_licence.announce"`) || !strings.Contains(rec, f.coOwned.AppNo) ||
			!strings.Contains(rec, "电子科技大学") || !strings.Contains(rec, `"rate_bp":350`) || !strings.Contains(rec, "估算指引") {
			t.Fatalf("ledger record %s (%v)", rec, err)
		}
		if pub, err := db.FindOpenLicence(as(nil), ol.ID); err != nil || pub.Status != patentbridge.OpenAnnounced {
			t.Fatalf("public read: %v %+v", err, pub)
		}
		wantCode(t, second(db.ReviewOpenLicence(as(f.admin), ol.ID, true, "")), patentbridge.ECONFLICT)

		// A licence taken before the withdrawal stays untouched.
		insertLicence(t, db, ol, "open", "effective")
		before, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM licences WHERE status = 'effective' AND term_end = '2031-11-30'")

		wantCode(t, second(db.WithdrawOpenLicence(as(f.scu), ol.ID, "")), patentbridge.EINVALID)
		if _, err := db.ConsentOpenLicence(as(f.scu), ol.ID, ol.OrgIDs[0], patentbridge.ConsentWithdraw, ""); err != nil {
			t.Fatal(err)
		}
		_, err = db.WithdrawOpenLicence(as(f.scu), ol.ID, "拟转为独占许可")
		if patentbridge.ErrorField(err) != "consents" || !strings.Contains(patentbridge.ErrorMessage(err), "电子科技大学") {
			t.Fatalf("withdraw without UESTC's consent: %v", err)
		}
		if _, err := db.ConsentOpenLicence(as(f.uestc), ol.ID, uestcOrg, patentbridge.ConsentWithdraw, ""); err != nil {
			t.Fatal(err)
		}
		w, err := db.WithdrawOpenLicence(as(f.scu), ol.ID, "拟转为独占许可")
		if err != nil || w.Status != patentbridge.OpenWithdrawn || w.WithdrawLedgerIndex == nil || *w.WithdrawLedgerIndex != *ann.LedgerIndex+1 {
			t.Fatalf("withdraw: %v %+v", err, w)
		}
		after, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM licences WHERE status = 'effective' AND term_end = '2031-11-30'")
		if before != 1 || after != 1 {
			t.Errorf("licences in force before/after the withdrawal: %d/%d, want 1/1", before, after)
		}
		items, total, err := db.ListOpenLicences(as(nil), patentbridge.OpenLicenceFilter{Status: patentbridge.OpenWithdrawn})
		if err != nil || total != 1 || items[0].ID != ol.ID || items[0].WithdrawReason != "拟转为独占许可" {
			t.Fatalf("public list of withdrawn: %v %d %+v", err, total, items)
		}
		if _, total, _ := db.ListOpenLicences(as(nil), patentbridge.OpenLicenceFilter{}); total != 1 {
			t.Errorf("the public sees %d declarations, want 1 (not the other draft)", total)
		}
		if _, total, _ := db.ListOpenLicences(as(f.uestc), patentbridge.OpenLicenceFilter{}); total != 2 {
			t.Errorf("a co-owner sees %d declarations, want 2", total)
		}
		n, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'open_licence.%'")
		if n < 9 {
			t.Errorf("audit rows = %d", n)
		}
	})
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

func second[T any](_ T, err error) error { return err }

// insertLicence inserts a licence of the declaration's patent directly.
func insertLicence(t *testing.T, db *sqldb.DB, ol *patentbridge.OpenLicence, kind, status string) {
	t.Helper()
	err := db.ExecForTest(platformCtx(), `INSERT INTO licences (id, kind, open_licence_id, licensor_org_id, licensee_org_id, fee_json,
		term_start, term_end, status, created_at) VALUES (900, '`+kind+`', `+i64(ol.ID)+`, `+i64(ol.OrgIDs[0])+`, `+i64(ol.OrgIDs[0])+`,
		'{}', '2026-01-01', '2031-11-30', '`+status+`', '2026-11-27T09:00:00.000000Z')`)
	if err == nil {
		err = db.ExecForTest(platformCtx(), `INSERT INTO licence_patents (licence_id, app_no) VALUES (900, '`+ol.AppNo+`')`)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenLicenceRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		ol := MustOpenLicence(t, db, f.uestc, royaltyDeclaration(f.uestcOnly))
		// An exclusive licence recorded on the platform bars the declaration (art. 86(1)).
		insertLicence(t, db, ol, "exclusive", "effective")
		_, err := db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if patentbridge.ErrorField(err) != "app_no" || !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（一）项") {
			t.Fatalf("submit with an exclusive licence in force: %v", err)
		}
		if err := db.ExecForTest(platformCtx(), "UPDATE licences SET status = 'ended' WHERE id = 900"); err != nil {
			t.Fatal(err)
		}
		// A rate above the 2024 notice is refused, unless the admin records an exception.
		ol.Fee.RateBP = 2001
		err = db.UpdateOpenLicence(as(f.uestc), ol)
		if patentbridge.ErrorField(err) != "rate" {
			t.Fatalf("20.01%%: %v", err)
		}
		ol.FeeException = "我自己写的例外" // not the admin's: ignored
		wantCode(t, db.UpdateOpenLicence(as(f.uestc), ol), patentbridge.EINVALID)
		ol.FeeException = "该技术为行业基础专利，经专家论证提成率可高于20%"
		if err := db.UpdateOpenLicence(as(f.admin), ol); err != nil {
			t.Fatal(err)
		}
		// The admin's update cleared UESTC's consent to the old terms.
		_, err = db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if patentbridge.ErrorField(err) != "consents" {
			t.Fatalf("submit after the terms changed: %v", err)
		}
		if _, err := db.ConsentOpenLicence(as(f.uestc), ol.ID, ol.OrgIDs[0], patentbridge.ConsentDeclare, ""); err != nil {
			t.Fatal(err)
		}
		sub, err := db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The city rejects it back to draft with a note.
		city := MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)
		wantCode(t, second(db.ReviewOpenLicence(as(city), sub.ID, false, "")), patentbridge.EINVALID)
		back, err := db.ReviewOpenLicence(as(city), sub.ID, false, "请补充估算依据中的可比许可合同")
		if err != nil || back.Status != patentbridge.OpenDraft || back.ReviewNote == "" {
			t.Fatalf("reject: %v %+v", err, back)
		}
		// A pledge registered since makes the re-check refuse (art. 86(4)).
		p := f.uestcOnly
		p.Events = append(p.Events, patentbridge.LegalEvent{Type: patentbridge.EventPledge, Date: date("2026-10-01"), Text: "专利权质押合同登记的生效"})
		MustUpsert(t, db, p)
		if _, err := db.SyncOrganizations(platformCtx()); err != nil {
			t.Fatal(err)
		}
		_, err = db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if patentbridge.ErrorField(err) != "pledgee_consent" || !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（四）项") {
			t.Fatalf("pledged: %v", err)
		}
	})
}

func TestOpenLicenceAnnounceRechecks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		ol := MustOpenLicence(t, db, f.uestc, royaltyDeclaration(f.uestcOnly))
		if _, err := db.SubmitOpenLicence(as(f.uestc), ol.ID); err != nil {
			t.Fatal(err)
		}
		p := f.uestcOnly
		p.Status, p.StatusText = patentbridge.StatusLapsedUnpaid, "无权-未缴年费"
		MustUpsert(t, db, p)
		if _, err := db.SyncOrganizations(platformCtx()); err != nil {
			t.Fatal(err)
		}
		_, err := db.ReviewOpenLicence(as(f.admin), ol.ID, true, "")
		if !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（三）项") {
			t.Fatalf("announce after the fees lapsed: %v", err)
		}
		if n, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM ledger_entries"); n != 0 {
			t.Errorf("ledger entries = %d after a refused announcement", n)
		}
	})
}
