package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// creditCode returns a valid 统一社会信用代码 with the serial in its body.
func creditCode(serial int) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	body := fmt.Sprintf("91510100MA%07d", serial)
	sum := 0
	for i := 0; i < 17; i++ {
		for v := 0; v < len(chars); v++ {
			if chars[v] == body[i] {
				sum += v * weights[i]
			}
		}
	}
	return body + string(chars[(31-sum%31)%31])
}

func newEnterprise(i int, park string) *patentbridge.Enterprise {
	return &patentbridge.Enterprise{
		Name: fmt.Sprintf("成都高新智造科技有限公司%d", i), CreditCode: creditCode(i),
		Scope:    "锂离子电池材料的研发、生产和销售；新能源技术开发、技术转让。",
		Industry: "先进材料", RegionCode: []string{"510116", "510703"}[i%2], SME: i%3 != 0, Park: park,
	}
}

func TestUpsertEnterprises(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		es := []*patentbridge.Enterprise{newEnterprise(1, "成都高新区"), newEnterprise(2, "绵阳科技城"), newEnterprise(3, "成都高新区")}
		res, err := db.UpsertEnterprises(ctx, es)
		if err != nil {
			t.Fatal(err)
		}
		if res != (patentbridge.UpsertResult{Inserted: 3}) {
			t.Errorf("first upsert = %+v", res)
		}
		again := []*patentbridge.Enterprise{newEnterprise(1, "成都高新区"), newEnterprise(2, "绵阳科技城"), newEnterprise(3, "天府新区")}
		again[0].CreditCode = " " + strings.ToLower(again[0].CreditCode) // normalized before the lookup
		res, err = db.UpsertEnterprises(ctx, again)
		if err != nil {
			t.Fatal(err)
		}
		if res != (patentbridge.UpsertResult{Updated: 1, Unchanged: 2}) {
			t.Errorf("second upsert = %+v", res)
		}
		// A duplicate inside one batch counts once as inserted, then as updated.
		dup1, dup2 := newEnterprise(4, "A园"), newEnterprise(4, "B园")
		if res, err = db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{dup1, dup2}); err != nil || res != (patentbridge.UpsertResult{Inserted: 1, Updated: 1}) {
			t.Errorf("duplicate batch = %+v, %v", res, err)
		}
		bad := newEnterprise(5, "")
		bad.CreditCode = bad.CreditCode[:17] + "0"
		if bad.CreditCode == creditCode(5) {
			bad.CreditCode = bad.CreditCode[:17] + "1"
		}
		_, err = db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{newEnterprise(6, ""), bad})
		wantCode(t, err, patentbridge.EINVALID)
		if _, n, _ := db.ListEnterprises(ctx, patentbridge.EnterpriseFilter{}); n != 4 {
			t.Errorf("a failed batch wrote enterprises: total %d, want 4", n)
		}
	})
}

func TestListEnterprises(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		es := []*patentbridge.Enterprise{newEnterprise(1, "成都高新区"), newEnterprise(2, "绵阳科技城"), newEnterprise(3, "成都高新区")}
		es[1].Scope = "电子元器件、集成电路设计；软件开发。"
		if _, err := db.UpsertEnterprises(ctx, es); err != nil {
			t.Fatal(err)
		}
		chengdu := patentbridge.WithUser(ctx, &patentbridge.User{Role: patentbridge.RoleCity, CityCode: "5101"})
		tests := []struct {
			name string
			ctx  context.Context
			f    patentbridge.EnterpriseFilter
			want []int
		}{
			{"all", ctx, patentbridge.EnterpriseFilter{}, []int{1, 2, 3}},
			{"a city user asking for another city sees its own", chengdu, patentbridge.EnterpriseFilter{City: "5107"}, []int{2}},
			{"park", ctx, patentbridge.EnterpriseFilter{Park: "成都高新区"}, []int{1, 3}},
			{"city", ctx, patentbridge.EnterpriseFilter{City: "5107"}, []int{1, 3}},
			{"scope query", ctx, patentbridge.EnterpriseFilter{Query: "集成电路"}, []int{2}},
			{"credit code", ctx, patentbridge.EnterpriseFilter{Query: creditCode(3)}, []int{3}},
			{"page", ctx, patentbridge.EnterpriseFilter{Limit: 1, Offset: 2}, []int{3}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := db.ListEnterprises(tt.ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, e := range got {
					names = append(names, e.Name)
				}
				var want []string
				for _, i := range tt.want {
					want = append(want, newEnterprise(i, "").Name)
				}
				if fmt.Sprint(names) != fmt.Sprint(want) {
					t.Errorf("names = %v, want %v", names, want)
				}
				if tt.f.Limit == 0 && total != len(want) {
					t.Errorf("total = %d", total)
				}
			})
		}
		var seen []string
		err := db.EachEnterprise(ctx, func(e *patentbridge.Enterprise) error {
			seen = append(seen, e.CreditCode)
			if e.Name == "" || e.Scope == "" || e.RegionCode == "" {
				t.Errorf("incomplete enterprise %+v", e)
			}
			return nil
		})
		if err != nil || len(seen) != 3 || seen[0] != creditCode(1) {
			t.Errorf("EachEnterprise = %v, %v", seen, err)
		}
		got, _, _ := db.ListEnterprises(ctx, patentbridge.EnterpriseFilter{Query: creditCode(3)})
		if len(got) == 1 && (got[0].SME || got[0].Park != "成都高新区" || got[0].Industry != "先进材料") {
			t.Errorf("stored enterprise = %+v", got[0])
		}
		stop := fmt.Errorf("stop")
		if err := db.EachEnterprise(ctx, func(*patentbridge.Enterprise) error { return stop }); err != stop {
			t.Errorf("EachEnterprise error = %v, want fn's error", err)
		}
	})
}

func TestEnterprisesVersionFollowsTheRegistry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		version := func() string {
			t.Helper()
			v, err := db.EnterprisesVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		empty := version()
		if _, err := db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{newEnterprise(1, "成都高新区"), newEnterprise(2, "")}); err != nil {
			t.Fatal(err)
		}
		loaded := version()
		if loaded == empty {
			t.Fatalf("version %q did not change when enterprises were added", loaded)
		}
		if _, err := db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{newEnterprise(1, "成都高新区")}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != loaded {
			t.Errorf("re-importing the same enterprise changed the version: %q -> %q", loaded, v)
		}
		changed := newEnterprise(2, "")
		changed.Scope = "白酒生产、销售"
		if _, err := db.UpsertEnterprises(ctx, []*patentbridge.Enterprise{changed}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v == loaded {
			t.Errorf("version %q did not change when an enterprise's 经营范围 changed (same count)", v)
		}
	})
}
