package gen

import (
	"strings"
	"unicode/utf8"
)

// groupSet is a subclass's groups with titles cleaned for prose.
type groupSet struct {
	codes    []string
	titles   []string
	main     []int // index of each group's main group
	subTitle string
}

// groupsOf returns the cached groups of a subclass, nil when the scheme lists none.
func (g *generator) groupsOf(sub string) *groupSet {
	if gs, ok := g.groups[sub]; ok {
		return gs
	}
	var gs *groupSet
	if nodes := g.d.IPCGroups(sub); len(nodes) > 0 {
		gs = &groupSet{subTitle: proseTitle(g.d.IPCTitle(sub))}
		m := 0
		for i, n := range nodes {
			if n.Level == "main_group" {
				m = i
			}
			gs.codes = append(gs.codes, n.Code)
			gs.titles = append(gs.titles, proseTitle(n.Title))
			gs.main = append(gs.main, m)
		}
	}
	g.groups[sub] = gs
	return gs
}

// ipcPick is a chosen IPC code with the titles the abstract quotes.
type ipcPick struct {
	code, mainTitle, title string
}

// pickIPC chooses a group of the subclass; ok is false when it has none.
func (g *generator) pickIPC(sub string) (ipcPick, bool) {
	gs := g.groupsOf(sub)
	if gs == nil {
		return ipcPick{}, false
	}
	i := g.r.IntN(len(gs.codes))
	p := ipcPick{code: gs.codes[i], mainTitle: gs.titles[gs.main[i]], title: gs.titles[i]}
	if p.mainTitle == "" {
		p.mainTitle = gs.subTitle
	}
	return p, true
}

// proseTitle shortens an IPC title for use in a sentence: notes in brackets are
// dropped, only the first clause is kept, and it is cut to 24 characters.
func proseTitle(t string) string {
	var b strings.Builder
	depth := 0
	for _, r := range t {
		switch r {
		case '（', '(', '[', '【':
			depth++
			continue
		case '）', ')', ']', '】':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 && r != ' ' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	for _, sep := range []string{"；", ";", "，即", "，例如", "。"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(s, "，、,。的")
	// Titles that refer to other codes ("包含在A45C1/00至A45C11/00组中的") read badly.
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x80 }) {
		return ""
	}
	if utf8.RuneCountInString(s) > 24 {
		s = string([]rune(s)[:24])
	}
	return s
}
