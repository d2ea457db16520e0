package route

import "strings"

// boilerplate are the words of patent titles that carry no class information.
var boilerplate = strings.NewReplacer(
	"一种", " ", "及其", " ", "制备方法", " ", "方法", " ", "装置", " ", "系统", " ",
	"用于", " ", "基于", " ", "以及", " ", "及", " ", "和", " ", "的", " ",
)

// stripBoilerplate replaces the boilerplate words of a title with spaces.
func stripBoilerplate(s string) string { return boilerplate.Replace(s) }
