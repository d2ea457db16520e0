package patentbridge

import (
	"strings"
	"testing"
)

func TestParseWanIsExactInFen(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "12": 12_000_000, "12.5": 12_500_000, "0.000001": 1, "1,000": 1_000_000_000, ".5": 500_000, "3.14": 3_140_000} {
		got, err := ParseWan("金额(万元)", in)
		if err != nil || got != want {
			t.Errorf("ParseWan(%q) = %d, %v; want %d", in, got, err, want)
		}
		if in != "" && in != "1,000" && in != ".5" && FormatWan(got) != in {
			t.Errorf("FormatWan(%d) = %q", got, FormatWan(got))
		}
	}
	for _, in := range []string{"-1", "12.0000001", "十万", "1e3", "1.2.3", "9999999999"} {
		if _, err := ParseWan("金额(万元)", in); ErrorCode(err) != EINVALID || ErrorField(err) != "金额(万元)" {
			t.Errorf("ParseWan(%q) = %v", in, err)
		}
	}
}

// Each refused amount is refused for what is actually wrong with it: a huge
// amount is too large (and the message gives the limit), not "too many decimals".
func TestParseWanSaysWhatIsWrong(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"99999999999999", "过大：最多 999999999.999999 万元"},
		{"1000000000", "过大"},
		{"12.0000001", "最多六位小数"},
		{"-1", "不能为负数"},
		{"-0.5", "不能为负数"},
		{"十万", "不是数字"},
		{"1e3", "不是数字"},
		{"1.2.3", "不是数字"},
		{"-", "不是数字"},
	} {
		_, err := ParseWan("金额(万元)", tc.in)
		if msg := ErrorMessage(err); ErrorCode(err) != EINVALID || ErrorField(err) != "金额(万元)" || !strings.Contains(msg, tc.want) {
			t.Errorf("ParseWan(%q) = %v; want a message with %q", tc.in, err, tc.want)
		}
		if tc.want != "最多六位小数" && strings.Contains(ErrorMessage(err), "小数") {
			t.Errorf("ParseWan(%q) speaks of decimals: %v", tc.in, err)
		}
	}
	if got, err := ParseWan("金额(万元)", "000000000999999999.999999"); err != nil || got != 999999999_999999 {
		t.Errorf("ParseWan(largest, zero-padded) = %d, %v", got, err)
	}
}
