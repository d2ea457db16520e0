package sqldb_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The market's filters: kind, city, price range (面议 offers outside any
// range), TRL, organization type and industry; drafts are not public.
func TestOfferMarketFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		transfer := MustPublishOffer(t, db, as(f.scu), newOffer(f.scuA)) // 50 万, TRL 6, Chengdu university
		lic := newOffer(f.scuB)
		lic.Kind, lic.PriceFen, lic.Negotiable, lic.TRL = patentbridge.OfferOrdinary, 0, true, 4
		lic = MustPublishOffer(t, db, as(f.scu), lic)
		soe := newOffer(f.soeP)
		soe.Kind, soe.PriceFen, soe.TRL, soe.SOEShared = patentbridge.OfferOpenLicence, 0, 8, true
		soe.Terms = "先使用后付费：12 个月后按净销售额 2% 提成"
		mustAnnounceOn(t, db, f.soeP.AppNo, f.soe.OrgID)
		soe = MustPublishOffer(t, db, as(f.soe), soe)
		draft := newOffer(f.scuA)
		if err := db.CreateOffer(as(f.scu), draft); err != nil {
			t.Fatal(err)
		}
		if len(transfer.Industries) == 0 {
			t.Fatalf("offer of %s has no industries from its screening", f.scuA.Title)
		}
		sys, ind, _ := cut(transfer.Industries[0])
		for name, tc := range map[string]struct {
			f    patentbridge.OfferFilter
			want []int64
		}{
			"all public":       {patentbridge.OfferFilter{}, []int64{soe.ID, lic.ID, transfer.ID}},
			"kind":             {patentbridge.OfferFilter{Kind: patentbridge.OfferOrdinary}, []int64{lic.ID}},
			"city":             {patentbridge.OfferFilter{City: "5106"}, []int64{soe.ID}},
			"price range":      {patentbridge.OfferFilter{MinFen: 10_0000_00, MaxFen: 50_0000_00}, []int64{transfer.ID}},
			"price above":      {patentbridge.OfferFilter{MinFen: 50_0000_01}, nil},
			"TRL":              {patentbridge.OfferFilter{MinTRL: 6}, []int64{soe.ID, transfer.ID}},
			"org type":         {patentbridge.OfferFilter{OrgType: patentbridge.PartySOE}, []int64{soe.ID}},
			"industry":         {patentbridge.OfferFilter{System: sys, Industry: ind}, []int64{transfer.ID}},
			"industry by name": {patentbridge.OfferFilter{Industry: ind}, []int64{transfer.ID}},
			"patent":           {patentbridge.OfferFilter{AppNo: f.scuB.AppNo}, []int64{lic.ID}},
			"SOE shared":       {patentbridge.OfferFilter{SOEShared: true}, []int64{soe.ID}},
			"mine with drafts": {patentbridge.OfferFilter{Mine: true, Status: patentbridge.OfferDraft}, []int64{draft.ID}},
			"unknown industry": {patentbridge.OfferFilter{Industry: "不存在的产业"}, nil},
		} {
			ctx := as(nil)
			if tc.f.Mine {
				ctx = as(f.scu)
			}
			got, total, err := db.ListOffers(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var ids []int64
			for _, o := range got {
				ids = append(ids, o.ID)
			}
			if total != len(tc.want) || !equalIDs(ids, tc.want) {
				t.Errorf("%s: offers %v (total %d), want %v", name, ids, total, tc.want)
			}
		}
		_, _, err := db.ListOffers(as(nil), patentbridge.OfferFilter{MinTRL: 10})
		wantCode(t, err, patentbridge.EINVALID)
		_, _, err = db.ListOffers(as(nil), patentbridge.OfferFilter{Kind: "gift"})
		wantCode(t, err, patentbridge.EINVALID)

		terms, err := db.OfferedTerms(context.Background(), []string{f.scuA.AppNo, f.scuB.AppNo, f.soeP.AppNo, "x"})
		if err != nil || terms[f.scuA.AppNo] != "可转让，报价 50 万元" || terms[f.scuB.AppNo] != "可普通许可，面议" || terms[f.soeP.AppNo] != "开放许可" || len(terms) != 3 {
			t.Errorf("OfferedTerms = %v, %v", terms, err)
		}
		counts, err := db.CountOffers(context.Background())
		if err != nil || counts[2026] != 3 {
			t.Errorf("CountOffers = %v, %v; want 3 in 2026", counts, err)
		}
		shared, err := db.CountSOEShared(context.Background())
		if err != nil || shared[2026] != 1 {
			t.Errorf("CountSOEShared = %v, %v; want 1 in 2026", shared, err)
		}
	})
}

func cut(key string) (string, string, bool) {
	for i := 0; i < len(key); i++ {
		if key[i] == ':' {
			return key[:i], key[i+1:], true
		}
	}
	return "", key, false
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// An enterprise asks and expresses interest; the offering organization is
// notified, sees both and answers; the enterprise is notified and sees the
// answer; another enterprise sees neither.
func TestOfferQuestionsAndAnswers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		o := MustPublishOffer(t, db, as(f.scu), newOffer(f.scuA))
		q := &patentbridge.OfferQuestion{OfferID: o.ID, Kind: patentbridge.QuestionAsk, Text: "能否提供中试数据？"}
		wantCode(t, db.AskOffer(as(f.scu), q), patentbridge.EFORBIDDEN)
		wantCode(t, db.AskOffer(as(nil), q), patentbridge.EUNAUTHORIZED)
		wantCode(t, db.AskOffer(as(f.firm), &patentbridge.OfferQuestion{OfferID: o.ID, Kind: patentbridge.QuestionAsk}), patentbridge.EINVALID)
		if err := db.AskOffer(as(f.firm), q); err != nil {
			t.Fatal(err)
		}
		if err := db.AskOffer(as(f.firm), &patentbridge.OfferQuestion{OfferID: o.ID, Kind: patentbridge.QuestionInterest}); err != nil {
			t.Fatal(err)
		}
		inbox := func(u *patentbridge.User) []*patentbridge.Message {
			p, err := db.ListMessages(as(u), patentbridge.MessageFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return p.Items
		}
		if ms := inbox(f.scu); len(ms) != 2 || ms[0].Kind != patentbridge.MessageOfferQuestion || ms[0].Link != "/market/"+strconv.FormatInt(o.ID, 10) {
			t.Fatalf("offering organization's inbox = %+v", ms)
		}
		mine, err := db.MyOfferQuestions(as(f.scu))
		if err != nil || len(mine) != 2 {
			t.Fatalf("MyOfferQuestions = %d, %v", len(mine), err)
		}
		_, err = db.AnswerOfferQuestion(as(f.soe), q.ID, "可以")
		wantCode(t, err, patentbridge.EFORBIDDEN)
		a, err := db.AnswerOfferQuestion(as(f.scu), q.ID, "可以提供，请联系科技处")
		if err != nil || a.Answer != "可以提供，请联系科技处" {
			t.Fatalf("AnswerOfferQuestion = %+v, %v", a, err)
		}
		if ms := inbox(f.firm); len(ms) != 1 || ms[0].Kind != patentbridge.MessageOfferAnswer {
			t.Fatalf("enterprise inbox = %+v", ms)
		}
		qs, err := db.ListOfferQuestions(as(f.firm), o.ID)
		if err != nil || len(qs) != 2 || qs[0].Answer == "" || qs[0].OrgName != "成都芯动科技有限公司" {
			t.Fatalf("enterprise's questions = %+v, %v", qs, err)
		}
		if qs, _ := db.ListOfferQuestions(as(nil), o.ID); len(qs) != 0 {
			t.Errorf("anonymous sees %d questions", len(qs))
		}
		n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action IN ('offer.ask', 'offer.answer')")
		if n != 3 {
			t.Errorf("%d question audit rows, want 3", n)
		}
		if _, err := db.WithdrawOffer(as(f.scu), o.ID, "停止转让"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.AskOffer(as(f.firm), &patentbridge.OfferQuestion{OfferID: o.ID, Kind: patentbridge.QuestionInterest}), patentbridge.ECONFLICT)
	})
}

func TestPools(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		scu, _ := db.FindOrganizationByName(context.Background(), "四川大学")
		dec, _ := db.FindOrganizationByName(context.Background(), "东方电气集团有限公司")
		firm, _ := db.FindOrganizationByName(context.Background(), "成都芯动科技有限公司")
		p := &patentbridge.Pool{Name: "四川清洁能源装备专利池", Field: "清洁能源装备",
			Members: []patentbridge.PoolMember{{OrgID: scu.ID}, {OrgID: dec.ID}},
			AppNos:  []string{f.scuA.AppNo, f.soeP.AppNo}, Terms: "成员外企业打包普通许可，每年 30 万元",
			Fee: &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 30_0000_00}}
		wantCode(t, db.CreatePool(as(f.firm), p), patentbridge.EFORBIDDEN)
		bad := *p
		bad.Members = []patentbridge.PoolMember{{OrgID: scu.ID}, {OrgID: firm.ID}}
		wantCode(t, db.CreatePool(as(f.admin), &bad), patentbridge.EFORBIDDEN) // the SOE's patent is no member's
		wantCode(t, db.CreatePool(as(f.scu), &patentbridge.Pool{Name: "x", Field: "y", Members: p.Members[:1], AppNos: p.AppNos, Terms: "z"}), patentbridge.EINVALID)
		if err := db.CreatePool(as(f.scu), p); err != nil {
			t.Fatal(err)
		}
		if ps, _ := db.ListPools(as(nil)); len(ps) != 0 {
			t.Errorf("a draft pool is listed")
		}
		got, err := db.PublishPool(as(f.soe), p.ID)
		if err != nil || got.LedgerIndex == nil {
			t.Fatalf("PublishPool = %+v, %v", got, err)
		}
		rec, _ := db.LedgerRecordForTest(context.Background(), *got.LedgerIndex)
		for _, want := range []string{`"kind":"pool.publish"`, "四川清洁能源装备专利池", f.soeP.AppNo, "东方电气集团有限公司"} {
			if !contains(rec, want) {
				t.Errorf("pool record %s lacks %s", rec, want)
			}
		}
		ps, err := db.ListPools(as(nil))
		if err != nil || len(ps) != 1 || len(ps[0].Members) != 2 || ps[0].Titles[1] != f.soeP.Title || ps[0].Fee.LumpSumFen != 30_0000_00 {
			t.Fatalf("ListPools = %+v, %v", ps, err)
		}
		if c, _ := db.CountPools(context.Background()); c[2026] != 1 {
			t.Errorf("CountPools = %v", c)
		}
	})
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
