package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

var orgEnterpriseUser = &patentbridge.User{ID: 4, Username: "qiye", Role: patentbridge.RoleEnterprise}

func mustCreateOrg(tb testing.TB, db *sqldb.DB, o *patentbridge.Organization) *patentbridge.Organization {
	tb.Helper()
	if err := db.CreateOrganization(as(auditAdmin), o); err != nil {
		tb.Fatalf("CreateOrganization(%s): %v", o.Name, err)
	}
	return o
}

func mustFindOrg(tb testing.TB, db *sqldb.DB, name string) *patentbridge.Organization {
	tb.Helper()
	o, err := db.FindOrganizationByName(context.Background(), name)
	if err != nil {
		tb.Fatalf("FindOrganizationByName(%s): %v", name, err)
	}
	return o
}

func TestOrganizationCreateValidateAndConflicts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		huaxi := mustCreateOrg(t, db, &patentbridge.Organization{Name: "四川大学（华西）", Aliases: []string{"川大 华西", "四川大学(华西)"},
			Type: patentbridge.PartyUniversity, CityCode: "5101", CreditCode: creditCode(1)})
		if !slices.Equal(huaxi.Aliases, []string{"川大华西"}) {
			t.Errorf("aliases = %q, want the normalized alias only (the bracket variant is the name)", huaxi.Aliases)
		}
		for name, tc := range map[string]struct {
			o         patentbridge.Organization
			code, fld string
		}{
			"half-width brackets": {patentbridge.Organization{Name: "四川大学(华西)", Type: patentbridge.PartyUniversity}, patentbridge.ECONFLICT, "name"},
			"alias taken":         {patentbridge.Organization{Name: "华西", Aliases: []string{"川大华西"}, Type: patentbridge.PartyHospital}, patentbridge.ECONFLICT, "aliases"},
			"credit code taken":   {patentbridge.Organization{Name: "另一单位", Type: patentbridge.PartySOE, CreditCode: creditCode(1)}, patentbridge.ECONFLICT, "credit_code"},
			"bad credit code":     {patentbridge.Organization{Name: "另一单位", Type: patentbridge.PartySOE, CreditCode: "91510100MA00000011"}, patentbridge.EINVALID, "统一社会信用代码"},
			"individual":          {patentbridge.Organization{Name: "张伟", Type: patentbridge.PartyIndividual}, patentbridge.EINVALID, "type"},
			"no type":             {patentbridge.Organization{Name: "另一单位"}, patentbridge.EINVALID, "type"},
			"city code":           {patentbridge.Organization{Name: "另一单位", Type: patentbridge.PartySOE, CityCode: "51"}, patentbridge.EINVALID, "city_code"},
			"missing parent":      {patentbridge.Organization{Name: "另一单位", Type: patentbridge.PartySOE, ParentID: 999}, patentbridge.EINVALID, "parent_id"},
			"empty name":          {patentbridge.Organization{Name: "  ", Type: patentbridge.PartySOE}, patentbridge.EINVALID, "name"},
		} {
			err := db.CreateOrganization(ctx, &tc.o)
			if patentbridge.ErrorCode(err) != tc.code || patentbridge.ErrorField(err) != tc.fld {
				t.Errorf("%s: error %v, want %s on %s", name, err, tc.code, tc.fld)
			}
		}
		for _, n := range []string{"川大华西", "四川大学 (华西)", "四川大学（华西）"} {
			if got := mustFindOrg(t, db, n); got.ID != huaxi.ID || got.CreditCode != creditCode(1) {
				t.Errorf("FindOrganizationByName(%s) = %+v, want organization %d", n, got, huaxi.ID)
			}
		}
		_, err := db.FindOrganizationByName(ctx, "不存在的单位")
		wantCode(t, err, patentbridge.ENOTFOUND)

		// A parent must not be the organization's own child.
		child := mustCreateOrg(t, db, &patentbridge.Organization{Name: "华西口腔医院", Type: patentbridge.PartyHospital, ParentID: huaxi.ID})
		huaxi.ParentID = child.ID
		err = db.UpdateOrganization(ctx, huaxi)
		wantCode(t, err, patentbridge.EINVALID)
		huaxi.ParentID = 0
		huaxi.Aliases = append(huaxi.Aliases, "华西医科大学")
		if err := db.UpdateOrganization(ctx, huaxi); err != nil {
			t.Fatal(err)
		}
		if got := mustFindOrg(t, db, "华西医科大学"); got.ID != huaxi.ID || len(got.Aliases) != 2 {
			t.Errorf("after update: %+v, want 2 aliases", got)
		}
		wantCode(t, db.UpdateOrganization(ctx, &patentbridge.Organization{ID: 999, Name: "无", Type: patentbridge.PartySOE}), patentbridge.ENOTFOUND)

		entries, total, err := db.ListAudit(ctx, patentbridge.AuditFilter{Action: "organization."})
		if err != nil || total != 3 || entries[0].Action != "organization.update" || entries[0].Object != "organization:1" ||
			entries[0].Actor != "admin" || len(entries[0].Before) == 0 {
			t.Errorf("audit = %d entries %+v, %v; want create, create, update by admin with before values", total, entries, err)
		}
	})
}

func TestOrganizationScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		mianyang := &patentbridge.Organization{Name: "绵阳市某研究所", Type: patentbridge.PartyInstitute, CityCode: "5107"}
		wantCode(t, db.CreateOrganization(as(auditCity), mianyang), patentbridge.EFORBIDDEN)
		wantCode(t, db.CreateOrganization(as(orgEnterpriseUser), mianyang), patentbridge.EFORBIDDEN)
		wantCode(t, db.CreateOrganization(as(nil), mianyang), patentbridge.EUNAUTHORIZED)
		chengdu := &patentbridge.Organization{Name: "成都市某研究所", Type: patentbridge.PartyInstitute, CityCode: "5101"}
		if err := db.CreateOrganization(as(auditCity), chengdu); err != nil {
			t.Fatalf("city user creating its own city's organization: %v", err)
		}
		if err := db.CreateOrganization(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), mianyang); err != nil {
			t.Fatalf("command line creating an organization: %v", err)
		}
		chengdu.CityCode = "5107"
		wantCode(t, db.UpdateOrganization(as(auditCity), chengdu), patentbridge.EFORBIDDEN)
		wantCode(t, db.MergeOrganizations(as(auditCity), chengdu.ID, mianyang.ID), patentbridge.EFORBIDDEN)
		_, err := db.UpsertOrganizations(as(auditCity), []*patentbridge.Organization{{Name: "绵阳市某研究所", Type: patentbridge.PartySOE}})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		_, err = db.SyncOrganizations(as(auditCity))
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if got := mustFindOrg(t, db, "绵阳市某研究所"); got.Type != patentbridge.PartyInstitute {
			t.Errorf("forbidden import changed the type to %s", got.Type)
		}
	})
}

func TestOrganizationAuditFailureLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustFailAudit(t, db)
		err := db.CreateOrganization(as(auditAdmin), &patentbridge.Organization{Name: "四川大学", Aliases: []string{"川大"}, Type: patentbridge.PartyUniversity})
		if err == nil {
			t.Fatal("CreateOrganization succeeded although its audit row failed")
		}
		for _, n := range []string{"四川大学", "川大"} {
			_, err := db.FindOrganizationByName(context.Background(), n)
			wantCode(t, err, patentbridge.ENOTFOUND)
		}
	})
}
