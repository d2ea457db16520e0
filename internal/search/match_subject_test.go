package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
)

func TestNeedSubjectDropsHowNeedsArePhrased(t *testing.T) {
	got := NeedSubject("我们是一家川茶加工企业，希望找到名优绿茶自动化杀青和揉捻的专利技术")
	for _, want := range []string{"川茶加工", "名优绿茶自动化杀青和揉捻"} {
		if !strings.Contains(got, want) {
			t.Errorf("NeedSubject kept %q, want it to keep %q", got, want)
		}
	}
	for _, gone := range []string{"我们", "一家", "企业", "希望", "找到", "专利", "技术"} {
		if strings.Contains(got, gone) {
			t.Errorf("NeedSubject kept %q, which holds %q", got, gone)
		}
	}
	farm := NeedSubject("大型农机无法作业，希望引进适合丘陵山区的小型耕整地、播种和收获机械技术。")
	if strings.Contains(farm, "引进") || strings.Contains(farm, "适合") || strings.Contains(farm, "技术") || !strings.Contains(farm, "收获机械") {
		t.Errorf("NeedSubject = %q", farm)
	}
	// Titles hold no need phrases: they stay as they are, 企业 of a business method included.
	for _, title := range []string{"一种企业的产业链节点确定方法", "一种锂离子电池正极材料的制备方法"} {
		if got := NeedSubject(title); got != title {
			t.Errorf("NeedSubject(%q) = %q", title, got)
		}
	}
	if got := NeedSubject("希望找到专利技术"); got != "希望找到专利技术" {
		t.Errorf("a text of need phrases alone became %q, want itself", got)
	}
}

// teaPatents say 茶叶, never 绿茶; the other patents are small things and seeders.
var teaPatents = []refdata.LabeledTitle{
	{PublicationNumber: "T1", Title: "一种茶叶揉捻机", Subclasses: []string{"A23F"}},
	{PublicationNumber: "T2", Title: "一种茶叶杀青装置", Subclasses: []string{"A23F"}},
	{PublicationNumber: "S1", Title: "一种小型化平板救援设备", Subclasses: []string{"B60P"}},
	{PublicationNumber: "S2", Title: "一种小型化太阳能光伏发电设备", Subclasses: []string{"H02S"}},
	{PublicationNumber: "A1", Title: "一种播种机", Subclasses: []string{"A01C"}},
	{PublicationNumber: "A2", Title: "一种旋耕播种一体机", Subclasses: []string{"A01B", "A01C"}},
}

var teaAbstracts = map[string]string{
	"T1": "揉捻筒内的茶叶经揉盘往复揉捻成条，适用于名优茶叶加工。",
	"T2": "滚筒式杀青机，鲜叶在滚筒内受热杀青，茶叶色泽均匀。",
	"S1": "平板救援车车身小型化，可驶入狭窄街巷救援。",
	"S2": "小型光伏组件与储能电池一体，适合户外供电。",
	"A1": "排种器将种子均匀播入种沟，实现精量播种。",
	"A2": "旋耕与播种一次完成，适合小地块作业。",
}

// teaMatcher indexes the real corpus (without 绿茶) and teaPatents; router nil
// means a word router trained on them.
func teaMatcher(t *testing.T, router Router) (*Matcher, []refdata.LabeledTitle) {
	corpus := slices.DeleteFunc(realCorpus(t), func(l refdata.LabeledTitle) bool { return strings.Contains(l.Title, "绿茶") })
	corpus = append(corpus, teaPatents...)
	docs := make([]Doc, len(corpus))
	for i, c := range corpus {
		docs[i] = labeledDoc(refdata.Default(), c)
		docs[i].Abstract = teaAbstracts[c.PublicationNumber]
	}
	return MustMatcher(t, docs, router), corpus
}

func TestMissingWordBacksOffToItsHead(t *testing.T) {
	corpus := append(realCorpus(t), teaPatents...)
	m, _ := teaMatcher(t, newWordRouter(corpus))
	res := MustMatch(t, m, patentbridge.MatchRequest{All: true, Text: "绿茶", Limit: 5}, nil)
	if got := order(res); len(got) < 2 || !slices.Contains(got[:2], "T1") || !slices.Contains(got[:2], "T2") {
		t.Errorf("绿茶, which no patent holds, matched %v; want the 茶叶 patents T1, T2 first", got)
	}
	if !slices.Contains(res.Keywords, "茶叶") {
		t.Errorf("keywords %v lack the back-off 茶叶", res.Keywords)
	}
	if len(res.Items) == 0 || !slices.Contains(res.Items[0].Reasons, "命中关键词：茶叶") {
		t.Errorf("the first match's reasons do not name the back-off word: %v", res.Items)
	}
	ctx := context.Background()
	tea := []patentbridge.IPCPrediction{{Subclass: "A23F", Score: 1}}
	for _, tt := range []struct {
		words []string
		preds []patentbridge.IPCPrediction
		want  []string
	}{
		{[]string{"绿茶"}, tea, []string{"茶叶"}},
		{[]string{"茶叶"}, tea, nil},                                                        // the index holds it: no back-off
		{[]string{"绿茶"}, []patentbridge.IPCPrediction{{Subclass: "H01M", Score: 1}}, nil}, // 茶叶 is not in a battery need's field
	} {
		got, err := m.backOffs(ctx, tt.words, tt.preds)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("backOffs(%v, %s) = %v, want %v", tt.words, tt.preds[0].Subclass, got, tt.want)
		}
	}
}

// weighedRouter is a word router that weighs the words of a fixed list down.
type weighedRouter struct {
	Router
	weights map[string]float64
}

func (r weighedRouter) WordWeights(words []string) []float64 {
	out := make([]float64, len(words))
	for i, w := range words {
		out[i] = 1
		if x, ok := r.weights[w]; ok {
			out[i] = x
		}
	}
	return out
}

func TestGenericWordsDoNotOutweighTheSubject(t *testing.T) {
	const need = "适合小型化的播种设备"
	// Text alone: 小型 is rarer than 播种 in the index, and the small things win.
	plain, _ := teaMatcher(t, nil)
	if got := order(MustMatch(t, plain, patentbridge.MatchRequest{All: true, Text: need, Limit: 5}, nil)); len(got) < 2 || (got[0] != "S1" && got[0] != "S2") {
		t.Fatalf("control: text alone ranked %v, expected a 小型 patent first", got)
	}
	corpus := append(realCorpus(t), teaPatents...)
	m, _ := teaMatcher(t, weighedRouter{newWordRouter(corpus), map[string]float64{"小型化": 0.2, "设备": 0.2}})
	parts, weigh := m.subjectParts(NeedSubject(need), m.router.Predict(need, 5))
	if weigh("播种") != 1 || weigh("小型化") > 0.2 || len(parts) != 3 || parts[0].w != 1 || strings.Contains(parts[0].text, "小型化") {
		t.Errorf("parts %+v, weights 播种 %v 小型化 %v", parts, weigh("播种"), weigh("小型化"))
	}
	got := order(MustMatch(t, m, patentbridge.MatchRequest{All: true, Text: need, Limit: 5}, nil))
	if len(got) < 2 || !slices.Contains(got[:2], "A1") || !slices.Contains(got[:2], "A2") {
		t.Errorf("%s matched %v; want the seeders A1, A2 first", need, got)
	}
}
