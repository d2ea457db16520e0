package ingest

import (
	"strings"

	"patentbridge"
)

// ipc fills MainIPC and IPC (main first, no duplicates). Designs are classified
// by Locarno (分类号 like "23-01"), not IPC: their codes stay raw in Extra.
func (c *converter) ipc(r row, p *patentbridge.Patent) []problem {
	if p.Kind == patentbridge.KindDesign {
		return nil
	}
	var probs []problem
	seen := map[string]bool{}
	add := func(cl cell) {
		for _, code := range splitCodes(cl.value) {
			n, err := patentbridge.NormalizeIPC(code)
			if err != nil {
				probs = append(probs, problem{cl.column, code, patentbridge.ErrorMessage(err)})
				continue
			}
			if !seen[n] {
				seen[n] = true
				p.IPC = append(p.IPC, n)
			}
		}
	}
	add(c.l.get(r, fMainIPC))
	add(c.l.get(r, fIPC))
	if len(p.IPC) > 0 {
		p.MainIPC = p.IPC[0]
	}
	return probs
}

// splitCodes splits a classification cell on ; ； , ， | 、 and line breaks, but not
// on the space inside "H01M 10/0525".
func splitCodes(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ';', '；', ',', '，', '|', '、', '\n', '\r':
			return true
		}
		return false
	})
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
