package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// listFixture stores four patents that differ in every filtered field.
func listFixture(t *testing.T, db *sqldb.DB) (a, b, c, d *patentbridge.Patent) {
	t.Helper()
	a = newPatent(0) // 2018 invention, 四川大学, 成都 5101, H01M4/525, granted 2019
	a.Title = "1 一种锂离子电池正极材料"
	b = newPatent(1) // 2019 utility, 中科院成都生物所 (institute), 5107, G06F16/35, pending
	b.Title = "2 基于深度学习的专利分类方法"
	c = newPatent(2) // 2020 invention, enterprise, 5113, E01D22/00, granted 2021
	c.Title = "3 一种桥梁健康监测装置"
	c.Patentees = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}} // transferred to a university
	d = newPatent(3)                                                                       // 2021 utility, 四川大学, 5101, A61K36/23, pending, main group G06F160 trap
	d.Title = "4 一种川芎提取物"
	d.IPC = append(d.IPC, "G06F160/00")
	MustUpsert(t, db, a, b, c, d)
	return a, b, c, d
}

func TestListPatentsFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b, c, d := listFixture(t, db)
		ctx := context.Background()
		tests := []struct {
			name string
			f    patentbridge.PatentFilter
			want []*patentbridge.Patent
		}{
			{"no filter", patentbridge.PatentFilter{}, []*patentbridge.Patent{a, b, c, d}},
			{"kind", patentbridge.PatentFilter{Kind: patentbridge.KindUtility}, []*patentbridge.Patent{b, d}},
			{"status", patentbridge.PatentFilter{Status: patentbridge.StatusInForce}, []*patentbridge.Patent{a, c}},
			{"city", patentbridge.PatentFilter{City: "5101"}, []*patentbridge.Patent{a, d}},
			{"owner type of current owner", patentbridge.PatentFilter{OwnerType: patentbridge.PartyUniversity}, []*patentbridge.Patent{a, c, d}},
			{"owner type institute", patentbridge.PatentFilter{OwnerType: patentbridge.PartyInstitute}, []*patentbridge.Patent{b}},
			{"owner substring", patentbridge.PatentFilter{Owner: "成都生物"}, []*patentbridge.Patent{b}},
			{"owner is the patentee, not the applicant", patentbridge.PatentFilter{Owner: "智航科技"}, nil},
			{"owner with full-width brackets normalized", patentbridge.PatentFilter{Owner: " 四川 大学 "}, []*patentbridge.Patent{a, c, d}},
			{"owner wildcard is literal", patentbridge.PatentFilter{Owner: "%"}, nil},
			{"ipc subclass", patentbridge.PatentFilter{IPCPrefix: "G06N"}, []*patentbridge.Patent{a, b, c, d}},
			{"ipc main group", patentbridge.PatentFilter{IPCPrefix: "G06F16"}, []*patentbridge.Patent{b}},
			{"ipc main group does not match a longer one", patentbridge.PatentFilter{IPCPrefix: "G06F160"}, []*patentbridge.Patent{d}},
			{"ipc group", patentbridge.PatentFilter{IPCPrefix: "H01M4/525"}, []*patentbridge.Patent{a}},
			{"ipc lower case", patentbridge.PatentFilter{IPCPrefix: "h01m"}, []*patentbridge.Patent{a}},
			{"grant year from", patentbridge.PatentFilter{GrantYearFrom: 2020}, []*patentbridge.Patent{c}},
			{"grant year to", patentbridge.PatentFilter{GrantYearTo: 2019}, []*patentbridge.Patent{a}},
			{"grant years", patentbridge.PatentFilter{GrantYearFrom: 2019, GrantYearTo: 2021}, []*patentbridge.Patent{a, c}},
			{"combined", patentbridge.PatentFilter{City: "5101", Kind: patentbridge.KindInvention, OwnerType: patentbridge.PartyUniversity}, []*patentbridge.Patent{a}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.f.Sort = "app_no"
				got, total, err := db.ListPatents(ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := appNos(got), appNos(tt.want); !slices.Equal(g, w) {
					t.Errorf("ListPatents = %v, want %v", g, w)
				}
				if total != len(tt.want) {
					t.Errorf("total = %d, want %d", total, len(tt.want))
				}
			})
		}

		t.Run("bad IPC prefix", func(t *testing.T) {
			_, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{IPCPrefix: "电池"})
			wantCode(t, err, patentbridge.EINVALID)
		})
	})
}

func TestListPatentsSortAndPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b, c, d := listFixture(t, db)
		ctx := context.Background()
		for _, tt := range []struct {
			sort string
			want []*patentbridge.Patent
		}{
			{"", []*patentbridge.Patent{d, c, b, a}}, // newest application first
			{"app_date", []*patentbridge.Patent{a, b, c, d}},
			{"-app_date", []*patentbridge.Patent{d, c, b, a}},
			{"grant_date", []*patentbridge.Patent{a, c, b, d}}, // ungranted last
			{"-grant_date", []*patentbridge.Patent{c, a, d, b}},
			{"title", []*patentbridge.Patent{a, b, c, d}},
			{"-title", []*patentbridge.Patent{d, c, b, a}},
			{"app_no", []*patentbridge.Patent{a, b, c, d}},
			{"-app_no", []*patentbridge.Patent{d, c, b, a}},
		} {
			t.Run("sort "+tt.sort, func(t *testing.T) {
				got, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{Sort: tt.sort})
				if err != nil {
					t.Fatal(err)
				}
				if g, w := appNos(got), appNos(tt.want); !slices.Equal(g, w) {
					t.Errorf("sort %q = %v, want %v", tt.sort, g, w)
				}
			})
		}
		for _, bad := range []string{"abstract", "app_date; DROP TABLE patents", "--app_no"} {
			_, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{Sort: bad})
			wantCode(t, err, patentbridge.EINVALID)
		}

		t.Run("pages", func(t *testing.T) {
			var seen []string
			for off := 0; off < 4; off += 3 {
				got, total, err := db.ListPatents(ctx, patentbridge.PatentFilter{Sort: "app_no", Limit: 3, Offset: off})
				if err != nil {
					t.Fatal(err)
				}
				if total != 4 {
					t.Fatalf("total = %d on page at %d, want 4", total, off)
				}
				seen = append(seen, appNos(got)...)
			}
			if want := appNos([]*patentbridge.Patent{a, b, c, d}); !slices.Equal(seen, want) {
				t.Errorf("pages = %v, want %v", seen, want)
			}
			_, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{Offset: -1})
			wantCode(t, err, patentbridge.EINVALID)
		})
	})
}

func appNos(ps []*patentbridge.Patent) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.AppNo)
	}
	return out
}
