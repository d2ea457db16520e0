package search

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pushIDFCut is the self-information (in gse's dictionary) below which a word is
// too common to say anything of a field: "设备" 8.3, "系统" 7.4, "生产" 6.9 are
// under it; "电池" 10.8, "电机" 11.0, "白酒" 11.8 over it.
const pushIDFCut = 10.5

// pushStopWords are rare words of how 经营范围 and patents are written, not of
// what they are about.
var pushStopWords = map[string]bool{
	"技术开发": true, "技术服务": true, "技术咨询": true, "技术交流": true, "技术转让": true, "技术推广": true,
	"进出口": true, "货物进出口": true, "技术进出口": true, "一般项目": true, "许可项目": true, "经营活动": true,
	"营业执照": true, "本发明": true, "本实用新型": true, "实用新型": true, "制备方法": true, "有限公司": true,
	"依法": true, "批准": true, "凭营业执照": true, "自主开展": true, "所述": true,
	// generic technical compounds, rare in the dictionary but in every field
	"控制系统": true, "控制器": true, "控制装置": true, "控制方法": true, "检测方法": true, "检测装置": true,
	"自动控制": true, "智能控制": true, "组合物": true, "生产工艺": true, "加工方法": true, "制备": true,
	"适用于": true, "精度高": true, "实时": true, "组件": true, "部件": true, "零部件": true, "元件": true,
	"配件": true, "模块": true, "机构": true, "总成": true, "机组": true, "智能": true, "集成": true,
	"新型": true, "多功能": true, "一体化": true, "自动化": true, "智能化": true, "高效": true,
}

// hasHan reports whether w has a Chinese character (IPC codes inside titles do not).
func hasHan(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// fieldTerms returns the specific whole words of text, each once, in order:
// gse's content words that are rare enough, and the rare head of a compound of
// two dictionary words ("电机" in "同步电机"). A word gse made up (not in its
// dictionary) counts only with three characters or more, and no fragment inside
// a word ("器人" of "机器人", "感器" of "传感器") ever does.
func fieldTerms(text string) []string {
	seg, total, err := loadSegmenter()
	if err != nil || total == 0 {
		return nil
	}
	idf := func(w string) (float64, bool) {
		f, _, ok := seg.Find(w)
		if !ok || f <= 0 {
			return 0, false
		}
		return math.Log(total / f), true
	}
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range Words(text) {
		if pushStopWords[w] || !hasHan(w) {
			continue
		}
		n := utf8.RuneCountInString(w)
		if v, ok := idf(w); ok && v >= pushIDFCut || !ok && n >= 3 {
			add(w)
		}
		// A compound of two dictionary words also names its head, the last:
		// "同步电机" names 电机, "温度传感器" 传感器; "计算机" is no 计 + 算机.
		rs := []rune(w)
		for i := 2; i <= len(rs)-2; i++ {
			_, oka := idf(string(rs[:i]))
			head := string(rs[i:])
			vb, okb := idf(head)
			if !oka || !okb {
				continue
			}
			if vb >= pushIDFCut && !pushStopWords[head] {
				add(head)
			}
			break
		}
	}
	return out
}

// termSet makes a set of terms.
func termSet(terms []string) map[string]bool {
	s := make(map[string]bool, len(terms))
	for _, t := range terms {
		s[strings.TrimSpace(t)] = true
	}
	return s
}
