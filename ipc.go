package patentbridge

import (
	"regexp"
	"strings"
)

var ipcPattern = regexp.MustCompile(`^([A-H])(\d{2})?([A-Z])?(\d{1,4}/\d{1,6})?$`)

// NormalizeIPC validates an IPC code at any level — section "H", class "H01",
// subclass "H01M", group "H01M10/0525" — and returns it in compact form without
// spaces ("H01M 10/0525" -> "H01M10/0525"; a version suffix like "(2006.01)" is
// dropped). A malformed code returns EINVALID.
func NormalizeIPC(s string) (string, error) {
	c := strings.ToUpper(strings.Map(func(r rune) rune {
		r = foldWidth(r)
		if r == ' ' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, s))
	if i := strings.IndexByte(c, '('); i > 0 {
		c = c[:i]
	}
	m := ipcPattern.FindStringSubmatch(c)
	if m == nil || (m[2] == "" && m[3] != "") || (m[3] == "" && m[4] != "") {
		return "", FieldErrorf("IPC", "IPC分类号 %q 格式不正确（应如 G06F、G06F16/35）", strings.TrimSpace(s))
	}
	if m[4] != "" {
		group := strings.SplitN(m[4], "/", 2)
		c = m[1] + m[2] + m[3] + strings.TrimLeft(group[0], "0") + "/" + group[1]
		if strings.HasPrefix(c[4:], "/") {
			return "", FieldErrorf("IPC", "IPC分类号 %q 大组号不能为0", strings.TrimSpace(s))
		}
	}
	return c, nil
}

// IPCSubclass returns the 4-character subclass of a normalized code ("G06F16/35" ->
// "G06F"), or "" when the code is coarser than a subclass.
func IPCSubclass(code string) string {
	if len(code) < 4 {
		return ""
	}
	return code[:4]
}

// IPCAncestors returns the code and every coarser level, finest first:
// "G06F16/35" -> [G06F16/35 G06F16/00 G06F G06 G]. Subgroup ancestry beyond the
// main group depends on the scheme's dot levels, which refdata resolves.
func IPCAncestors(code string) []string {
	out := []string{code}
	if i := strings.IndexByte(code, '/'); i > 0 && code[i+1:] != "00" {
		out = append(out, code[:i]+"/00")
	}
	for _, n := range []int{4, 3, 1} {
		if len(code) > n {
			out = append(out, code[:n])
		}
	}
	return out
}
