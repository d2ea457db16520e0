package sqldb_test

import (
	"encoding/json"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// mustMember creates an account of the role bound to the organization, as the platform.
func mustMember(tb testing.TB, db *sqldb.DB, username string, role patentbridge.Role, org string) *patentbridge.User {
	tb.Helper()
	u, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: username, Name: username, Role: role,
		Organization: org, Password: pw})
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}

// declFixture is two universities (四川大学, also named 四川联合大学, with a
// child hospital, and 电子科技大学), their users, an enterprise user and the
// admin, and patents: co-owned (SCU by its alias, and UESTC), the hospital's,
// UESTC's alone, and one of SCU's whose owners are not linked yet.
type declFixture struct {
	scu, uestc, firm, admin                *patentbridge.User
	coOwned, hospital, uestcOnly, unlinked *patentbridge.Patent
}

func newDeclFixture(t *testing.T, db *sqldb.DB) declFixture {
	t.Helper()
	ctx := platformCtx()
	scu := &patentbridge.Organization{Name: "四川大学", Aliases: []string{"四川联合大学"}, Type: patentbridge.PartyUniversity, CityCode: "5101"}
	if err := db.CreateOrganization(ctx, scu); err != nil {
		t.Fatal(err)
	}
	hospital := &patentbridge.Organization{Name: "四川大学华西医院", Type: patentbridge.PartyInstitute, CityCode: "5101", ParentID: scu.ID}
	if err := db.CreateOrganization(ctx, hospital); err != nil {
		t.Fatal(err)
	}
	MustOrganization(t, db, "电子科技大学", patentbridge.PartyUniversity, "5101")
	MustOrganization(t, db, "成都芯动科技有限公司", patentbridge.PartyEnterprise, "5101")
	f := declFixture{
		scu:   mustMember(t, db, "scu", patentbridge.RoleInstitution, "四川大学"),
		uestc: mustMember(t, db, "uestc", patentbridge.RoleInstitution, "电子科技大学"),
		firm:  mustMember(t, db, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司"),
		admin: MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw),
		coOwned: craftedPatent(21, "一种锂电池隔膜", func(p *patentbridge.Patent) {
			p.Patentees = []patentbridge.Party{{Name: "四川联合大学", Type: patentbridge.PartyUniversity}, uniUEST}
		}),
		hospital: craftedPatent(22, "一种骨科固定器", func(p *patentbridge.Patent) {
			p.Patentees = []patentbridge.Party{{Name: "四川大学华西医院", Type: patentbridge.PartyInstitute}}
		}),
		uestcOnly: craftedPatent(23, "一种天线阵列", func(p *patentbridge.Patent) { p.Patentees = []patentbridge.Party{uniUEST} }),
		unlinked:  craftedPatent(24, "一种茶叶杀青机", nil),
	}
	MustUpsert(t, db, f.coOwned, f.hospital, f.uestcOnly)
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	MustUpsert(t, db, f.unlinked) // its owner 四川大学 stays unlinked
	return f
}

func reasonDecl(p *patentbridge.Patent) *patentbridge.Declaration {
	return &patentbridge.Declaration{AppNo: p.AppNo, Kind: patentbridge.DeclReason, Reason: patentbridge.ReasonNegotiating,
		OrgName: "别的单位", CreatedBy: 999}
}

func TestDeclarationScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		for _, tc := range []struct {
			name string
			u    *patentbridge.User
			p    *patentbridge.Patent
			code string
		}{
			{"owner by alias", f.scu, f.coOwned, ""},
			{"co-owner", f.uestc, f.coOwned, ""},
			{"parent of the owner", f.scu, f.hospital, ""},
			{"owner not linked yet, by name", f.scu, f.unlinked, ""},
			{"admin", f.admin, f.uestcOnly, ""},
			{"another university", f.scu, f.uestcOnly, patentbridge.EFORBIDDEN},
			{"not the child's parent", f.uestc, f.hospital, patentbridge.EFORBIDDEN},
			{"enterprise", f.firm, f.coOwned, patentbridge.EFORBIDDEN},
			{"anonymous", nil, f.coOwned, patentbridge.EUNAUTHORIZED},
		} {
			t.Run(tc.name, func(t *testing.T) {
				d := reasonDecl(tc.p)
				err := db.CreateDeclaration(as(tc.u), d)
				wantCode(t, err, tc.code)
				if ok, cerr := db.CanDeclare(as(tc.u), tc.p.AppNo); cerr != nil || ok != (tc.code == "") {
					t.Errorf("CanDeclare = %v, %v; want %v", ok, cerr, tc.code == "")
				}
				if tc.code == "" && (d.CreatedBy != tc.u.ID || d.OrgName == "别的单位" || tc.u.OrgName != "" && d.OrgName != tc.u.OrgName) {
					t.Errorf("stored as %d of %q, want the ctx user %d of %q", d.CreatedBy, d.OrgName, tc.u.ID, tc.u.OrgName)
				}
			})
		}
	})
}

func TestRevokeOnlyOwnDeclaration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		mine := reasonDecl(f.coOwned)
		if err := db.CreateDeclaration(as(f.scu), mine); err != nil {
			t.Fatal(err)
		}
		// The attack: the co-owning 电子科技大学 revoked 四川大学's declaration.
		wantCode(t, db.RevokeDeclaration(as(f.uestc), f.coOwned.AppNo, mine.ID), patentbridge.EFORBIDDEN)
		wantCode(t, db.RevokeDeclaration(as(f.firm), f.coOwned.AppNo, mine.ID), patentbridge.EFORBIDDEN)
		wantCode(t, db.RevokeDeclaration(as(nil), f.coOwned.AppNo, mine.ID), patentbridge.EUNAUTHORIZED)
		wantCode(t, db.RevokeDeclaration(as(f.scu), f.uestcOnly.AppNo, mine.ID), patentbridge.ENOTFOUND) // another patent
		if ds, _ := db.PatentDeclarations(as(nil), f.coOwned.AppNo); len(ds) != 1 || !ds[0].RevokedAt.IsZero() {
			t.Fatalf("after refused revocations: %+v", ds)
		}
		if err := db.RevokeDeclaration(as(f.scu), f.coOwned.AppNo, mine.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.RevokeDeclaration(as(f.scu), f.coOwned.AppNo, mine.ID), patentbridge.ENOTFOUND)
		theirs := reasonDecl(f.coOwned)
		if err := db.CreateDeclaration(as(f.uestc), theirs); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeDeclaration(as(f.admin), f.coOwned.AppNo, theirs.ID); err != nil {
			t.Errorf("admin revocation: %v", err)
		}

		entries, _, err := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Object: "patent:" + f.coOwned.AppNo})
		if err != nil || len(entries) != 4 {
			t.Fatalf("audit = %d entries, %v; want 2 creations and 2 revocations", len(entries), err)
		}
		rev := entries[2] // newest first: admin revoke, uestc create, scu revoke, scu create
		var before, after map[string]any
		if rev.Action != "declaration.revoke" || rev.Actor != "scu" || json.Unmarshal(rev.Before, &before) != nil ||
			json.Unmarshal(rev.After, &after) != nil || before["revoked"] != false || after["revoked"] != true ||
			after["declaration"] != float64(mine.ID) {
			t.Errorf("revocation entry = %s %s before %s after %s", rev.Action, rev.Actor, rev.Before, rev.After)
		}
		if c := entries[3]; c.Action != "declaration.create" || string(c.Before) != "null" ||
			json.Unmarshal(c.After, &after) != nil || after["declaration"] != float64(mine.ID) || after["org_name"] != "四川大学" {
			t.Errorf("creation entry = %s before %s after %s", c.Action, c.Before, c.After)
		}
	})
}

func TestDeclarationWhoseAuditFailsLeavesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		MustFailAudit(t, db)
		if err := db.CreateDeclaration(as(f.scu), reasonDecl(f.coOwned)); err == nil {
			t.Fatal("declaration stored without its audit row")
		}
		rating := &patentbridge.Rating{AppNo: f.coOwned.AppNo, Prospect: 4, Improvement: 3, Cooperation: 5}
		if err := db.CreateRating(as(f.firm), rating); err == nil {
			t.Fatal("rating stored without its audit row")
		}
		ds, _ := db.PatentDeclarations(as(nil), f.coOwned.AppNo)
		rs, _ := db.PatentRatings(as(nil), f.coOwned.AppNo)
		if len(ds) != 0 || len(rs) != 0 {
			t.Errorf("left behind: %d declarations, %d ratings", len(ds), len(rs))
		}
	})
}

func TestRatingScopeAndAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		rate := func(u *patentbridge.User, prospect int) error {
			return db.CreateRating(as(u), &patentbridge.Rating{AppNo: f.coOwned.AppNo, UserID: 999, OrgName: "冒名企业",
				Prospect: prospect, Improvement: 3, Cooperation: 3})
		}
		wantCode(t, rate(f.scu, 4), patentbridge.EFORBIDDEN)
		wantCode(t, rate(nil, 4), patentbridge.EUNAUTHORIZED)
		wantCode(t, rate(f.firm, 6), patentbridge.EINVALID)
		for _, p := range []int{2, 5} {
			if err := rate(f.firm, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := rate(f.admin, 3); err != nil {
			t.Fatal(err)
		}
		rs, _ := db.PatentRatings(as(nil), f.coOwned.AppNo)
		if len(rs) != 2 || rs[1].UserID != f.firm.ID || rs[1].OrgName != "成都芯动科技有限公司" || rs[1].Prospect != 5 {
			t.Fatalf("ratings = %+v; want one per user, from ctx", rs)
		}
		entries, _, _ := db.ListAudit(as(f.admin), patentbridge.AuditFilter{Action: "rating.create"})
		var before, after map[string]any
		if len(entries) != 3 || json.Unmarshal(entries[1].Before, &before) != nil || json.Unmarshal(entries[1].After, &after) != nil ||
			before["prospect"] != float64(2) || after["prospect"] != float64(5) || entries[1].Object != "patent:"+f.coOwned.AppNo {
			t.Errorf("replacement entry = %+v", entries)
		}
	})
}
