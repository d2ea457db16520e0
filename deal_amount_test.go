package patentbridge

import "testing"

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
