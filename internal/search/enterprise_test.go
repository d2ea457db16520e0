package search

import (
	"strings"
	"testing"

	"patentbridge"
)

func TestEnterpriseRanking(t *testing.T) {
	es := []*patentbridge.Enterprise{
		{Name: "成都某电子科技有限公司", Scope: "集成电路设计；电子元器件制造；软件开发", Industry: "计算机、通信和其他电子设备制造业", RegionCode: "510107", SME: true},
		{Name: "泸州某酒业有限公司", Scope: "白酒生产、销售；酒类酿造技术开发；发酵设备销售", Industry: "酒、饮料和精制茶制造业", RegionCode: "510502", SME: true, Park: "泸州白酒产业园"},
		{Name: "宜宾某饮料有限公司", Scope: "饮料生产；食品销售", Industry: "酒、饮料和精制茶制造业", RegionCode: "511502"},
	}
	m, err := NewEnterpriseMatcher(es, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	p := &patentbridge.Patent{
		AppNo: "L1", Title: "一种白酒固态发酵温度自动控制系统", RegionCode: "510521",
		Abstract: "本实用新型涉及白酒酿造设备，窖池内布置温度传感器，控制器根据酒醅温度自动调节通风与冷却水，使固态发酵过程温度稳定。",
		IPC:      []string{"C12G3/02"},
	}
	got := m.Rank(p, 5)
	if len(got) == 0 || got[0].Enterprise.Name != "泸州某酒业有限公司" {
		t.Fatalf("ranking %+v, want the liquor company first", got)
	}
	r := strings.Join(got[0].Reasons, "|")
	for _, want := range []string{"经营范围含：白酒", "同城（泸州市）", "中小微企业", "园区：泸州白酒产业园"} {
		if !strings.Contains(r, want) {
			t.Errorf("reasons %q lack %q", r, want)
		}
	}
	for _, e := range got {
		if terms, ok := strings.CutPrefix(e.Reasons[0], "经营范围含："); ok {
			for _, term := range strings.Split(terms, "、") {
				if !strings.Contains(e.Enterprise.Scope, term) {
					t.Errorf("%s: term %q not in its scope", e.Enterprise.Name, term)
				}
			}
		}
	}
	for _, e := range got {
		if e.Enterprise.Name == "成都某电子科技有限公司" {
			t.Errorf("the electronics company fits nothing but was ranked: %+v", e)
		}
	}
}
