package search

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// Keyword is a word of a text with its TF-IDF weight.
type Keyword struct {
	Word   string
	Weight float64
}

// segmenter is gse with its embedded simplified-Chinese dictionary and stop words,
// loaded once on first use (~1 s, ~100 MB).
var segmenter struct {
	once  sync.Once
	seg   gse.Segmenter
	total float64 // sum of the dictionary's frequencies, for IDF
	err   error
}

// demandStopWords are words of how needs are phrased, which say nothing of the technology.
var demandStopWords = map[string]bool{
	"希望": true, "引进": true, "需要": true, "寻求": true, "寻找": true, "解决": true,
	"我们": true, "公司": true, "企业": true, "技术": true, "问题": true, "难以": true,
	"实现": true, "提供": true, "相关": true, "合作": true, "进行": true, "目前": true,
	"现有": true, "一种": true, "方法": true, "能够": true, "可以": true, "主要": true,
	"通过": true, "以及": true, "用于": true, "具有": true, "及其": true, "其中": true,
	"存在": true, "提高": true, "采用": true, "基于": true, "本发明": true, "所述": true,
	"过程": true, "包括": true, "利用": true, "研究": true, "结果": true, "表明": true,
}

func loadSegmenter() (*gse.Segmenter, float64, error) {
	s := &segmenter
	s.once.Do(func() {
		s.seg.SkipLog = true
		if s.err = s.seg.LoadDictEmbed("zh_s"); s.err != nil {
			return
		}
		s.err = s.seg.LoadStopEmbed()
		s.total = s.seg.Dict.TotalFreq()
	})
	return &s.seg, s.total, s.err
}

// Words segments text into content words (two or more characters, no stop words,
// no pure numbers or punctuation), in order of first appearance, without repeats.
func Words(text string) []string {
	seg, _, err := loadSegmenter()
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range seg.Cut(text, true) {
		w = strings.TrimSpace(w)
		if !contentWord(seg, w) || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

func contentWord(seg *gse.Segmenter, w string) bool {
	if utf8.RuneCountInString(w) < 2 || seg.IsStop(w) || demandStopWords[w] {
		return false
	}
	for _, r := range w {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Keywords returns the top k words of text by TF-IDF, where a word's IDF is its
// self-information in gse's dictionary (log of total frequency over its frequency;
// words the dictionary lacks get the IDF of a rare word).
func Keywords(text string, k int) []Keyword {
	seg, total, err := loadSegmenter()
	if err != nil || total == 0 {
		return nil
	}
	tf := map[string]float64{}
	n := 0.0
	for _, w := range seg.Cut(text, true) {
		w = strings.TrimSpace(w)
		if !contentWord(seg, w) {
			continue
		}
		tf[w]++
		n++
	}
	rare := math.Log(total / 2)
	out := make([]Keyword, 0, len(tf))
	for w, c := range tf {
		idf := rare
		if f, _, ok := seg.Find(w); ok && f > 0 {
			idf = math.Log(total / f)
		}
		out = append(out, Keyword{Word: w, Weight: c / n * idf})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Word < out[j].Word
	})
	if k > 0 && len(out) > k {
		out = out[:k]
	}
	return out
}
