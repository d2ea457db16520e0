package sqldb_test

import (
	"context"
	"fmt"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// orgCount runs a one-number query and fails the test on error.
func orgCount(tb testing.TB, db *sqldb.DB, sql string) int {
	tb.Helper()
	n, err := db.QueryIntForTest(context.Background(), sql)
	if err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestOrganizationSyncListAndMerge(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		ps := []*patentbridge.Patent{}
		for i := range 6 {
			ps = append(ps, newPatent(i))
		}
		coOwned := newPatent(6) // 四川大学 with its hospital
		coOwned.Applicants = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity},
			{Name: "四川大学华西医院", Type: patentbridge.PartyHospital}}
		MustUpsert(t, db, append(ps, coOwned)...)
		zhihang := mustCreateOrg(t, db, &patentbridge.Organization{Name: "智航科技", Aliases: []string{"成都智航科技有限公司"},
			Type: patentbridge.PartyEnterprise, SME: true})

		created, err := db.SyncOrganizations(ctx)
		if err != nil || created != 3 {
			t.Fatalf("SyncOrganizations = %d, %v; want 3 (四川大学, 研究所, 华西医院; 智航 by alias, 张伟 none)", created, err)
		}
		if again, err := db.SyncOrganizations(ctx); err != nil || again != 0 {
			t.Errorf("second sync = %d, %v; want 0", again, err)
		}
		if n := orgCount(t, db, "SELECT COUNT(*) FROM patent_owners WHERE org_id IS NULL AND type <> 'individual'"); n != 0 {
			t.Errorf("%d organization owners left unlinked", n)
		}
		if n := orgCount(t, db, "SELECT COUNT(*) FROM patent_owners WHERE org_id IS NOT NULL AND type = 'individual'"); n != 0 {
			t.Errorf("%d individual owners linked to an organization", n)
		}
		hospital := mustFindOrg(t, db, "四川大学华西医院")
		scu := mustFindOrg(t, db, "四川大学")
		if hospital.Type != patentbridge.PartyHospital || hospital.Patents != 1 || scu.Patents != 3 || scu.CityCode != "5101" {
			t.Errorf("hospital %+v, university %+v; want a hospital with 1 patent, a 5101 university with 3", hospital, scu)
		}
		if got := mustFindOrg(t, db, "智航科技"); got.Patents != 2 {
			t.Errorf("智航科技 owns %d patents through its alias, want 2", got.Patents)
		}

		for _, tc := range []struct {
			f     patentbridge.OrganizationFilter
			total int
			first string
		}{
			{patentbridge.OrganizationFilter{Query: "华西"}, 1, "四川大学华西医院"},
			{patentbridge.OrganizationFilter{Query: "有限公司"}, 1, "智航科技"}, // by alias
			{patentbridge.OrganizationFilter{Type: patentbridge.PartyUniversity}, 1, "四川大学"},
			{patentbridge.OrganizationFilter{City: "5107"}, 1, "中国科学院成都生物研究所"},
			{patentbridge.OrganizationFilter{Limit: 2, Offset: 2}, 4, ""},
		} {
			os, total, err := db.ListOrganizations(context.Background(), tc.f)
			if err != nil || total != tc.total || (tc.first != "" && os[0].Name != tc.first) {
				t.Errorf("ListOrganizations(%+v) = %d %v, %v; want %d starting with %s", tc.f, total, os, err, tc.total, tc.first)
			}
		}
		page, _, _ := db.ListOrganizations(context.Background(), patentbridge.OrganizationFilter{Query: "智航"})
		if len(page) != 1 || len(page[0].Aliases) != 1 || page[0].Patents != 2 || page[0].ID != zhihang.ID {
			t.Errorf("list item %+v, want aliases and patent count", page)
		}

		uid := func(name string, org int64) {
			t.Helper()
			if err := db.ExecForTest(context.Background(), fmt.Sprintf(`INSERT INTO users (username, role, org_name, organization_id,
				password_hash, created_at) VALUES ('%s', 'institution', '四川大学华西医院', %d, 'x', '2026-11-27T09:00:00.000000Z')`, name, org)); err != nil {
				t.Fatal(err)
			}
		}
		uid("huaxi", hospital.ID)
		wantCode(t, db.MergeOrganizations(ctx, scu.ID, scu.ID), patentbridge.EINVALID)
		wantCode(t, db.MergeOrganizations(ctx, scu.ID, 999), patentbridge.ENOTFOUND)
		if err := db.MergeOrganizations(ctx, scu.ID, hospital.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustFindOrg(t, db, "四川大学华西医院"); got.ID != scu.ID || got.Patents != 3 {
			t.Errorf("after merge the hospital's name finds %+v, want 四川大学 with 3 patents (the co-owned one once)", got)
		}
		_, err = db.FindOrganization(ctx, hospital.ID)
		wantCode(t, err, patentbridge.ENOTFOUND)
		if n := orgCount(t, db, fmt.Sprintf("SELECT COUNT(*) FROM users WHERE organization_id = %d AND org_name = '四川大学'", scu.ID)); n != 1 {
			t.Errorf("%d users moved to 四川大学, want 1", n)
		}
		entries, _, err := db.ListAudit(ctx, patentbridge.AuditFilter{Action: "organization.merge"})
		if err != nil || len(entries) != 1 || len(entries[0].Before) == 0 || len(entries[0].After) == 0 {
			t.Errorf("merge audit = %+v, %v; want one entry with before and after", entries, err)
		}
		if _, total, _ := db.ListAudit(ctx, patentbridge.AuditFilter{Action: "organization.sync"}); total != 1 {
			t.Errorf("%d sync audit entries, want 1 (the second sync changed nothing)", total)
		}
	})
}

func TestOrganizationUpsertAndEnterprises(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		mustCreateOrg(t, db, &patentbridge.Organization{Name: "四川省能源投资集团有限责任公司", Aliases: []string{"川能投"}, Type: patentbridge.PartyEnterprise})
		mustCreateOrg(t, db, &patentbridge.Organization{Name: "成都某科技有限公司", Type: patentbridge.PartyEnterprise, CreditCode: creditCode(7)})
		res, err := db.UpsertOrganizations(ctx, []*patentbridge.Organization{
			{Name: "川能投", Type: patentbridge.PartySOE, CityCode: "5101"}, // by alias
			{Name: "成都某科技股份有限公司", CreditCode: creditCode(7), SME: true},  // by credit code, renamed
			{Name: "四川九洲电器集团有限责任公司", Type: patentbridge.PartySOE, CityCode: "5107"},
		})
		if err != nil || res.Inserted != 1 || res.Updated != 2 {
			t.Fatalf("UpsertOrganizations = %+v, %v; want 1 inserted, 2 updated", res, err)
		}
		if o := mustFindOrg(t, db, "川能投"); o.Type != patentbridge.PartySOE || o.CityCode != "5101" {
			t.Errorf("川能投 = %+v, want an SOE of 5101", o)
		}
		if o := mustFindOrg(t, db, "成都某科技股份有限公司"); o.Name != "成都某科技有限公司" || !o.SME || o.Type != patentbridge.PartyEnterprise {
			t.Errorf("renamed enterprise = %+v, want the registry name kept, the new one as alias, SME, type kept", o)
		}
		entries, _, _ := db.ListAudit(ctx, patentbridge.AuditFilter{Action: "organization.import"})
		if len(entries) != 1 || string(entries[0].After) != `{"inserted":1,"updated":2}` {
			t.Errorf("import audit = %+v, want one summary", entries)
		}

		e := newEnterprise(3, "天府软件园")
		if _, err := db.UpsertEnterprises(context.Background(), []*patentbridge.Enterprise{e}); err != nil {
			t.Fatal(err)
		}
		o := mustFindOrg(t, db, e.Name)
		if o.CreditCode != e.CreditCode || o.Type != patentbridge.PartyEnterprise || o.CityCode != "5107" || o.SME != e.SME {
			t.Errorf("enterprise %+v became organization %+v", e, o)
		}
	})
}
