package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"patentbridge"
)

// registryFixture is a park registry like the demo's: liquor makers, a
// pharmaceutical firm, a motor maker, a robot maker, an electronics firm and a
// PV equipment maker, every one an SME in a park, so size and park say nothing.
func registryFixture() []*patentbridge.Enterprise {
	return []*patentbridge.Enterprise{
		{Name: "泸州某酒业有限公司", CreditCode: "E01", Scope: "白酒生产、销售；酒类酿造技术开发；发酵设备销售", Industry: "酒、饮料和精制茶制造业", RegionCode: "510502", SME: true, Park: "泸州白酒产业园"},
		{Name: "宜宾某酒厂", CreditCode: "E02", Scope: "浓香型白酒的酿造与销售；包装材料销售", Industry: "酒、饮料和精制茶制造业", RegionCode: "511502", SME: true, Park: "宜宾临港经开区"},
		{Name: "成都某药业有限公司", CreditCode: "E03", Scope: "中成药、化学药制剂的生产；医疗器械销售；中药材种植", Industry: "医药制造业", RegionCode: "510116", SME: true, Park: "成都天府国际生物城"},
		{Name: "德阳某电机有限公司", CreditCode: "E04", Scope: "电机制造；微特电机及组件制造；发电机及发电机组销售；电机及其控制系统研发", Industry: "电气机械和器材制造业", RegionCode: "510603", SME: true, Park: "德阳经开区"},
		{Name: "成都某机器人有限公司", CreditCode: "E05", Scope: "工业机器人制造；智能机器人的研发；减速器、伺服电机销售", Industry: "通用设备制造业", RegionCode: "510107", SME: true, Park: "成都高新区"},
		{Name: "成都某电子科技有限公司", CreditCode: "E06", Scope: "集成电路设计；电子元器件制造；软件开发", Industry: "计算机、通信和其他电子设备制造业", RegionCode: "510107", SME: true, Park: "成都高新区"},
		{Name: "绵阳某光伏装备有限公司", CreditCode: "E07", Scope: "光伏组件生产线设备制造；胶膜加工", Industry: "专用设备制造业", RegionCode: "510703", SME: true, Park: "绵阳科技城"},
	}
}

// Patents of the fixture's fields, and one of none of them.
var (
	motorPatent = &patentbridge.Patent{AppNo: "2015133787135", Title: "一种永磁同步电机的转子结构", RegionCode: "510603", IPC: []string{"H02K1/27"},
		Abstract: "本发明公开了一种永磁同步电机的转子结构，包括转子铁芯、永磁体和转轴，永磁体呈V形嵌入转子铁芯，降低齿槽转矩，提高电机效率。"}
	liquorPatent = &patentbridge.Patent{AppNo: "2020210000017", Title: "一种白酒固态发酵温度自动控制系统", RegionCode: "510521", IPC: []string{"C12G3/02"},
		Abstract: "本实用新型涉及白酒酿造设备，窖池内布置温度传感器，控制器根据酒醅温度自动调节通风与冷却水，使固态发酵过程温度稳定。"}
	robotPatent = &patentbridge.Patent{AppNo: "2019100000016", Title: "一种工业机器人关节减速器", RegionCode: "510107", IPC: []string{"B25J9/10", "F16H1/32"},
		Abstract: "本发明涉及一种工业机器人关节减速器，包括输入轴、行星齿轮和柔性轴承，传动精度高，适用于六轴机器人的关节驱动。"}
	drugPatent = &patentbridge.Patent{AppNo: "2018100000014", Title: "一种治疗糖尿病的中药组合物及其制备方法", RegionCode: "510107", IPC: []string{"A61K36/8962", "A61P3/10"},
		Abstract: "本发明公开了一种治疗糖尿病的中药组合物，由黄芪、山药、葛根等中药材制成，能降低血糖，制备方法简单。"}
	sludgePatent = &patentbridge.Patent{AppNo: "2022100000013", Title: "一种河湖底泥的脱水发酵处理方法", RegionCode: "510502", IPC: []string{"C02F11/04"},
		Abstract: "本发明公开了一种河湖底泥的处理方法，底泥经板框压滤脱水后与秸秆混合堆肥，实现底泥资源化利用。"}
	conveyorPatent = &patentbridge.Patent{AppNo: "2021200000010", Title: "一种物料输送装置", RegionCode: "510107", IPC: []string{"B65G15/00"},
		Abstract: "本实用新型公开了一种物料输送装置，包括底座、支撑架和输送带，驱动电机带动传动轴转动，通过传感器实时检测运行状态。"}
)

func mustMatcher(t *testing.T) *EnterpriseMatcher {
	t.Helper()
	m, err := NewEnterpriseMatcher(registryFixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func names(ms []patentbridge.EnterpriseMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Enterprise.Name)
	}
	return out
}

// TestEnterprisePushFitsTheField: a patent goes only to the enterprises whose
// 经营范围 or 行业 fits its field, each with one reason of whole words.
func TestEnterprisePushFitsTheField(t *testing.T) {
	m := mustMatcher(t)
	for _, tc := range []struct {
		p       *patentbridge.Patent
		want    []string // enterprises, best first
		reasons []string
	}{
		{motorPatent, []string{"德阳某电机有限公司", "成都某机器人有限公司"}, []string{"经营范围含：电机", "经营范围含：电机"}},
		{liquorPatent, []string{"泸州某酒业有限公司", "宜宾某酒厂"},
			[]string{"经营范围含：白酒、发酵、酿造；同属川酒、食品饮料产业", "经营范围含：白酒、酿造；同属川酒、食品饮料产业"}},
		{robotPatent, []string{"成都某机器人有限公司"}, []string{"经营范围含：机器人、减速器；同属装备制造产业"}},
		{drugPatent, []string{"成都某药业有限公司"}, []string{"经营范围含：中药材；同属川药、医药健康产业"}},
		// Every firm is an SME in a park: that makes no fit, nor does one
		// word of the title the liquor makers' 经营范围 happens to hold.
		{conveyorPatent, nil, nil},
		{sludgePatent, nil, nil},
	} {
		got := m.Rank(tc.p, 0)
		if fmt.Sprint(names(got)) != fmt.Sprint(tc.want) {
			t.Errorf("%s pushed to %v, want %v", tc.p.Title, names(got), tc.want)
			continue
		}
		for i, g := range got {
			if g.Reason != tc.reasons[i] {
				t.Errorf("%s -> %s: reason %q, want %q", tc.p.Title, g.Enterprise.Name, g.Reason, tc.reasons[i])
			}
			if g.Score < patentbridge.PushFitThreshold || g.Score > 1 {
				t.Errorf("%s -> %s: score %.2f", tc.p.Title, g.Enterprise.Name, g.Score)
			}
		}
	}
}

// TestFieldTermsAreWholeWords: the terms a reason may name are whole words,
// never a fragment cut out of one.
func TestFieldTermsAreWholeWords(t *testing.T) {
	terms := fieldTerms("工业机器人制造；温度传感器；计算机、通信和其他电子设备制造业；集成电路设计；永磁同步电机；智能机器人")
	for _, want := range []string{"机器人", "传感器", "集成电路", "电机"} {
		if !slices.Contains(terms, want) {
			t.Errorf("terms %q lack %q", terms, want)
		}
	}
	for _, cut := range []string{"器人", "感器", "算机", "成电", "集成", "人制", "设备", "制造", "智能"} {
		if slices.Contains(terms, cut) {
			t.Errorf("terms %q hold the fragment or generic word %q", terms, cut)
		}
	}
}

// TestEnterprisePushCap: a supply list's push gives an enterprise at most the
// asked number of its fitting patents, best first, and never an unfitting one.
func TestEnterprisePushCap(t *testing.T) {
	m := mustMatcher(t)
	list := []*patentbridge.Patent{conveyorPatent, motorPatent, liquorPatent, robotPatent, drugPatent}
	byName := func(ps []patentbridge.EnterprisePush) map[string][]string {
		out := map[string][]string{}
		for _, p := range ps {
			for _, it := range p.Items {
				out[p.Enterprise.Name] = append(out[p.Enterprise.Name], it.Title)
			}
		}
		return out
	}
	all := byName(m.Push(list, 10, nil))
	want := map[string][]string{
		"德阳某电机有限公司":  {motorPatent.Title},
		"成都某机器人有限公司": {robotPatent.Title, motorPatent.Title},
		"泸州某酒业有限公司":  {liquorPatent.Title},
		"宜宾某酒厂":      {liquorPatent.Title},
		"成都某药业有限公司":  {drugPatent.Title},
	}
	if fmt.Sprint(all) != fmt.Sprint(want) {
		t.Errorf("push of 5 patents, 10 each = %v, want %v", all, want)
	}
	one := m.Push(list, 1, nil)
	for _, p := range one {
		if len(p.Items) != 1 {
			t.Errorf("%s got %d patents with a cap of 1", p.Enterprise.Name, len(p.Items))
		}
	}
	if got := byName(one)["成都某机器人有限公司"]; fmt.Sprint(got) != fmt.Sprint([]string{robotPatent.Title}) {
		t.Errorf("the robot maker's one patent = %v, want its best fit", got)
	}
	if len(one) == 0 || one[0].Best() < one[len(one)-1].Best() {
		t.Errorf("enterprises not ordered by their best fit")
	}
	chengdu := m.Push(list, 10, func(e *patentbridge.Enterprise) bool { return strings.HasPrefix(e.RegionCode, "5101") })
	if got := fmt.Sprint(byName(chengdu)); strings.Contains(got, "酒") || strings.Contains(got, "德阳") {
		t.Errorf("keep let other cities through: %s", got)
	}
}
