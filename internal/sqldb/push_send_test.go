package sqldb_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// pushTo is the push of the list's first n patents to e, each with a reason.
func pushTo(e *patentbridge.Enterprise, l *patentbridge.SupplyList, n int) patentbridge.EnterprisePush {
	p := patentbridge.EnterprisePush{Enterprise: *e}
	for _, it := range l.Items[:n] {
		p.Items = append(p.Items, patentbridge.PushItem{AppNo: it.AppNo, Title: "调用方的标题", Score: 0.6, Reason: "经营范围含：电池"})
	}
	return p
}

// TestSendPush: sending a list's push list tells each pushed enterprise that
// has an account once, in one audited transaction; one without an account is
// counted as not reached; a city user sends only its own city's list to its
// own city's enterprises.
func TestSendPush(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		stopClock(db, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		admin, chengdu := as(auditAdmin), as(auditCity)
		publish := func(ctx context.Context, title string, f patentbridge.SleepingFilter) *patentbridge.SupplyList {
			t.Helper()
			l := MustCreateList(t, ctx, db, title, f)
			p, err := db.PublishSupplyList(ctx, l.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		prov := publish(admin, "全省第一批", patentbridge.SleepingFilter{})
		cd := publish(chengdu, "成都第一批", patentbridge.SleepingFilter{})
		my := publish(as(auditMy), "绵阳第一批", patentbridge.SleepingFilter{})
		if len(prov.Items) < 2 || len(cd.Items) < 1 {
			t.Fatalf("lists hold %d and %d patents", len(prov.Items), len(cd.Items))
		}
		// Three registry enterprises: two of Chengdu, one of Mianyang; the
		// second Chengdu one has no account on the platform.
		e1, e2, e3 := newEnterprise(2, "成都高新区"), newEnterprise(1, "绵阳科技城"), newEnterprise(4, "成都高新区")
		if _, err := db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{e1, e2, e3}); err != nil {
			t.Fatal(err)
		}
		account := func(username string, e *patentbridge.Enterprise) *patentbridge.User {
			u, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: username, Name: username, Role: patentbridge.RoleEnterprise,
				Organization: e.Name, Password: "secret-pass-1"})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		u1, u2 := account("firm1", e1), account("firm2", e2)
		inbox := func(u *patentbridge.User) []*patentbridge.Message {
			t.Helper()
			page, err := db.ListMessages(as(u), patentbridge.MessageFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return page.Items
		}

		wantCode(t, sendErr(db.LastPushSent(admin, prov.ID)), patentbridge.ENOTFOUND) // never sent
		sent, err := db.SendPush(admin, prov.ID, []patentbridge.EnterprisePush{pushTo(e1, prov, 2), pushTo(e3, prov, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if sent.Sent != 1 || sent.Unreached != 1 || sent.Repeated != 0 || len(sent.Notified) != 1 || sent.Notified[0] != e1.Name {
			t.Errorf("sent = %+v", sent)
		}
		if got, want := sent.Summary(), "已发送给 1 家企业；1 家企业未在平台注册，未能送达"; got != want {
			t.Errorf("summary = %q, want %q", got, want)
		}
		ms := inbox(u1)
		heading := "四川省专利技术供给清单（2026年第1期）"
		if len(ms) != 1 || ms[0].Kind != patentbridge.MessagePushList || ms[0].Link != patentbridge.SupplyListPath(prov.ID) ||
			ms[0].Title != "新的专利推送清单："+heading {
			t.Fatalf("the pushed enterprise's inbox = %+v", ms)
		}
		for _, it := range prov.Items[:2] {
			if !strings.Contains(ms[0].Body, patentbridge.FormatAppNo(it.AppNo)+" "+it.Title+"（经营范围含：电池）") {
				t.Errorf("the message does not name %s with its list title and reason: %q", it.AppNo, ms[0].Body)
			}
		}
		if strings.Contains(ms[0].Body, "调用方的标题") || !strings.HasPrefix(ms[0].Body, "根据《"+heading+"》，向贵单位推荐专利2件：") {
			t.Errorf("message body = %q", ms[0].Body)
		}
		if ms := inbox(u2); len(ms) != 0 {
			t.Errorf("an enterprise not pushed got %+v", ms)
		}
		entries, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: "push.send"})
		if err != nil || len(entries) != 1 || entries[0].Object != "supply_list:"+strconv.FormatInt(prov.ID, 10) || entries[0].Actor != "admin" {
			t.Fatalf("audit = %+v, %v", entries, err)
		}
		if a := string(entries[0].After); !strings.Contains(a, `"sent":1`) || !strings.Contains(a, `"unreached":1`) || !strings.Contains(a, e1.Name) || strings.Contains(a, e3.Name) {
			t.Errorf("audit after = %s", a)
		}
		if last, err := db.LastPushSent(admin, prov.ID); err != nil || last == nil || last.Sent != 1 || last.Unreached != 1 || !last.At.Equal(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("last sent = %+v, %v", last, err)
		}

		// Sent again: the enterprise told before is not told twice, a new one is.
		sent, err = db.SendPush(admin, prov.ID, []patentbridge.EnterprisePush{pushTo(e1, prov, 1), pushTo(e2, prov, 1)})
		if err != nil || sent.Sent != 1 || sent.Repeated != 1 || sent.Unreached != 0 {
			t.Errorf("second sending = %+v, %v", sent, err)
		}
		if len(inbox(u1)) != 1 || len(inbox(u2)) != 1 {
			t.Errorf("after the second sending: %d and %d messages", len(inbox(u1)), len(inbox(u2)))
		}

		// A city user sends its own city's list only, to its own city's enterprises only,
		// and a refused sending sends nothing.
		wantCode(t, sendErr(db.SendPush(chengdu, my.ID, []patentbridge.EnterprisePush{pushTo(e1, my, 0)})), patentbridge.EFORBIDDEN)
		wantCode(t, sendErr(db.SendPush(chengdu, prov.ID, []patentbridge.EnterprisePush{pushTo(e1, prov, 1)})), patentbridge.EFORBIDDEN)
		wantCode(t, sendErr(db.SendPush(chengdu, cd.ID, []patentbridge.EnterprisePush{pushTo(e1, cd, 1), pushTo(e2, cd, 1)})), patentbridge.EFORBIDDEN)
		if len(inbox(u1)) != 1 {
			t.Errorf("a refused sending reached firm1: %+v", inbox(u1))
		}
		if sent, err := db.SendPush(chengdu, cd.ID, []patentbridge.EnterprisePush{pushTo(e1, cd, 1)}); err != nil || sent.Sent != 1 {
			t.Errorf("Chengdu sends its list: %+v, %v", sent, err)
		}
		wantCode(t, sendErr(db.SendPush(as(u1), cd.ID, []patentbridge.EnterprisePush{pushTo(e1, cd, 1)})), patentbridge.EFORBIDDEN)

		// Only the list's patents, only registry enterprises.
		bad := pushTo(e1, cd, 1)
		bad.Items[0].AppNo = "2099100000001"
		wantCode(t, sendErr(db.SendPush(admin, cd.ID, []patentbridge.EnterprisePush{bad})), patentbridge.EINVALID)
		stranger := newEnterprise(9, "")
		wantCode(t, sendErr(db.SendPush(admin, cd.ID, []patentbridge.EnterprisePush{pushTo(stranger, cd, 1)})), patentbridge.EINVALID)
		wantCode(t, sendErr(db.SendPush(admin, 999, []patentbridge.EnterprisePush{pushTo(e1, cd, 1)})), patentbridge.ENOTFOUND)
	})
}

func sendErr(_ *patentbridge.PushSent, err error) error { return err }
