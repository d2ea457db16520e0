package refdata

import (
	"regexp"
	"strings"
)

// ipcNote matches one innermost bracketed note of an IPC title: a reference to
// another place ("（啤酒入C12C）", whose brackets the source sometimes mixes in width)
// or an edition mark ("〔3 〕", "[2006.01]").
var ipcNote = regexp.MustCompile(`[（(][^（）()]*[）)]|\[[^\[\]]*\]|〔[^〔〕]*〕`)

// BriefIPCTitle returns an IPC title without its bracketed notes, for display next
// to a code: "酶学或微生物学装置（粪肥的发酵装置入A01C3/02；…）〔3 〕" becomes
// "酶学或微生物学装置".
func BriefIPCTitle(title string) string {
	for {
		s := ipcNote.ReplaceAllString(title, "")
		if s == title {
			break
		}
		title = s
	}
	return strings.Trim(strings.Join(strings.Fields(title), " "), " ；;，,")
}
