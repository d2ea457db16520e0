package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// mustAnnounceOn inserts an announced open-licence declaration of org on the
// patent at the store's clock and returns its id.
func mustAnnounceOn(tb testing.TB, db *sqldb.DB, appNo string, org int64) int64 {
	tb.Helper()
	ctx := context.Background()
	at := db.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	if err := db.ExecForTest(ctx, fmt.Sprintf(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end,
		patentees_json, created_at, submitted_at, announced_at) VALUES ('%s', %d, 'announced', 'free', '{"method":"free"}', '2026-01-01',
		'2030-12-31', '["四川大学"]', '%s', '%s', '%s')`, appNo, org, at, at, at)); err != nil {
		tb.Fatal(err)
	}
	id, err := db.QueryIntForTest(ctx, "SELECT MAX(id) FROM open_licences")
	if err != nil {
		tb.Fatal(err)
	}
	return int64(id)
}

// openOffer returns a valid open-licence offer of the patents.
func openOffer(ps ...*patentbridge.Patent) *patentbridge.Offer {
	o := newOffer(ps...)
	o.Kind, o.PriceFen, o.Terms = patentbridge.OfferOpenLicence, 0, "以开放许可声明为准：免费许可"
	return o
}

// An open-licence offer needs an announced declaration on each of its
// patents, at creation and again at publication; the offer names the
// declarations.
func TestOpenLicenceOfferNeedsDeclaration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pending := craftedPatent(34, "一种钙钛矿太阳能电池", func(p *patentbridge.Patent) {
			p.Status, p.StatusText, p.GrantDate = patentbridge.StatusPending, "审中-实审", date("")
		})
		MustUpsert(t, db, pending)
		ctx := as(f.scu)
		for name, o := range map[string]*patentbridge.Offer{
			"no declaration":     openOffer(f.scuA),
			"pending":            openOffer(pending),
			"one of the package": openOffer(f.scuB, f.scuA),
		} {
			if name == "one of the package" {
				mustAnnounceOn(t, db, f.scuB.AppNo, f.scu.OrgID)
			}
			err := db.CreateOffer(ctx, o)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "kind" || !strings.Contains(err.Error(), "开放许可声明") {
				t.Errorf("%s: CreateOffer = %v (field %q), want EINVALID on kind", name, err, patentbridge.ErrorField(err))
			}
		}
		id := mustAnnounceOn(t, db, f.scuA.AppNo, f.scu.OrgID)
		o := openOffer(f.scuA)
		if err := db.CreateOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		got, err := db.PublishOffer(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.OpenLicenceIDs) != 1 || got.OpenLicenceIDs[0] != id {
			t.Errorf("offer's declarations = %v, want [%d]", got.OpenLicenceIDs, id)
		}
		if read, err := db.FindOffer(as(nil), o.ID); err != nil || len(read.OpenLicenceIDs) != 1 || read.OpenLicenceIDs[0] != id {
			t.Errorf("read offer's declarations = %+v, %v", read, err)
		}
		// A draft whose declaration is withdrawn before publication is refused.
		draft := openOffer(f.scuA)
		if err := db.CreateOffer(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(context.Background(), fmt.Sprintf("UPDATE open_licences SET status = 'withdrawn' WHERE id = %d", id)); err != nil {
			t.Fatal(err)
		}
		_, err = db.PublishOffer(ctx, draft.ID)
		wantCode(t, err, patentbridge.EINVALID)
		// Other kinds need no declaration.
		MustPublishOffer(t, db, ctx, newOffer(f.scuA))
	})
}

// An exclusive or sole offer is refused, at creation and at publication,
// while an open licence is announced on any of its patents (Patent Law art.
// 51(3)); a transfer or an ordinary licence is not.
func TestExclusiveOfferWhileOpenLicence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		ctx := as(f.scu)
		draft := newOffer(f.scuB)
		draft.Kind = patentbridge.OfferSole
		if err := db.CreateOffer(ctx, draft); err != nil {
			t.Fatal(err)
		}
		mustAnnounceOn(t, db, f.scuA.AppNo, f.scu.OrgID)
		mustAnnounceOn(t, db, f.scuB.AppNo, f.scu.OrgID)
		for _, k := range []patentbridge.OfferKind{patentbridge.OfferExclusive, patentbridge.OfferSole} {
			o := newOffer(f.scuB, f.scuA)
			o.Kind = k
			err := db.CreateOffer(ctx, o)
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(err.Error(), patentbridge.ExclusiveWhileOpenMessage) {
				t.Errorf("%s offer with an open licence: %v", k, err)
			}
		}
		_, err := db.PublishOffer(ctx, draft.ID)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(err.Error(), patentbridge.ExclusiveWhileOpenMessage) {
			t.Errorf("publishing a sole offer drafted before the open licence: %v", err)
		}
		for _, k := range []patentbridge.OfferKind{patentbridge.OfferTransfer, patentbridge.OfferOrdinary} {
			o := newOffer(f.scuA)
			o.Kind = k
			MustPublishOffer(t, db, ctx, o)
		}
	})
}

// An offer is refused, at creation and at publication, on a patent no longer
// in force, naming the patent and its status; a pending application may be
// transferred or licensed.
func TestOfferOnPatentNotInForce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		ctx := as(f.scu)
		for i, st := range []patentbridge.LegalStatus{patentbridge.StatusLapsedUnpaid, patentbridge.StatusExpired,
			patentbridge.StatusInvalidated, patentbridge.StatusWithdrawnRejected} {
			p := craftedPatent(40+i, "一种已终止的专利", func(p *patentbridge.Patent) { p.Status, p.StatusText = st, st.Label() })
			MustUpsert(t, db, p)
			o := newOffer(f.scuA, p)
			o.Kind = patentbridge.OfferOrdinary
			err := db.CreateOffer(ctx, o)
			if patentbridge.ErrorField(err) != "app_nos" || !strings.Contains(err.Error(), patentbridge.FormatAppNo(p.AppNo)) || !strings.Contains(err.Error(), st.Label()) {
				t.Errorf("offer on a patent %s: %v", st, err)
			}
		}
		pending := craftedPatent(45, "一种在审的发明申请", func(p *patentbridge.Patent) {
			p.Status, p.StatusText, p.GrantDate = patentbridge.StatusPending, "审中-实审", date("")
		})
		MustUpsert(t, db, pending)
		for _, k := range []patentbridge.OfferKind{patentbridge.OfferTransfer, patentbridge.OfferExclusive, patentbridge.OfferOrdinary} {
			o := newOffer(pending)
			o.Kind = k
			MustPublishOffer(t, db, ctx, o)
		}
		// A draft whose patent lapses before publication is refused.
		draft := newOffer(f.scuA)
		if err := db.CreateOffer(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(context.Background(), fmt.Sprintf("UPDATE patents SET status = 'lapsed_unpaid' WHERE app_no = '%s'", f.scuA.AppNo)); err != nil {
			t.Fatal(err)
		}
		_, err := db.PublishOffer(ctx, draft.ID)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(err.Error(), "未缴年费终止") {
			t.Errorf("publishing an offer of a lapsed patent: %v", err)
		}
	})
}

// An act on a draft the user may not see is answered as for an offer that
// does not exist (ENOTFOUND like the read, with the same message); an act on a
// published offer of another organization is refused EFORBIDDEN; a withdrawn
// offer is said to be withdrawn when published again.
func TestOfferActsDoNotRevealDrafts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		draft := newOffer(f.scuA)
		if err := db.CreateOffer(as(f.scu), draft); err != nil {
			t.Fatal(err)
		}
		_, missing := db.PublishOffer(as(f.soe), draft.ID+1000)
		for name, act := range map[string]func(ctx context.Context, id int64) error{
			"read":     func(ctx context.Context, id int64) error { _, err := db.FindOffer(ctx, id); return err },
			"publish":  func(ctx context.Context, id int64) error { _, err := db.PublishOffer(ctx, id); return err },
			"withdraw": func(ctx context.Context, id int64) error { _, err := db.WithdrawOffer(ctx, id, "测试"); return err },
			"ask": func(ctx context.Context, id int64) error {
				return db.AskOffer(ctx, &patentbridge.OfferQuestion{OfferID: id, Kind: patentbridge.QuestionAsk, Text: "能否分期？"})
			},
			"questions": func(ctx context.Context, id int64) error { _, err := db.ListOfferQuestions(ctx, id); return err },
		} {
			for _, u := range []*patentbridge.User{f.soe, f.firm, nil} {
				err, none := act(as(u), draft.ID), act(as(u), draft.ID+1000)
				if patentbridge.ErrorCode(err) != patentbridge.ErrorCode(none) || strings.Contains(err.Error(), "四川大学") {
					t.Errorf("%s of another's draft as %v: %v; of a missing offer: %v", name, u, err, none)
				}
				if u == f.firm && patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
					t.Errorf("%s of another's draft as an enterprise: %v", name, err)
				}
				if name == "publish" && u == f.soe && strings.ReplaceAll(err.Error(), fmt.Sprint(draft.ID), "N") != strings.ReplaceAll(missing.Error(), fmt.Sprint(draft.ID+1000), "N") {
					t.Errorf("publishing a hidden draft says %q, a missing offer %q", err, missing)
				}
			}
		}
		pub := MustPublishOffer(t, db, as(f.scu), newOffer(f.scuB))
		_, err := db.WithdrawOffer(as(f.soe), pub.ID, "测试")
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if _, err := db.WithdrawOffer(as(f.scu), pub.ID, "已达成意向"); err != nil {
			t.Fatal(err)
		}
		_, err = db.PublishOffer(as(f.scu), pub.ID)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(err.Error(), "已撤回") || strings.Contains(err.Error(), "已发布") {
			t.Errorf("publishing a withdrawn offer: %v", err)
		}
	})
}
