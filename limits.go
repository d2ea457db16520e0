package patentbridge

import (
	"fmt"
	"unicode/utf8"
)

// Limits on one imported value, in characters unless said otherwise. Real exports
// stay far below them (CNIPA, incoPat and Patsnap titles rarely pass 60
// characters; 专利法实施细则 caps an abstract's text at 300; Excel holds at most
// 32,767 characters in a cell), so a longer value is an error or an attack: its
// row is rejected with the column and reason, never stored whole and never cut
// short. README "Import limits" lists them.
const (
	// MaxTitle bounds 专利名称.
	MaxTitle = 500
	// MaxAbstract bounds 摘要.
	MaxAbstract = 20_000
	// MaxLongText bounds 主权项, 法律事件 and each column kept in Patent.Extra:
	// a whole claims text (权利要求书) kept as an unmapped column fits.
	MaxLongText = 100_000
	// MaxName bounds one applicant, patentee, inventor, agency or organization name.
	MaxName = 200
	// MaxAddress bounds an address (申请人地址).
	MaxAddress = 500
	// MaxField bounds any other column: numbers, dates, codes and lists of them.
	MaxField = 10_000
	// MaxExtraColumns bounds the unmapped non-empty columns of one row.
	MaxExtraColumns = 300
	// MaxExtraBytes bounds the UTF-8 size of one row's unmapped columns, names and
	// values together.
	MaxExtraBytes = 512 << 10
	// MaxBusinessScope bounds an enterprise's 经营范围.
	MaxBusinessScope = 10_000
)

// TooLong returns the Chinese reason a value of the column is rejected when it
// has more than max characters, or "" when it fits.
func TooLong(column, value string, max int) string {
	if len(value) <= max { // a UTF-8 string never has more characters than bytes
		return ""
	}
	if n := utf8.RuneCountInString(value); n > max {
		return fmt.Sprintf("“%s”过长：%d 个字符，导入上限为 %d 个字符（超长的值不会被截断后导入，请核对这一列）", columnLabel(column), n, max)
	}
	return ""
}

func columnLabel(column string) string {
	if column == "" {
		return "该列"
	}
	return column
}

// clipKeep is how many characters of a long value a report shows.
const clipKeep = 100

// ClipValue shortens a value for a reject report or a page: a value of more than
// 200 characters is shown as its first 100 and its length, so a rejected giant
// is never copied whole into the report.
func ClipValue(s string) string {
	if len(s) <= 2*clipKeep {
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= 2*clipKeep {
		return s
	}
	i, kept := 0, 0
	for kept < clipKeep {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		kept++
	}
	return fmt.Sprintf("%s…（共 %d 个字符，此处只显示前 %d 个）", s[:i], n, clipKeep)
}
