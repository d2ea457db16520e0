package route

import (
	"strings"
	"unicode/utf8"
)

// boilerplate are the words of patent titles that carry no class information.
var boilerplate = strings.NewReplacer(
	"一种", " ", "及其", " ", "制备方法", " ", "方法", " ", "装置", " ", "系统", " ",
	"用于", " ", "基于", " ", "以及", " ", "及", " ", "和", " ", "的", " ",
)

// stripBoilerplate replaces the boilerplate words of a title with spaces.
func stripBoilerplate(s string) string { return boilerplate.Replace(s) }

// longText is the length (in characters) above which a text is an abstract, a
// claim or a need written in sentences rather than a title: no shipped title is
// longer than 41 characters.
const longText = 48

// isLong reports whether s is a long text.
func isLong(s string) bool { return utf8.RuneCountInString(s) > longText }

// longBoilerplate are the set phrases of abstracts and claims (本发明公开了…，属于…技术
// 领域，所述…，其特征在于…) that say nothing of the subject; longer phrases first.
var longBoilerplate = strings.NewReplacer(
	"本发明公开了", " ", "本发明提供了", " ", "本发明涉及", " ", "本发明", " ",
	"本实用新型公开了", " ", "本实用新型提供了", " ", "本实用新型涉及", " ", "本实用新型", " ",
	"本申请公开了", " ", "本申请提供了", " ", "本申请涉及", " ", "本申请", " ",
	"本公开", " ", "公开了", " ", "提供了", " ", "其特征在于", " ", "技术领域", " ",
	"所述", " ", "属于", " ", "涉及", " ", "包括", " ", "具体", " ", "以下步骤", " ",
	"现有技术", " ", "尤其是", " ", "特别是", " ",
)

// stripLong replaces the set phrases of a long text with spaces; titles are kept.
func stripLong(s string) string {
	if isLong(s) {
		return longBoilerplate.Replace(s)
	}
	return s
}
