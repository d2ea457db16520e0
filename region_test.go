package patentbridge_test

import (
	"strings"
	"testing"

	"patentbridge"
)

func TestParseCityFilter(t *testing.T) {
	for in, want := range map[string]string{"": "", "5101": "5101", "5001": "5001", "510100": "5101", "510703": "5107", " 510700 ": "5107"} {
		if got, err := patentbridge.ParseCityFilter(in); err != nil || got != want {
			t.Errorf("ParseCityFilter(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"51", "510", "51070", "5107000", "abcd", "51a1", "成都市", "５１０１"} {
		got, err := patentbridge.ParseCityFilter(in)
		if err == nil || patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "city" {
			t.Errorf("ParseCityFilter(%q) = %q, %v; want EINVALID on city", in, got, err)
			continue
		}
		if msg := patentbridge.ErrorMessage(err); !strings.Contains(msg, "城市代码") || !strings.Contains(msg, "6 位") {
			t.Errorf("ParseCityFilter(%q) message %q does not explain the code", in, msg)
		}
	}
}
