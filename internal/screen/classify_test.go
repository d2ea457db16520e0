package screen

import (
	"slices"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
)

func TestClassifyVectors(t *testing.T) {
	c := DefaultClassifier(refdata.Default())
	tests := []struct {
		ipc, title    string
		in51, not51   []string
		in6, not6     []string
		in103, not103 []string
		sei           string // an SEI code the patent must have
		agricultural  bool
	}{
		{ipc: "A23F3/06", title: "一种藏茶的发酵加工方法", in51: []string{"食品饮料"}, in6: []string{"食品轻纺"}, in103: []string{"川茶"}, agricultural: true},
		{ipc: "C12G3/02", title: "一种浓香型白酒的酿造方法", in51: []string{"食品饮料"}, in103: []string{"川酒"}, agricultural: true},
		{ipc: "C12H6/02", title: "一种基酒的陈化方法", in103: []string{"川酒"}, agricultural: true},
		{ipc: "H01M10/0525", title: "一种锂离子电池正极材料及其制备方法", in51: []string{"能源化工"}, in6: []string{"能源化工"},
			not103: []string{"川粮油"}, sei: "5.2"},
		{ipc: "G06F16/35", title: "一种文本分类方法", in51: []string{"电子信息", "数字经济"}, in6: []string{"电子信息"}, sei: "1.1"},
		{ipc: "A61K36/48", title: "一种治疗风寒感冒的中药组合物", in6: []string{"医药健康"}, in103: []string{"川药"}, agricultural: true},
		{ipc: "A01K61/10", title: "一种稻田生态养殖装置", in103: []string{"川鱼"}, agricultural: true, sei: "4.3"},
		{ipc: "A01H6/46", title: "一种杂交水稻品种选育方法", in103: []string{"种业", "川粮油"}, agricultural: true},
		{ipc: "A47B13/00", title: "一种多功能茶几", not51: []string{"食品饮料"}, in6: []string{"食品轻纺"}, not103: []string{"川茶"}},
	}
	for _, tt := range tests {
		t.Run(tt.ipc+" "+tt.title, func(t *testing.T) {
			got := c.Classify(&patentbridge.Patent{Title: tt.title, IPC: []string{tt.ipc}})
			check := func(system string, have, in, not []string) {
				for _, x := range in {
					if !slices.Contains(have, x) {
						t.Errorf("%s: %v lacks %s", system, have, x)
					}
				}
				for _, x := range not {
					if slices.Contains(have, x) {
						t.Errorf("%s: %v wrongly has %s", system, have, x)
					}
				}
			}
			check("5+1", got.Sichuan51, tt.in51, tt.not51)
			check("六大", got.Advantage6, tt.in6, tt.not6)
			check("10+3", got.Agri103, tt.in103, tt.not103)
			if tt.sei != "" && !slices.Contains(got.SEI, tt.sei) {
				t.Errorf("SEI %v lacks %s", got.SEI, tt.sei)
			}
			if got.Agricultural != tt.agricultural {
				t.Errorf("涉农 = %v, want %v", got.Agricultural, tt.agricultural)
			}
			if len(got.WIPOFields) == 0 {
				t.Errorf("no WIPO field for %s", tt.ipc)
			}
		})
	}
}

// Real titles (../shared/data/patents, embedded by refdata) whose words look like
// an agricultural industry but are not, and some that are.
func TestClassifyRealTitles(t *testing.T) {
	ref := refdata.Default()
	c := DefaultClassifier(ref)
	byTitle := map[string]refdata.LabeledTitle{}
	for _, lt := range ref.LabeledTitles() {
		byTitle[lt.Title] = lt
	}
	tests := []struct {
		title    string
		industry string
		want     bool
	}{
		{"酒店服务设施检修管理系统及方法", "川酒", false},
		{"一种酿酒用发酵设备", "川酒", true},
		{"一种方便存储的鱼香肉丝的制作方法", "川鱼", false}, // 鱼香 is a Sichuan flavour
		{"一种便于移动的鱼类养殖用投喂装置", "川鱼", true},
		{"以果壳为燃料的油茶籽烘干装置", "川茶", false}, // 油茶 is an oil crop
		{"以果壳为燃料的油茶籽烘干装置", "川粮油", true},
		{"一种带饮水系统的发酵床猪舍", "川猪", true},
		{"聚吡咯修饰的牛血清蛋白的制备方法、蛋白质导电水凝胶及其制备方法和用途", "川牛羊", false},
		{"一种用于茶叶加工的自动式鲜叶提升机", "川茶", true},
		{"一种竹笋干加工用杀菌装置", "川竹", true},
		{"一种用于葡萄酒生产的自动过滤装置", "川果", false},
	}
	for _, tt := range tests {
		t.Run(tt.industry+" "+tt.title, func(t *testing.T) {
			lt, ok := byTitle[tt.title]
			if !ok {
				t.Skipf("title not in the embedded data set")
			}
			got := c.Classify(&patentbridge.Patent{Title: lt.Title, IPC: lt.Subclasses})
			if slices.Contains(got.Agri103, tt.industry) != tt.want {
				t.Fatalf("10+3 = %v, want %s: %v", got.Agri103, tt.industry, tt.want)
			}
		})
	}
	// Every real title filed in the liquor subclasses is a 川酒 patent.
	n := 0
	for _, lt := range ref.LabeledTitles() {
		if !slices.ContainsFunc(lt.Subclasses, func(s string) bool { return s == "C12G" || s == "C12H" || s == "C12C" }) {
			continue
		}
		n++
		if got := c.Classify(&patentbridge.Patent{Title: lt.Title, IPC: lt.Subclasses}); !slices.Contains(got.Agri103, "川酒") {
			t.Errorf("%s (%v) not 川酒: %v", lt.Title, lt.Subclasses, got.Agri103)
		}
	}
	if n == 0 {
		t.Fatal("no liquor titles in the data set")
	}
}

func TestKeywordExclusionsOverlap(t *testing.T) {
	csv := "# version: test-1\nsystem,industry,ipc_prefixes,sei_codes,keywords,exclude_keywords\n" +
		"agri_10_3,川茶,,,茶,茶几|茶色\n"
	c, err := NewClassifier(refdata.Default(), strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != "test-1" {
		t.Fatalf("version %q", c.Version)
	}
	for title, want := range map[string]bool{
		"一种红木茶几":    false,
		"一种茶色玻璃":    false,
		"一种红茶几":     false, // its only 茶 belongs to 茶几
		"茶几上的茶叶收纳盒": true,
		"一种绿茶饮料":    true,
	} {
		got := c.Classify(&patentbridge.Patent{Title: title})
		if slices.Contains(got.Agri103, "川茶") != want {
			t.Errorf("%s: 川茶 = %v, want %v", title, !want, want)
		}
	}
}

func TestNewClassifierRejects(t *testing.T) {
	head := "system,industry,ipc_prefixes,sei_codes,keywords,exclude_keywords\n"
	for name, in := range map[string]string{
		"no version":     head + "agri_10_3,川茶,A23F3/,,,\n",
		"unknown system": "# version: x\n" + head + "sichuan_7,川茶,A23F3/,,,\n",
		"bad IPC":        "# version: x\n" + head + "agri_10_3,川茶,A2F,,,\n",
		"short row":      "# version: x\n" + head + "agri_10_3,川茶\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewClassifier(refdata.Default(), strings.NewReader(in))
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
		})
	}
}
