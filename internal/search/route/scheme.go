package route

import (
	"regexp"

	"patentbridge/internal/refdata"
)

// parenthetical matches the scheme's bracketed notes ("（啤酒入C12C）", "[2006.01]"),
// which mostly point to other subclasses and would mislead the prior.
var parenthetical = regexp.MustCompile(`（[^（）]*）|\([^()]*\)|\[[^\[\]]*\]`)

// schemeNode is one titled entry of the IPC scheme under a subclass.
type schemeNode struct {
	label int32
	text  string
}

// schemeNodes lists the subclass and main-group titles (and subgroup titles when
// asked) of every subclass that has a label.
func schemeNodes(ref *refdata.Data, labelOf map[string]int32, subgroups bool) []schemeNode {
	var out []schemeNode
	for _, s := range ref.Subclasses() {
		l, ok := labelOf[s.Code]
		if !ok {
			continue
		}
		out = append(out, schemeNode{l, parenthetical.ReplaceAllString(s.Title, " ")})
		for _, g := range ref.IPCGroups(s.Code) {
			if g.Title != "" && (g.Level == "main_group" || subgroups) {
				out = append(out, schemeNode{l, parenthetical.ReplaceAllString(g.Title, " ")})
			}
		}
	}
	return out
}
