package sqldb_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

const pw = "correct horse battery"

// accountsFixture has an admin, two cities and two institutions of two cities.
type accountsFixture struct {
	admin, chengdu, mianyang *patentbridge.User
}

func newAccounts(t *testing.T, db *sqldb.DB) accountsFixture {
	MustOrganization(t, db, "四川大学", patentbridge.PartyUniversity, "5101")
	MustOrganization(t, db, "西南科技大学", patentbridge.PartyUniversity, "5107")
	f := accountsFixture{admin: MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw)}
	f.chengdu = MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)
	my, err := db.CreateUser(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI),
		patentbridge.NewUser{Username: "mianyang", Role: patentbridge.RoleCity, CityCode: "5107", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	f.mianyang = my
	return f
}

func TestCreateUserRulesAndScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		scu := patentbridge.NewUser{Username: "scu", Name: "技术转移中心", Role: patentbridge.RoleInstitution, Organization: "四川大学", Password: "initial-pass-1"}
		for _, tc := range []struct {
			nu    patentbridge.NewUser
			field string
		}{
			{patentbridge.NewUser{Username: " ", Role: patentbridge.RoleAdmin, Password: pw}, "username"},
			{patentbridge.NewUser{Username: "bob", Role: patentbridge.RoleAdmin, Password: "short9char"[:9]}, "password"},
			{patentbridge.NewUser{Username: "bob-the-admin", Role: patentbridge.RoleAdmin, Password: "BOB-THE-ADMIN"}, "password"},
			{patentbridge.NewUser{Username: "bob", Role: "root", Password: pw}, "role"},
			{patentbridge.NewUser{Username: "bob", Role: patentbridge.RoleCity, Password: pw}, "city_code"},
			{patentbridge.NewUser{Username: "bob", Role: patentbridge.RoleInstitution, Password: pw}, "organization"},
			{patentbridge.NewUser{Username: "bob", Role: patentbridge.RoleInstitution, Organization: "清华大学", Password: pw}, "organization"},
		} {
			_, err := db.CreateUser(as(f.admin), tc.nu)
			wantCode(t, err, patentbridge.EINVALID)
			if got := patentbridge.ErrorField(err); got != tc.field {
				t.Errorf("CreateUser(%+v) field = %q, want %q", tc.nu, got, tc.field)
			}
		}
		u, err := db.CreateUser(as(f.admin), scu)
		if err != nil || u.OrgName != "四川大学" || u.OrgID == 0 || u.CityCode != "5101" || !u.MustChangePassword {
			t.Fatalf("CreateUser(scu) = %+v, %v; want bound to 四川大学 in 5101, to change its password", u, err)
		}
		_, err = db.CreateUser(as(f.admin), scu)
		wantCode(t, err, patentbridge.ECONFLICT)
		// Nor a username that passes for a taken one.
		for _, name := range []string{"SCU", "ADMIN", "zw\u200badmin", "ａｄｍｉｎ", "ctl\x00user"} {
			lookalike := scu
			lookalike.Username, lookalike.Password = name, "lookalike-pass-1"
			if _, err := db.CreateUser(as(f.admin), lookalike); err == nil {
				t.Errorf("username %q was accepted beside scu and admin", name)
			}
		}
		_, err = db.CreateUser(as(f.admin), patentbridge.NewUser{Username: "bell", Name: "响铃\a", Role: patentbridge.RoleAdmin, Password: pw})
		wantCode(t, err, patentbridge.EINVALID)

		// A city user creates accounts of its own city's organizations only, and no admins.
		firm := patentbridge.NewUser{Username: "swust", Role: patentbridge.RoleInstitution, Organization: "西南科技大学", Password: pw}
		_, err = db.CreateUser(as(f.chengdu), firm)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if _, err := db.CreateUser(as(f.mianyang), firm); err != nil {
			t.Errorf("绵阳 creating a 西南科技大学 account: %v", err)
		}
		_, err = db.CreateUser(as(f.chengdu), patentbridge.NewUser{Username: "boss", Role: patentbridge.RoleAdmin, Password: pw})
		wantCode(t, err, patentbridge.EINVALID)
		_, err = db.CreateUser(as(u), patentbridge.NewUser{Username: "xx", Role: patentbridge.RoleEnterprise, Organization: "四川大学", Password: pw})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		_, err = db.CreateUser(as(nil), patentbridge.NewUser{Username: "anon", Role: patentbridge.RoleAdmin, Password: pw})
		wantCode(t, err, patentbridge.EUNAUTHORIZED)

		// The city sees its own accounts; the admin all of them.
		if _, n, err := db.ListUsers(as(f.chengdu), patentbridge.UserFilter{}); err != nil || n != 2 {
			t.Errorf("成都 lists %d accounts, %v; want chengdu and scu", n, err)
		}
		if users, n, err := db.ListUsers(as(f.admin), patentbridge.UserFilter{Query: "四川"}); err != nil || n != 1 || users[0].Username != "scu" {
			t.Errorf("admin search 四川 = %d, %v", n, err)
		}
		_, err = db.FindUser(as(f.mianyang), u.ID)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		// Nor can 成都 move one of its accounts to a 绵阳 organization.
		swust := "西南科技大学"
		_, err = db.UpdateUser(as(f.chengdu), u.ID, patentbridge.UserUpdate{Organization: &swust})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if got, _ := db.FindUser(as(f.admin), u.ID); got.OrgName != "四川大学" || got.CityCode != "5101" {
			t.Errorf("after the refused move: %+v", got)
		}

		// The creation is audited with the values after.
		es, _, _ := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Object: "user:" + itoa(u.ID)})
		var after patentbridge.User
		if len(es) != 1 || es[0].Action != "user.create" || es[0].Actor != "admin" || json.Unmarshal(es[0].After, &after) != nil || after.OrgName != "四川大学" {
			t.Errorf("audit of the creation = %+v", es)
		}
	})
}

func TestLoginLockoutAndSameCost(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := sqldbtest.Start
		db.Now = func() time.Time { return now }
		MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw)
		ctx := as(nil)
		s, err := db.Login(ctx, "admin", pw, false)
		if err != nil || len(s.Token) != 64 || !s.ExpiresAt.Equal(now.Add(sqldb.DefaultSessionTTL)) {
			t.Fatalf("Login = %+v, %v", s, err)
		}
		for i := 1; i <= sqldb.LockoutFailures; i++ {
			_, err := db.Login(ctx, "admin", "wrong password", false)
			want := patentbridge.EUNAUTHORIZED
			if i == sqldb.LockoutFailures {
				want = patentbridge.ETOOMANY
			}
			wantCode(t, err, want)
		}
		_, err = db.Login(ctx, "admin", pw, false)
		wantCode(t, err, patentbridge.ETOOMANY)
		if wait := patentbridge.ErrorRetryAfter(err); wait != sqldb.LockoutDuration {
			t.Errorf("RetryAfter = %v, want %v", wait, sqldb.LockoutDuration)
		}
		// An unknown username locks the same way, so a lockout tells nothing.
		for range sqldb.LockoutFailures {
			_, err = db.Login(patentbridge.WithOrigin(context.Background(), patentbridge.Origin{Address: "10.0.0.7"}), "nobody", "x-password", false)
		}
		wantCode(t, err, patentbridge.ETOOMANY)
		now = now.Add(sqldb.LockoutDuration + time.Second)
		if _, err := db.Login(ctx, "admin", pw, false); err != nil {
			t.Errorf("login after the lockout ended: %v", err)
		}
		// One address guessing many usernames is stopped too.
		for i := range sqldb.AddressFailures {
			_, err = db.Login(ctx, "user"+itoa(int64(i)), "wrong password", false)
		}
		wantCode(t, err, patentbridge.ETOOMANY)

		// Every attempt is recorded, the refused ones during a lockout too (the
		// right password once for admin, once more after the address lock).
		_, err = db.Login(ctx, "admin", pw, false)
		wantCode(t, err, patentbridge.ETOOMANY)
		want := sqldb.LockoutFailures*2 + sqldb.AddressFailures + 2
		es, n, _ := db.ListAudit(as(&patentbridge.User{Role: patentbridge.RoleAdmin}), patentbridge.AuditFilter{Action: "login.failed"})
		if n != want || es[0].Address != "10.0.0.9" || !strings.Contains(string(es[0].After), `"reason":"locked"`) {
			t.Errorf("%d failed logins audited, want %d; newest %s", n, want, es[0].After)
		}
	})
}

func TestUnknownUsernameCostsAFullBcrypt(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.PasswordCost = bcrypt.DefaultCost
	if cost := sqldb.DummyHashCost(db); cost != bcrypt.DefaultCost {
		t.Errorf("unknown usernames are checked against a cost-%d hash, real ones cost %d", cost, bcrypt.DefaultCost)
	}
	db.PasswordCost = bcrypt.MinCost + 1
	if cost := sqldb.DummyHashCost(db); cost != bcrypt.MinCost+1 {
		t.Errorf("after a change of cost the dummy hash costs %d, want %d", cost, bcrypt.MinCost+1)
	}
}

func TestDisableEndsSessionsAndTokensAtOnce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		scu, err := db.CreateUser(as(f.admin), patentbridge.NewUser{Username: "scu", Role: patentbridge.RoleInstitution, Organization: "四川大学", Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		s, err := db.Login(as(nil), "scu", pw, false)
		if err != nil || !s.User.MustChangePassword {
			t.Fatalf("Login = %+v, %v; a new account must change its password", s, err)
		}
		api, _ := db.Login(as(nil), "scu", pw, true)
		named, tok, err := db.CreateAPIToken(as(scu), "导入脚本")
		if err != nil || tok.ExpiresAt.IsZero() {
			t.Fatalf("CreateAPIToken = %+v, %v", tok, err)
		}
		for _, token := range []string{s.Token, api.Token, named} {
			if _, err := db.UserByToken(context.Background(), token); err != nil {
				t.Fatalf("UserByToken before disabling: %v", err)
			}
		}
		// 绵阳 cannot disable a 成都 account; 成都 can.
		yes := true
		_, err = db.UpdateUser(as(f.mianyang), scu.ID, patentbridge.UserUpdate{Disabled: &yes})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if _, err := db.UpdateUser(as(f.chengdu), scu.ID, patentbridge.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		for _, token := range []string{s.Token, api.Token, named} {
			_, err := db.UserByToken(context.Background(), token)
			wantCode(t, err, patentbridge.EUNAUTHORIZED)
		}
		_, err = db.Login(as(nil), "scu", pw, false)
		if patentbridge.ErrorMessage(err) != "账号已停用，请联系管理员" {
			t.Errorf("login of a disabled account: %v", err)
		}
		es, _, _ := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Action: "user.disable"})
		var before, after patentbridge.User
		if len(es) != 1 || json.Unmarshal(es[0].Before, &before) != nil || json.Unmarshal(es[0].After, &after) != nil ||
			before.Disabled || !after.Disabled || es[0].Actor != "chengdu" {
			t.Errorf("disable audit = %+v", es)
		}
	})
}

func TestPasswordsAndTokens(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		scu, _ := db.CreateUser(as(f.admin), patentbridge.NewUser{Username: "scu", Role: patentbridge.RoleInstitution, Organization: "四川大学", Password: pw})
		wantCode(t, db.ChangePassword(as(scu), "not the password", "a new password 1"), patentbridge.EINVALID)
		wantCode(t, db.ChangePassword(as(scu), pw, "scu"), patentbridge.EINVALID)
		before, _ := db.Login(as(nil), "scu", pw, true)
		if err := db.ChangePassword(as(scu), pw, "a new password 1"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UserByToken(context.Background(), before.Token); err == nil {
			t.Error("a token from before the password change still works")
		}
		s, err := db.Login(as(nil), "scu", "a new password 1", false)
		if err != nil || s.User.MustChangePassword {
			t.Fatalf("login with the new password = %+v, %v", s, err)
		}
		if err := db.ResetPassword(as(f.chengdu), scu.ID, "reset password 22"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.ResetPassword(as(f.mianyang), scu.ID, "reset password 22"), patentbridge.EFORBIDDEN)
		if _, err := db.UserByToken(context.Background(), s.Token); err == nil {
			t.Error("a reset password left the session open")
		}
		// Tokens: named, listed without their secret, revoked; login tokens end at logout.
		secret, tok, err := db.CreateAPIToken(as(scu), "导入脚本")
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = db.CreateAPIToken(as(scu), " ")
		wantCode(t, err, patentbridge.EINVALID)
		list, err := db.ListAPITokens(as(scu))
		if err != nil || len(list) != 1 || list[0].Name != "导入脚本" || !list[0].LastUsedAt.IsZero() {
			t.Fatalf("ListAPITokens = %+v, %v", list, err)
		}
		if _, err := db.UserByToken(context.Background(), secret); err != nil {
			t.Fatal(err)
		}
		if list, _ = db.ListAPITokens(as(scu)); list[0].LastUsedAt.IsZero() {
			t.Error("last use not recorded")
		}
		wantCode(t, db.RevokeAPIToken(as(f.admin), tok.ID), patentbridge.ENOTFOUND)
		if err := db.RevokeAPIToken(as(scu), tok.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.UserByToken(context.Background(), secret)
		wantCode(t, err, patentbridge.EUNAUTHORIZED)
		api, err := db.Login(as(nil), "admin", pw, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Logout(as(f.admin), api.Token); err != nil {
			t.Fatal(err)
		}
		_, err = db.UserByToken(context.Background(), api.Token)
		wantCode(t, err, patentbridge.EUNAUTHORIZED)
	})
}

// Guessing the current password on a stolen session counts towards the lockout
// and is audited.
func TestChangePasswordGuessesAreThrottled(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		u := MustCreateUser(t, db, "scu", patentbridge.RoleAdmin, pw)
		var err error
		for range sqldb.LockoutFailures {
			err = db.ChangePassword(as(u), "a guessed password", "a new password 1")
		}
		wantCode(t, err, patentbridge.ETOOMANY)
		wantCode(t, db.ChangePassword(as(u), pw, "a new password 1"), patentbridge.ETOOMANY)
		if _, n, _ := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Action: "user.change_password.failed"}); n != sqldb.LockoutFailures {
			t.Errorf("%d failed changes audited, want %d", n, sqldb.LockoutFailures)
		}
	})
}

func TestAccountActWhoseAuditFailsLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newAccounts(t, db)
		MustFailAudit(t, db)
		_, err := db.CreateUser(as(f.admin), patentbridge.NewUser{Username: "scu", Role: patentbridge.RoleInstitution, Organization: "四川大学", Password: pw})
		if err == nil {
			t.Fatal("CreateUser succeeded without its audit row")
		}
		if _, n, _ := db.ListUsers(as(f.admin), patentbridge.UserFilter{Query: "scu"}); n != 0 {
			t.Errorf("the account was stored without its audit row")
		}
		yes := true
		if _, err := db.UpdateUser(as(f.admin), f.chengdu.ID, patentbridge.UserUpdate{Disabled: &yes}); err == nil {
			t.Fatal("UpdateUser succeeded without its audit row")
		}
		if u, _ := db.FindUser(as(f.admin), f.chengdu.ID); u.Disabled {
			t.Error("the account was disabled without its audit row")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// MustOrganization registers an organization, as the platform, so that accounts can belong to it.
func MustOrganization(tb testing.TB, db *sqldb.DB, name string, typ patentbridge.PartyType, city string) {
	tb.Helper()
	o := &patentbridge.Organization{Name: name, Type: typ, CityCode: city}
	if err := db.CreateOrganization(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), o); err != nil {
		tb.Fatalf("create organization %s: %v", name, err)
	}
}

// An administrator cannot change its own role, and the last enabled
// administrator can be neither demoted nor disabled.
func TestTheLastAdministratorStays(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		admin := MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw)
		city, code := patentbridge.RoleCity, "5101"
		_, err := db.UpdateUser(as(admin), admin.ID, patentbridge.UserUpdate{Role: &city, CityCode: &code})
		wantCode(t, err, patentbridge.EINVALID)
		cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		_, err = db.UpdateUser(cli, admin.ID, patentbridge.UserUpdate{Role: &city, CityCode: &code})
		if patentbridge.ErrorField(err) != "role" {
			t.Errorf("demoting the last administrator: %v", err)
		}
		yes := true
		_, err = db.UpdateUser(cli, admin.ID, patentbridge.UserUpdate{Disabled: &yes})
		wantCode(t, err, patentbridge.EINVALID)
		second := MustCreateUser(t, db, "admin2", patentbridge.RoleAdmin, pw)
		if _, err := db.UpdateUser(as(second), admin.ID, patentbridge.UserUpdate{Role: &city, CityCode: &code}); err != nil {
			t.Errorf("demoting one of two administrators: %v", err)
		}
	})
}
