package search

import (
	"slices"
	"strings"
	"testing"

	"patentbridge"
)

// twins are two patents with the same text, so only the signals can order them.
func twins() []Doc {
	return []Doc{
		{ID: "1", Title: "一种白酒固态发酵温度控制系统", Abstract: "窖池温度自动控制", City: "5105"},
		{ID: "2", Title: "一种白酒固态发酵温度控制系统", Abstract: "窖池温度自动控制", City: "5101"},
		{ID: "3", Title: "一种锂离子电池的散热装置"},
	}
}

func order(res *patentbridge.MatchResult) []string {
	var ids []string
	for _, it := range res.Items {
		ids = append(ids, it.AppNo)
	}
	return ids
}

func reasonsOf(res *patentbridge.MatchResult, id string) string {
	for _, it := range res.Items {
		if it.AppNo == id {
			return strings.Join(it.Reasons, "|")
		}
	}
	return ""
}

func TestSignalsMoveRanks(t *testing.T) {
	m := MustMatcher(t, twins(), nil)
	tests := []struct {
		name    string
		req     patentbridge.MatchRequest
		sig     SignalMap
		first   string
		reasons []string // in the first item's reasons
	}{
		{"grade A above C", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"1": {Grade: "C"}, "2": {Grade: "A"}}, "2", []string{"等级 A"}},
		{"grade A above C, other way", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"1": {Grade: "A"}, "2": {Grade: "C"}}, "1", []string{"等级 A"}},
		{"available", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"2": {OnSupplyList: true, OpenLicence: true}}, "2", []string{"已列入供给清单 / 开放许可"}},
		{"open licence terms", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"2": {OpenLicence: true, OpenLicenceTerms: "开放许可：免费"}}, "2", []string{"开放许可：免费"}},
		{"offered", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"2": {Offered: true, OfferTerms: "可转让，报价 50 万元"}}, "2", []string{"可转让，报价 50 万元"}},
		{"an offer outweighs a supply list", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"1": {OnSupplyList: true}, "2": {Offered: true, OfferTerms: "可普通许可，面议"}}, "2", []string{"可普通许可，面议"}},
		{"same city from the index", patentbridge.MatchRequest{All: true, Text: liquorDemand, RegionCode: "510104"}, nil, "2", []string{"同城（成都市）"}},
		{"same city beats same province", patentbridge.MatchRequest{All: true, Text: liquorDemand, RegionCode: "510500"}, SignalMap{"2": {RegionCode: "510300"}}, "1", []string{"同城（泸州市）"}},
		{"interested", patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"2": {Interested: 3}}, "2", []string{"3 家企业标记感兴趣"}},
		{"irrelevant pushes down", patentbridge.MatchRequest{All: true, Text: liquorDemand, DemandID: 7}, SignalMap{"1": {Grade: "A", Verdict: patentbridge.FeedbackIrrelevant}}, "2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Signals
			if tt.sig != nil {
				s = tt.sig
			}
			res := MustMatch(t, m, tt.req, s)
			ids := order(res)
			if len(ids) < 2 || ids[0] != tt.first || !slices.Contains(ids[:2], "1") || !slices.Contains(ids[:2], "2") {
				t.Fatalf("order %v, want %s first of the twins", ids, tt.first)
			}
			got := reasonsOf(res, tt.first)
			for _, r := range tt.reasons {
				if !strings.Contains(got, r) {
					t.Errorf("reasons %q lack %q", got, r)
				}
			}
		})
	}
	res := MustMatch(t, m, patentbridge.MatchRequest{All: true, Text: liquorDemand}, SignalMap{"1": {Grade: "A", Verdict: patentbridge.FeedbackIrrelevant}})
	if r := reasonsOf(res, "1"); !strings.Contains(r, "本需求方已标记不相关") {
		t.Errorf("reasons of the rejected patent %q", r)
	}
}

func TestRegionFit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"510104", "5101", 2}, {"510104", "510500", 1}, {"51", "5101", 1}, {"110000", "110100", 1}, {"", "5101", 0}, {"440300", "5101", 0}} {
		if got := regionFit(tt.a, tt.b); got != tt.want {
			t.Errorf("regionFit(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
