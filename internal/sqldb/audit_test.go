package sqldb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

var (
	auditAdmin = &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin}
	auditCity  = &patentbridge.User{ID: 2, Username: "chengdu", Role: patentbridge.RoleCity, CityCode: "5101", OrgName: "成都市知识产权局"}
	auditMy    = &patentbridge.User{ID: 3, Username: "mianyang", Role: patentbridge.RoleCity, CityCode: "5107"}
)

// as returns a context signed in as u, coming from a browser at 10.0.0.9.
func as(u *patentbridge.User) context.Context {
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.Origin{Address: "10.0.0.9", UserAgent: "Firefox"})
	if u == nil {
		return ctx
	}
	return patentbridge.WithUser(ctx, u)
}

func TestAuditLogScopeFiltersAndAppendOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		for _, tc := range []struct {
			u    *patentbridge.User
			org  string
			city string
		}{{auditAdmin, "四川大学", "5101"}, {auditCity, "成都某科技有限公司", "5101"}, {auditMy, "绵阳某科技有限公司", "5107"}} {
			o := &patentbridge.Organization{Name: tc.org, Type: patentbridge.PartyEnterprise, CityCode: tc.city}
			if err := db.CreateOrganization(as(tc.u), o); err != nil {
				t.Fatal(err)
			}
		}
		all, total, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{})
		if err != nil || total != 3 || all[0].Actor != "mianyang" || all[2].Actor != "admin" || all[2].Action != "organization.create" {
			t.Fatalf("admin sees %d entries %+v, %v; want 3, newest first", total, all, err)
		}
		e := all[1]
		if e.Role != patentbridge.RoleCity || e.Organization != "成都市知识产权局" || e.CityCode != "5101" ||
			e.Address != "10.0.0.9" || e.UserAgent != "Firefox" || e.At.IsZero() || string(e.Before) != "null" {
			t.Errorf("entry = %+v", e)
		}
		var after patentbridge.Organization
		if json.Unmarshal(e.After, &after) != nil || after.Name != "成都某科技有限公司" || e.Object != fmt.Sprintf("organization:%d", after.ID) {
			t.Errorf("%s after = %s", e.Object, e.After)
		}
		// A city user sees its city's entries only, whatever filter it asks for.
		mine, total, err := db.ListAudit(as(auditCity), patentbridge.AuditFilter{City: "5107"})
		if err != nil || total != 1 || mine[0].Actor != "chengdu" {
			t.Errorf("city sees %+v (%d), %v; want its own entry only", mine, total, err)
		}
		for f, want := range map[patentbridge.AuditFilter]int{
			{Action: "organization."}: 3, {Action: "organization"}: 0, {Object: "organization:2"}: 1, {Object: "organization:"}: 3,
			{Object: "user:"}: 0, {Actor: "admin"}: 1, {From: sqldbtest.Start.AddDate(1, 0, 0)}: 0, {To: sqldbtest.Start.AddDate(1, 0, 0)}: 3,
		} {
			if _, n, err := db.ListAudit(as(auditAdmin), f); err != nil || n != want {
				t.Errorf("filter %+v: %d entries, %v; want %d", f, n, err, want)
			}
		}
		_, _, err = db.ListAudit(as(&patentbridge.User{ID: 9, Role: patentbridge.RoleInstitution}), patentbridge.AuditFilter{})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		_, _, err = db.ListAudit(as(nil), patentbridge.AuditFilter{})
		wantCode(t, err, patentbridge.EUNAUTHORIZED)

		// No statement edits or deletes an entry.
		ctx := context.Background()
		if err := db.ExecForTest(ctx, "UPDATE audit_log SET actor = 'nobody'"); err == nil {
			t.Error("an audit entry was edited")
		}
		if err := db.ExecForTest(ctx, "DELETE FROM audit_log"); err == nil {
			t.Error("audit entries were deleted")
		}
		if _, n, _ := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Actor: "admin"}); n != 1 {
			t.Errorf("after the attempts the admin has %d entries, want 1", n)
		}
	})
}
