package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// wordRouter is a small real router for tests: each content word of a training
// title votes for the title's subclasses; a text's subclasses are ranked by the sum
// of its words' votes, shares of the word's total.
type wordRouter struct {
	votes map[string]map[string]float64
	ref   *refdata.Data
}

func newWordRouter(rows []refdata.LabeledTitle) Router {
	r := &wordRouter{votes: map[string]map[string]float64{}, ref: refdata.Default()}
	for _, row := range rows {
		for _, w := range Words(row.Title) {
			if r.votes[w] == nil {
				r.votes[w] = map[string]float64{}
			}
			for _, s := range row.Subclasses {
				r.votes[w][s]++
			}
		}
	}
	return r
}

func (r *wordRouter) Predict(text string, k int) []patentbridge.IPCPrediction {
	score := map[string]float64{}
	for _, w := range Words(text) {
		total := 0.0
		for _, c := range r.votes[w] {
			total += c
		}
		for s, c := range r.votes[w] {
			score[s] += c / total
		}
	}
	var out []patentbridge.IPCPrediction
	for s, v := range score {
		out = append(out, patentbridge.IPCPrediction{Subclass: s, Title: r.ref.IPCTitle(s), Score: v})
	}
	slices.SortFunc(out, func(a, b patentbridge.IPCPrediction) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Subclass, b.Subclass)
	})
	return out[:min(k, len(out))]
}

func (r *wordRouter) Industries(_ string, preds []patentbridge.IPCPrediction) []string {
	var out []string
	for _, p := range preds {
		if strings.HasPrefix(p.Subclass, "C12") && !slices.Contains(out, "川酒") {
			out = append(out, "川酒")
		}
	}
	return out
}

// realCorpus is the liquor, temperature-control and 400 other real titles of the labelled set.
func realCorpus(tb testing.TB) []refdata.LabeledTitle {
	tb.Helper()
	var out []refdata.LabeledTitle
	for i, t := range refdata.Default().LabeledTitles() {
		keep := i < 400 || strings.ContainsAny(t.Title, "酒酿窖") || strings.Contains(t.Title, "控温") || strings.Contains(t.Title, "发酵")
		if keep {
			out = append(out, t)
		}
	}
	if len(out) < 400 {
		tb.Skip("refdata has no labelled titles")
	}
	return out
}

// MustMatcher indexes docs and returns a matcher with router.
func MustMatcher(tb testing.TB, docs []Doc, router Router) *Matcher {
	tb.Helper()
	ix, err := indexDocs(docs)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return NewMatcher(ix, router, MatcherOptions{})
}

func MustMatch(tb testing.TB, m *Matcher, req patentbridge.MatchRequest, s Signals) *patentbridge.MatchResult {
	tb.Helper()
	res, err := m.Match(context.Background(), req, s)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

const liquorDemand = "白酒固态发酵过程温度难以控制，希望引进自动控温技术"

// longLiquorDemand is the same need as an SME owner writes it out: over
// maxTextTerms distinct bigrams, many of which no patent holds.
const longLiquorDemand = liquorDemand + "，降低能耗，提高出酒率。我们是宜宾的一家中小酒厂，年产白酒三千吨，目前发酵车间靠人工测温，冬夏两季窖池温差大，出酒率波动。"

// liquorPatents are three white-liquor fermentation patents written for this test
// in the style of real utility models (the labelled set has almost no liquor titles).
var liquorPatents = []refdata.LabeledTitle{
	{PublicationNumber: "L1", Title: "一种白酒固态发酵温度自动控制系统", Subclasses: []string{"C12G", "G05D"}},
	{PublicationNumber: "L2", Title: "一种酿酒窖池固态发酵控温装置", Subclasses: []string{"C12G"}},
	{PublicationNumber: "L3", Title: "一种白酒酿造用智能温控发酵罐", Subclasses: []string{"C12G", "C12M"}},
}

var liquorAbstracts = map[string]string{
	"L1": "本实用新型涉及白酒酿造设备，窖池内布置温度传感器，控制器根据酒醅温度自动调节通风与冷却水，使固态发酵过程温度稳定。",
	"L2": "窖池侧壁设冷却盘管，酒醅温度超过设定值时自动通入冷水，解决固态发酵升温过快的问题。",
	"L3": "发酵罐夹套通入温水或冷水，按发酵阶段设定的温度曲线自动控温，提高白酒出酒率。",
}

func TestLiquorDemandFindsLiquorPatentsFirst(t *testing.T) {
	corpus := append(realCorpus(t), liquorPatents...)
	docs := make([]Doc, len(corpus))
	for i, c := range corpus {
		docs[i] = labeledDoc(refdata.Default(), c)
		if a, ok := liquorAbstracts[c.PublicationNumber]; ok {
			docs[i].Abstract, docs[i].Industries = a, []string{"川酒"}
		}
	}
	m := MustMatcher(t, docs, newWordRouter(corpus))
	if n := len(textTerms(longLiquorDemand)); n <= maxTextTerms {
		t.Fatalf("the long demand has %d distinct bigrams, not more than %d", n, maxTextTerms)
	}
	for _, demand := range []string{liquorDemand, longLiquorDemand} {
		t.Run(fmt.Sprint(len([]rune(demand)), " characters"), func(t *testing.T) { checkLiquorMatch(t, m, demand) })
	}
}

func checkLiquorMatch(t *testing.T, m *Matcher, demand string) {
	res := MustMatch(t, m, patentbridge.MatchRequest{All: true, Text: demand, Limit: 10}, nil)
	if len(res.Items) < 3 {
		t.Fatalf("%d items", len(res.Items))
	}
	top := order(res)[:3]
	slices.Sort(top)
	if !slices.Equal(top, []string{"L1", "L2", "L3"}) {
		t.Errorf("top 3 %v, want the liquor patents; items %+v", order(res)[:3], res.Items)
	}
	if len(res.IPCPredictions) == 0 || res.IPCPredictions[0].Subclass != "C12G" {
		t.Errorf("predictions %+v, want C12G first", res.IPCPredictions)
	}
	if !slices.Contains(res.Keywords, "白酒") || slices.Contains(res.Keywords, "希望") {
		t.Errorf("keywords %v", res.Keywords)
	}
	first := strings.Join(res.Items[0].Reasons, "|")
	for _, want := range []string{"命中关键词：", "预测分类 C12G（", "与本专利分类一致", "产业：川酒"} {
		if !strings.Contains(first, want) {
			t.Errorf("first item's reasons %q lack %q", first, want)
		}
	}
}

func TestMatchedTermsOccurInThePatent(t *testing.T) {
	corpus := append(realCorpus(t), liquorPatents...)
	docs := make([]Doc, len(corpus))
	title := map[string]string{}
	for i, c := range corpus {
		docs[i] = labeledDoc(refdata.Default(), c)
		docs[i].Abstract = liquorAbstracts[c.PublicationNumber]
		title[c.PublicationNumber] = c.Title + liquorAbstracts[c.PublicationNumber]
	}
	m := MustMatcher(t, docs, newWordRouter(corpus))
	for _, text := range []string{liquorDemand, "光伏组件生产线上的胶膜需要压平", "废水循环利用的洗车设备", "中药组方 补钙"} {
		t.Run(text, func(t *testing.T) {
			res := MustMatch(t, m, patentbridge.MatchRequest{All: true, Text: text}, nil)
			found := 0
			for _, it := range res.Items {
				for _, r := range it.Reasons {
					terms, ok := strings.CutPrefix(r, "命中关键词：")
					if !ok {
						continue
					}
					found++
					for _, term := range strings.Split(terms, "、") {
						if !strings.Contains(title[it.AppNo], term) {
							t.Errorf("%s %q: reason term %q not in the title or abstract", it.AppNo, title[it.AppNo], term)
						}
					}
				}
			}
			if found == 0 {
				t.Errorf("no item has matched terms: %+v", res.Items)
			}
		})
	}
}

func TestEmptyTextIsInvalid(t *testing.T) {
	m := MustMatcher(t, []Doc{{ID: "1", Title: "一种酿酒用发酵设备"}}, nil)
	_, err := m.Match(context.Background(), patentbridge.MatchRequest{All: true, Text: "  "}, nil)
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Fatalf("err %v, want EINVALID", err)
	}
}
