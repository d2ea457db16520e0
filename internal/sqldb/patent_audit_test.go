package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Every imported batch that changes patents is audited in its transaction, by
// the command line, a job or a user; an unchanged re-import writes nothing.
func TestImportBatchesAreAudited(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		ps := []*patentbridge.Patent{newPatent(1), newPatent(2), newPatent(3)}
		if _, err := db.UpsertPatents(ctx, ps); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpsertPatents(ctx, ps); err != nil {
			t.Fatal(err)
		}
		es, n, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Action: "patent.import"})
		if err != nil || n != 1 || es[0].Address != "cli" {
			t.Fatalf("import audit = %+v (%d), %v; want one batch from cli", es, n, err)
		}
		var after map[string]any
		if json.Unmarshal(es[0].After, &after) != nil || after["inserted"] != float64(3) || after["first"] != ps[0].AppNo {
			t.Errorf("after = %s", es[0].After)
		}
	})
}

func TestImportBatchWhoseAuditFailsLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustFailAudit(t, db)
		if _, err := db.UpsertPatents(context.Background(), []*patentbridge.Patent{newPatent(1)}); err == nil {
			t.Fatal("a batch was imported without its audit row")
		}
		if n, _ := db.CountPatents(context.Background()); n != 0 {
			t.Errorf("%d patents stored without their audit row", n)
		}
	})
}

// A merge moves an organization's records too: the duplicate's demands become
// the kept organization's, which its users then manage as posters.
func TestMergeMovesDemands(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		MustOrganization(t, db, "成都某科技有限公司", patentbridge.PartyEnterprise, "5101")
		MustOrganization(t, db, "成都某科技公司", patentbridge.PartyEnterprise, "5101")
		keep, _ := db.FindOrganizationByName(cli, "成都某科技有限公司")
		gone, _ := db.FindOrganizationByName(cli, "成都某科技公司")
		poster, err := db.CreateUser(cli, patentbridge.NewUser{Username: "dup", Role: patentbridge.RoleEnterprise, Organization: gone.Name, Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		d := newDemand("锂电池隔膜涂覆技术需求", "510116")
		if err := db.CreateDemand(as(poster), d); err != nil || d.OrgID != gone.ID {
			t.Fatalf("CreateDemand = %v, organization %d; want %d", err, d.OrgID, gone.ID)
		}
		if err := db.MergeOrganizations(cli, keep.ID, gone.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindDemand(as(auditAdmin), d.ID)
		if err != nil || got.OrgID != keep.ID || got.Enterprise != keep.Name {
			t.Fatalf("after the merge the demand is %+v, %v; want %s's", got, err, keep.Name)
		}
		member := &patentbridge.User{ID: 99, Role: patentbridge.RoleEnterprise, OrgID: keep.ID, OrgName: keep.Name}
		if !patentbridge.IsDemandPoster(member, got) {
			t.Error("a user of the kept organization is not the demand's poster")
		}
	})
}

// An organization's patents are those its registry entry or a child organization
// owns: 四川大学 has its hospital's, never 四川大学锦城学院's, which a name substring
// would take too.
func TestPatentsOfAnOrganization(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		ps := []*patentbridge.Patent{newPatent(0), newPatent(3), newPatent(6)}
		for i, owner := range []string{"四川大学", "四川大学华西医院", "四川大学锦城学院"} {
			ps[i].Patentees = []patentbridge.Party{{Name: owner, Type: patentbridge.ClassifyParty(owner, "")}}
		}
		MustUpsert(t, db, ps...)
		if _, err := db.SyncOrganizations(cli); err != nil {
			t.Fatal(err)
		}
		scu, _ := db.FindOrganizationByName(cli, "四川大学")
		hospital, _ := db.FindOrganizationByName(cli, "四川大学华西医院")
		hospital.ParentID = scu.ID
		if err := db.UpdateOrganization(cli, hospital); err != nil {
			t.Fatal(err)
		}
		got, n, err := db.ListPatents(cli, patentbridge.PatentFilter{OrgID: scu.ID, Sort: "app_no"})
		if err != nil || n != 2 || got[0].AppNo != ps[0].AppNo || got[1].AppNo != ps[1].AppNo {
			t.Errorf("四川大学's patents = %d, %v; want its own and its hospital's", n, err)
		}
		if _, n, _ := db.ListPatents(cli, patentbridge.PatentFilter{Owner: "四川大学"}); n != 3 {
			t.Errorf("the name substring finds %d patents, want all 3 (why the registry decides)", n)
		}
	})
}

// Accounts follow their organization's city, through a merge across cities and
// through a change of the organization's city: the city that manages the
// organization manages its accounts (an attack found 绵阳 resetting the password
// of a 成都 enterprise's account after such a merge).
func TestAccountsFollowTheirOrganizationsCity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
		MustOrganization(t, db, "成都某科技有限公司", patentbridge.PartyEnterprise, "5101")
		MustOrganization(t, db, "成都某科技公司", patentbridge.PartyEnterprise, "5107") // registered in the wrong city
		keep, _ := db.FindOrganizationByName(cli, "成都某科技有限公司")
		gone, _ := db.FindOrganizationByName(cli, "成都某科技公司")
		u, err := db.CreateUser(cli, patentbridge.NewUser{Username: "firm", Role: patentbridge.RoleEnterprise, Organization: gone.Name, Password: pw})
		if err != nil || u.CityCode != "5107" {
			t.Fatalf("CreateUser = %+v, %v", u, err)
		}
		if err := db.MergeOrganizations(cli, keep.ID, gone.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindUser(cli, u.ID); got.CityCode != "5101" || got.OrgID != keep.ID {
			t.Errorf("after the merge the account is %+v; want 成都's", got)
		}
		mianyang := &patentbridge.User{ID: 90, Username: "mianyang", Role: patentbridge.RoleCity, CityCode: "5107"}
		wantCode(t, db.ResetPassword(as(mianyang), u.ID, "taken-over-pw-1"), patentbridge.EFORBIDDEN)
		keep.CityCode = "5107"
		if err := db.UpdateOrganization(cli, keep); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindUser(cli, u.ID); got.CityCode != "5107" {
			t.Errorf("after the organization moved to 5107 the account is in %s", got.CityCode)
		}
	})
}
