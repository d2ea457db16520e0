package sqldb_test

import (
	"context"
	"strconv"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Valid 统一社会信用代码 (GB 32100 check character) for the fixtures.
const (
	codeChengduFirm = "91510100MA61A0001R"
	codeMianyang    = "91510700MA62B00026"
	codeSCU         = "12510000450717000J"
)

func newRegistration(name, code, city, username string) patentbridge.NewRegistration {
	return patentbridge.NewRegistration{OrgName: name, OrgType: patentbridge.PartyEnterprise, CreditCode: code,
		Contact: "张经理", Phone: "028-85551234", CityCode: city, Username: username, Password: "registered-pass-1"}
}

// fromAddress is an anonymous visitor's context from one address.
func fromAddress(addr string) context.Context {
	return patentbridge.WithOrigin(context.Background(), patentbridge.Origin{Address: addr, UserAgent: "Firefox"})
}

func TestRegisterRefusesBadFieldsNamingThem(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ok := newRegistration("成都某科技有限公司", codeChengduFirm, "5101", "cdfirm")
		for _, tc := range []struct {
			edit  func(r *patentbridge.NewRegistration)
			field string
		}{
			{func(r *patentbridge.NewRegistration) { r.CreditCode = "91510100MA61A00011" }, "credit_code"}, // wrong check character
			{func(r *patentbridge.NewRegistration) { r.CreditCode = "9151010" }, "credit_code"},
			{func(r *patentbridge.NewRegistration) { r.OrgName = " " }, "organization"},
			{func(r *patentbridge.NewRegistration) { r.OrgType = patentbridge.PartyIndividual }, "organization_type"},
			{func(r *patentbridge.NewRegistration) { r.Phone, r.Email = "", "" }, "phone"},
			{func(r *patentbridge.NewRegistration) { r.Email = "not-an-address" }, "email"},
			{func(r *patentbridge.NewRegistration) { r.CityCode = "" }, "city_code"},
			{func(r *patentbridge.NewRegistration) { r.Password = "short" }, "password"},
			{func(r *patentbridge.NewRegistration) { r.Contact = string(make([]rune, 51)) }, "contact"},
		} {
			r := ok
			tc.edit(&r)
			_, err := db.Register(fromAddress("10.1.0.1"), r)
			wantCode(t, err, patentbridge.EINVALID)
			if got := patentbridge.ErrorField(err); got != tc.field {
				t.Errorf("Register field = %q (%v), want %q", got, err, tc.field)
			}
		}
		if _, err := db.Register(fromAddress("10.1.0.2"), ok); err != nil {
			t.Fatal(err)
		}
		// The same credit code waits for review once; a taken username is refused.
		again := newRegistration("成都某科技有限公司", codeChengduFirm, "5101", "cdfirm2")
		_, err := db.Register(fromAddress("10.1.0.2"), again)
		wantCode(t, err, patentbridge.ECONFLICT)
		again = newRegistration("另一家公司", codeMianyang, "5107", "CDFIRM")
		_, err = db.Register(fromAddress("10.1.0.2"), again)
		wantCode(t, err, patentbridge.ECONFLICT)
	})
}

func TestRegistrationReviewByTheCityOffice(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		reg, err := db.Register(fromAddress("10.2.0.1"), newRegistration("成都某科技有限公司", codeChengduFirm, "5101", "cdfirm"))
		if err != nil {
			t.Fatal(err)
		}
		if reg.Status != patentbridge.RegistrationPending {
			t.Fatalf("status = %q, want pending", reg.Status)
		}
		sess, err := db.Login(fromAddress("10.2.0.1"), "cdfirm", "registered-pass-1", false)
		if err != nil {
			t.Fatalf("a pending account cannot log in: %v", err)
		}
		firm := sess.User
		if firm.Registration != patentbridge.RegistrationPending || firm.OrgID != 0 || firm.OrgName != "" || firm.Role != patentbridge.RoleEnterprise {
			t.Fatalf("pending account = %+v; want an enterprise account with no organization yet", firm)
		}
		demand := &patentbridge.Demand{Title: "白酒酿造废水处理技术", Description: "需要高浓度有机废水处理工艺", Contact: "张经理 028-85551234"}
		err = db.CreateDemand(as(firm), demand)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if msg := patentbridge.ErrorMessage(err); msg != "账号待审核，审核通过后可发布" {
			t.Errorf("pending post message = %q", msg)
		}

		// Another city neither sees nor decides it.
		list, total, err := db.ListRegistrations(as(f.mianyang), patentbridge.RegistrationFilter{})
		if err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("绵阳 lists %d registrations (%v), want none", total, err)
		}
		_, err = db.FindRegistration(as(f.mianyang), reg.ID)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.ApproveRegistration(as(f.mianyang), reg.ID)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.ApproveRegistration(as(firm), reg.ID)
		wantCode(t, err, patentbridge.EFORBIDDEN)

		list, total, err = db.ListRegistrations(as(f.chengdu), patentbridge.RegistrationFilter{Status: patentbridge.RegistrationPending})
		if err != nil || total != 1 || list[0].Username != "cdfirm" || list[0].CreditCode != codeChengduFirm {
			t.Fatalf("成都 lists %v (%d, %v), want cdfirm's registration", list, total, err)
		}
		if _, err := db.MatchRegistration(as(f.chengdu), reg.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Fatalf("match of an unknown organization = %v, want ENOTFOUND (a new one)", err)
		}
		got, err := db.ApproveRegistration(as(f.chengdu), reg.ID)
		if err != nil || got.Status != patentbridge.RegistrationApproved || got.OrgID == 0 {
			t.Fatalf("approve = %+v, %v", got, err)
		}
		_, err = db.ApproveRegistration(as(f.chengdu), reg.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
		o, err := db.FindOrganization(context.Background(), got.OrgID)
		if err != nil || o.Name != "成都某科技有限公司" || o.CreditCode != codeChengduFirm || o.CityCode != "5101" || o.Type != patentbridge.PartyEnterprise {
			t.Fatalf("registry entry = %+v, %v", o, err)
		}
		firm, err = db.UserByToken(context.Background(), sess.Token)
		if err != nil || firm.Registration != "" || firm.OrgID != o.ID {
			t.Fatalf("approved account = %+v, %v; want bound to %d, free to post", firm, err, o.ID)
		}
		if err := db.CreateDemand(as(firm), demand); err != nil {
			t.Fatalf("approved account cannot post: %v", err)
		}
		wantActions(t, db, "registration:"+strconv.FormatInt(reg.ID, 10), "registration.create", "registration.approve")
	})
}

func TestApprovalMatchesTheRegistry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db) // 四川大学 (5101) is in the registry without a credit code
		nr := newRegistration("四川大学", codeSCU, "5101", "scu-ttc")
		nr.OrgType = patentbridge.PartyUniversity
		reg, err := db.Register(fromAddress("10.3.0.1"), nr)
		if err != nil {
			t.Fatal(err)
		}
		scu, err := db.MatchRegistration(as(f.admin), reg.ID)
		if err != nil || scu.Name != "四川大学" {
			t.Fatalf("match = %+v, %v; want 四川大学", scu, err)
		}
		got, err := db.ApproveRegistration(as(f.admin), reg.ID)
		if err != nil || got.OrgID != scu.ID {
			t.Fatalf("approve = %+v, %v; want bound to the existing 四川大学 (%d)", got, err, scu.ID)
		}
		_, n, err := db.ListOrganizations(context.Background(), patentbridge.OrganizationFilter{Query: "四川大学"})
		if err != nil || n != 1 {
			t.Fatalf("四川大学 appears %d times in the registry (%v), want once", n, err)
		}
		if o, _ := db.FindOrganization(context.Background(), scu.ID); o.CreditCode != codeSCU {
			t.Errorf("credit code of 四川大学 = %q, want the registered %s", o.CreditCode, codeSCU)
		}
		// A second registration under that name with another code is a conflict, not a merge.
		other := newRegistration("四川大学", codeMianyang, "5101", "fake-scu")
		other.OrgType = patentbridge.PartyUniversity
		reg2, err := db.Register(fromAddress("10.3.0.1"), other)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.ApproveRegistration(as(f.chengdu), reg2.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
	})
}

func TestRejectedRegistrationKeepsTheReason(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		reg, err := db.Register(fromAddress("10.4.0.1"), newRegistration("绵阳某科技有限公司", codeMianyang, "5107", "myfirm"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.RejectRegistration(as(f.mianyang), reg.ID, " ")
		wantCode(t, err, patentbridge.EINVALID)
		got, err := db.RejectRegistration(as(f.mianyang), reg.ID, "营业执照与单位名称不符")
		if err != nil || got.Status != patentbridge.RegistrationRejected {
			t.Fatalf("reject = %+v, %v", got, err)
		}
		sess, err := db.Login(fromAddress("10.4.0.1"), "myfirm", "registered-pass-1", false)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := db.MyRegistration(patentbridge.WithUser(context.Background(), sess.User))
		if err != nil || mine.RejectReason != "营业执照与单位名称不符" || sess.User.Registration != patentbridge.RegistrationRejected {
			t.Fatalf("my registration = %+v, %v; user %+v", mine, err, sess.User)
		}
		if patentbridge.CanPost(sess.User) == nil {
			t.Error("a rejected account may post")
		}
		_, n, _ := db.ListOrganizations(context.Background(), patentbridge.OrganizationFilter{Query: "绵阳某科技"})
		if n != 0 {
			t.Errorf("a rejected registration entered the registry")
		}
	})
}

func TestRegistrationFormIsThrottledPerAddress(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		bad := newRegistration("成都某科技有限公司", "91510100MA61A00011", "5101", "cdfirm")
		for i := 0; i < sqldb.RegisterAttempts; i++ {
			_, err := db.Register(fromAddress("10.5.0.1"), bad)
			wantCode(t, err, patentbridge.EINVALID)
		}
		_, err := db.Register(fromAddress("10.5.0.1"), newRegistration("成都某科技有限公司", codeChengduFirm, "5101", "cdfirm"))
		wantCode(t, err, patentbridge.ETOOMANY)
		if _, err := db.Register(fromAddress("10.5.0.2"), newRegistration("成都某科技有限公司", codeChengduFirm, "5101", "cdfirm")); err != nil {
			t.Fatalf("another address is throttled too: %v", err)
		}
	})
}
