package patentbridge

import (
	"strconv"
	"strings"
)

// FenPerWan is the fen (分) in one 万元.
const FenPerWan = 1_000_000

// ParseWan reads an amount in 万元 (as the record templates give it: "12",
// "12.5", "0.000001", thousands separators allowed) as fen, exactly; ""
// is 0. An amount with more than six decimals (finer than one fen), negative
// or not a number is an EINVALID error naming field.
func ParseWan(field, s string) (int64, error) {
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	bad := func() (int64, error) {
		return 0, FieldErrorf(field, "金额 %q 无效：请填写万元数，最多六位小数（如 12.5 表示十二万五千元）", ClipValue(s))
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 6 || len(whole) > 9 || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return bad()
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return bad()
	}
	frac += strings.Repeat("0", 6-len(frac))
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return bad()
	}
	return w*FenPerWan + f, nil
}

// FormatWan writes fen as 万元 with no trailing zeros ("12.5"), as the
// templates read it back.
func FormatWan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	s := strconv.FormatInt(fen/FenPerWan, 10)
	if f := fen % FenPerWan; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(f+FenPerWan, 10)[1:], "0")
	}
	return sign + s
}
