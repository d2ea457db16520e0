package screen

import "patentbridge"

// normIPC returns a normalized IPC code, or "" when malformed. Codes stored by the
// importer are already normalized, so a cheap shape check skips the regular
// expression of patentbridge.NormalizeIPC in the common case.
func normIPC(s string) string {
	if isNormalIPC(s) {
		return s
	}
	n, err := patentbridge.NormalizeIPC(s)
	if err != nil {
		return ""
	}
	return n
}

// isNormalIPC reports the compact form "H01M10/0525", "H01M" or "H01": a section
// letter A–H, two digits, a capital letter, then a main group without leading
// zero, a slash and 2–6 digits.
func isNormalIPC(s string) bool {
	n := len(s)
	if n < 3 || s[0] < 'A' || s[0] > 'H' || !digit(s[1]) || !digit(s[2]) {
		return false
	}
	if n == 3 {
		return true
	}
	if s[3] < 'A' || s[3] > 'Z' {
		return false
	}
	if n == 4 {
		return true
	}
	i := 4
	for i < n && digit(s[i]) {
		i++
	}
	if i == 4 || i-4 > 4 || s[4] == '0' || i >= n || s[i] != '/' {
		return false
	}
	j := i + 1
	for j < n && digit(s[j]) {
		j++
	}
	return j == n && j-i-1 >= 2 && j-i-1 <= 6
}

func digit(b byte) bool { return b >= '0' && b <= '9' }
