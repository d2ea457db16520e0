package search

import (
	"slices"
	"testing"

	"patentbridge"
)

// By default a match lists only granted patents in force of universities,
// institutes and SOEs; All lists every patent. Each match says whether it is
// sleeping, with its grade, and whether it is on a supply list.
func TestMatchDefaultsToActionablePatents(t *testing.T) {
	same := func(id, status string, owners ...string) Doc {
		return Doc{ID: id, Title: "一种白酒固态发酵温度控制系统", Abstract: "窖池温度自动控制", Status: status, OwnerTypes: owners}
	}
	m := MustMatcher(t, []Doc{
		same("uni", "in_force", "university"),
		same("soe", "in_force", "soe", "enterprise"),
		{ID: "graded", Title: "一种白酒固态发酵温度控制系统", Abstract: "窖池温度自动控制", Status: "in_force",
			OwnerTypes: []string{"institute"}, Grade: "B"},
		same("firm", "in_force", "enterprise"),
		same("lapsed", "lapsed_unpaid", "university"),
		same("pending", "pending", "university"),
	}, nil)
	ids := func(res *patentbridge.MatchResult) []string {
		out := order(res)
		slices.Sort(out)
		return out
	}
	sig := SignalMap{"uni": {OnSupplyList: true}}
	res := MustMatch(t, m, patentbridge.MatchRequest{Text: liquorDemand}, sig)
	if got := ids(res); !slices.Equal(got, []string{"graded", "soe", "uni"}) {
		t.Errorf("default match lists %v, want the institutions' and the SOE's patents in force", got)
	}
	for _, it := range res.Items {
		switch it.AppNo {
		case "graded":
			if !it.Sleeping || it.Grade != "B" || it.OnSupplyList {
				t.Errorf("graded: %+v", it)
			}
		case "uni":
			if it.Sleeping || it.Grade != "" || !it.OnSupplyList {
				t.Errorf("uni: %+v", it)
			}
		}
	}
	res = MustMatch(t, m, patentbridge.MatchRequest{Text: liquorDemand, All: true}, sig)
	if got := ids(res); !slices.Equal(got, []string{"firm", "graded", "lapsed", "pending", "soe", "uni"}) {
		t.Errorf("all lists %v", got)
	}
}
