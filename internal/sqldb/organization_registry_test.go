package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestRegistryForScreening(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		// 四川大学 files in Chengdu, and is second co-owner of a 西安交通大学 patent
		// filed in Xi'an: the registry places each by the patents it holds first.
		scu, xjtu := patentbridge.Party{Name: "四川大学", Type: patentbridge.PartyUniversity},
			patentbridge.Party{Name: "西安交通大学", Type: patentbridge.PartyUniversity}
		own, joint := newPatent(0), newPatent(1)
		own.Applicants, own.Patentees, own.RegionCode = []patentbridge.Party{scu}, nil, "510107"
		joint.Applicants, joint.Patentees, joint.RegionCode = []patentbridge.Party{xjtu, scu}, nil, "610113"
		MustUpsert(t, db, own, joint)
		if _, err := db.SyncOrganizations(ctx); err != nil {
			t.Fatal(err)
		}
		for name, city := range map[string]string{"四川大学": "5101", "西安交通大学": "6101"} {
			if o := mustFindOrg(t, db, name); o.CityCode != city {
				t.Errorf("%s placed in %q, want %s", name, o.CityCode, city)
			}
		}
		hx := mustCreateOrg(t, db, &patentbridge.Organization{Name: "四川大学华西医院", Aliases: []string{"华西医院"},
			Type: patentbridge.PartyGovernment, CityCode: "5101", ParentID: mustFindOrg(t, db, "四川大学").ID})

		orgs, err := db.RegistryOrganizations(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(orgs, func(o *patentbridge.Organization) bool { return o.ID == hx.ID })
		if i < 0 || len(orgs) != 3 {
			t.Fatalf("registry %d organizations, 华西医院 at %d", len(orgs), i)
		}
		if got := orgs[i]; got.ParentID != hx.ParentID || got.CityCode != "5101" || got.Type != patentbridge.PartyGovernment ||
			!slices.Equal(got.Aliases, []string{"华西医院"}) {
			t.Errorf("华西医院 in the registry: %+v", got)
		}
	})
}

func TestPatentsChangedSince(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		first := []*patentbridge.Patent{newPatent(0), newPatent(1), newPatent(2)}
		MustUpsert(t, db, first...)
		cut := db.Now()
		if n, err := db.PatentsChangedSince(ctx, cut); err != nil || n != 0 {
			t.Fatalf("nothing changed yet: %d, %v", n, err)
		}
		changed := *first[0]
		changed.Title += "（修订）"
		MustUpsert(t, db, &changed, newPatent(3), newPatent(4))
		MustUpsert(t, db, newPatent(4)) // unchanged: no new change row, and counted once
		if n, err := db.PatentsChangedSince(ctx, cut); err != nil || n != 3 {
			t.Fatalf("after one update and two new patents: %d, %v; want 3", n, err)
		}
	})
}
