package route

import (
	"regexp"
	"strings"

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

// How schemeNodes treats subgroup titles.
const (
	subNone   = iota // left out
	subApart         // each its own node
	subJoined        // appended to their main group's node
)

// schemeNodes lists the subclass and main-group titles of every subclass that has a
// label, with the subgroup titles as sub asks (subNone, subApart or subJoined).
func schemeNodes(ref *refdata.Data, labelOf map[string]int32, sub int) []schemeNode {
	var out []schemeNode
	clean := func(s string) string { return parenthetical.ReplaceAllString(s, " ") }
	for _, s := range ref.Subclasses() {
		l, ok := labelOf[s.Code]
		if !ok {
			continue
		}
		out = append(out, schemeNode{l, clean(s.Title)})
		var b strings.Builder
		main := -1
		flush := func() {
			if main >= 0 {
				out[main].text = b.String()
			}
			b.Reset()
		}
		for _, g := range ref.IPCGroups(s.Code) {
			if g.Title == "" {
				continue
			}
			switch {
			case g.Level == "main_group":
				flush()
				out = append(out, schemeNode{l, clean(g.Title)})
				main = len(out) - 1
				b.WriteString(out[main].text)
			case sub == subApart:
				out = append(out, schemeNode{l, clean(g.Title)})
			case sub == subJoined && main >= 0:
				b.WriteString(" ")
				b.WriteString(clean(g.Title))
			}
		}
		flush()
	}
	return out
}
