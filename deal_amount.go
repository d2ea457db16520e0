package patentbridge

import (
	"strconv"
	"strings"
)

// FenPerWan is the fen (分) in one 万元.
const FenPerWan = 1_000_000

// WanMax is the largest amount ParseWan accepts, in 万元 (whole part at most
// nine digits, so that its fen fit an int64 with room to add).
const WanMax = "999999999.999999"

// ParseWan reads an amount in 万元 (as the record templates give it: "12",
// "12.5", "0.000001", thousands separators allowed) as fen, exactly; ""
// is 0. An amount that is not a number, negative, with more than six decimals
// (finer than one fen) or above WanMax is an EINVALID error naming field and
// saying which of these it is.
func ParseWan(field, s string) (int64, error) {
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	v := ClipValue(s)
	digits := func(x string) bool { return strings.Trim(x, "0123456789") == "" }
	whole, frac, _ := strings.Cut(s, ".")
	switch {
	case strings.HasPrefix(s, "-") && s != "-" && digits(strings.TrimPrefix(whole, "-")) && digits(frac):
		return 0, FieldErrorf(field, "金额 %q 不能为负数", v)
	case !digits(whole) || !digits(frac) || s == ".":
		return 0, FieldErrorf(field, "金额 %q 不是数字：请填写万元数（如 12.5 表示十二万五千元）", v)
	case len(strings.TrimLeft(whole, "0")) > 9:
		return 0, FieldErrorf(field, "金额 %q 过大：最多 %s 万元", v, WanMax)
	case len(frac) > 6:
		return 0, FieldErrorf(field, "金额 %q 小数位过多：最多六位小数（精确到分）", v)
	}
	w, _ := strconv.ParseInt("0"+strings.TrimLeft(whole, "0"), 10, 64)
	f, _ := strconv.ParseInt("0"+frac+strings.Repeat("0", 6-len(frac)), 10, 64)
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
