package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestRegistryTypeWinsOverImport: the import types 东方电气集团东方电机有限公司
// an enterprise from its name; the registry says it is an SOE, and its patents'
// owners are SOEs wherever the owner type is read — whether the registry knew
// the organization before the patents came or learned it after.
func TestRegistryTypeWinsOverImport(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		const soe = "东方电气集团东方电机有限公司"
		ctx := as(auditAdmin)
		before := newPatent(0)
		before.Applicants = []patentbridge.Party{{Name: soe, Type: patentbridge.ClassifyParty(soe, "")}}
		if before.Applicants[0].Type != patentbridge.PartyEnterprise {
			t.Fatalf("the import types %s %q; the test needs an enterprise-looking name", soe, before.Applicants[0].Type)
		}
		MustUpsert(t, db, before)
		if _, err := db.SyncOrganizations(ctx); err != nil {
			t.Fatal(err)
		}
		soeTotal := func() int {
			_, n, err := db.ListPatents(context.Background(), patentbridge.PatentFilter{OwnerType: patentbridge.PartySOE})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := soeTotal(); n != 0 {
			t.Fatalf("before the registry says so, %d SOE patents", n)
		}
		seq := lastSeq(t, db)

		// The registry upload (an SOE list) states the type.
		if _, err := db.UpsertOrganizations(ctx, []*patentbridge.Organization{{Name: soe, Type: patentbridge.PartySOE, CityCode: "5106"}}); err != nil {
			t.Fatal(err)
		}
		if n := soeTotal(); n != 1 {
			t.Errorf("owner_type=soe finds %d patents after the registry upload, want 1", n)
		}
		if p := mustFind(t, db, before.AppNo); p.Applicants[0].Type != patentbridge.PartySOE {
			t.Errorf("stored applicant %+v, want the registry's type soe", p.Applicants[0])
		}
		if cs := changesAfter(t, db, seq); len(cs) != 1 || cs[0].AppNo != before.AppNo || cs[0].Op != "update" {
			t.Errorf("outbox after the registry upload = %+v, want one update of %s for the search index", cs, before.AppNo)
		}

		// A patent imported after: its owner links to the registry's SOE at the sync.
		after := newPatent(2)
		after.Applicants = []patentbridge.Party{{Name: soe, Type: patentbridge.PartyEnterprise}}
		after.Patentees = []patentbridge.Party{{Name: soe, Type: patentbridge.PartyEnterprise}, {Name: "四川大学", Type: patentbridge.PartyUniversity}}
		MustUpsert(t, db, after)
		if _, err := db.SyncOrganizations(ctx); err != nil {
			t.Fatal(err)
		}
		p := mustFind(t, db, after.AppNo)
		if p.Patentees[0].Type != patentbridge.PartySOE || p.Patentees[1].Type != patentbridge.PartyUniversity || p.Applicants[0].Type != patentbridge.PartySOE {
			t.Errorf("patentees %+v, applicants %+v; want the SOE typed soe, 四川大学 still a university", p.Patentees, p.Applicants)
		}
		if n := soeTotal(); n != 2 {
			t.Errorf("owner_type=soe finds %d patents, want 2", n)
		}
		// Re-importing the same export changes nothing and keeps the registry's type.
		if res := MustUpsert(t, db, before); res.Unchanged != 1 {
			t.Errorf("re-import of the unchanged export = %+v, want unchanged", res)
		}
		if _, err := db.SyncOrganizations(ctx); err != nil {
			t.Fatal(err)
		}
		if n := soeTotal(); n != 2 {
			t.Errorf("after a re-import, owner_type=soe finds %d patents, want 2", n)
		}
		// The admin corrects the registry: the owners follow.
		o := mustFindOrg(t, db, soe)
		o.Type = patentbridge.PartyEnterprise
		if err := db.UpdateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
		if n := soeTotal(); n != 0 {
			t.Errorf("after the registry types it an enterprise again, %d SOE patents", n)
		}
		var audit []string
		es, _, _ := db.ListAudit(ctx, patentbridge.AuditFilter{Action: "organization.import"})
		for _, e := range es {
			audit = append(audit, string(e.After))
		}
		if !strings.Contains(strings.Join(audit, " "), `"retyped_patents":1`) {
			t.Errorf("organization.import audit %v does not say one patent was retyped", audit)
		}
	})
}

func lastSeq(tb testing.TB, db *sqldb.DB) int64 {
	tb.Helper()
	seq, err := db.LastPatentChangeSeq(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return seq
}

func changesAfter(tb testing.TB, db *sqldb.DB, seq int64) []sqldb.PatentChange {
	tb.Helper()
	cs, err := db.PatentChanges(context.Background(), seq, sqldb.MaxListLimit)
	if err != nil {
		tb.Fatal(err)
	}
	return cs
}

func mustFind(tb testing.TB, db *sqldb.DB, appNo string) *patentbridge.Patent {
	tb.Helper()
	p, err := db.FindPatent(context.Background(), appNo)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
