package patentbridge_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// A declaration date is refused with what is wrong with it: a date in the
// asked-for form is out of range (before the Patent Law, too far ahead) or does
// not exist, and only a text that is no date is "无法识别".
func TestParseDeclarationSince(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"0001-01-01", "实施起始日期 0001-01-01 早于 1985-04-01（专利法施行之日）"},
		{"1899-12-31", "早于 1985-04-01"},
		{"00010101", "早于 1985-04-01"},
		{"9999-01-01", "晚于今天"},
		{"2024-02-30", "实施起始日期 2024-02-30 不存在"},
		{"去年", "实施起始日期 \"去年\" 无法识别，请按 2024-03-01 的格式填写"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := patentbridge.ParseDeclarationSince(tt.raw)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "since" || !strings.Contains(patentbridge.ErrorMessage(err), tt.want) {
				t.Fatalf("%v, want %q on since", err, tt.want)
			}
			if tt.raw != "去年" && strings.Contains(patentbridge.ErrorMessage(err), "无法识别") {
				t.Errorf("a date in the asked-for form is called unrecognizable: %v", err)
			}
		})
	}
	if got, err := patentbridge.ParseDeclarationSince("2024年3月1日"); err != nil || !got.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("2024年3月1日 = %v, %v", got, err)
	}
	// a date that parses but precedes the Patent Law is refused on validation
	d := &patentbridge.Declaration{AppNo: "2022232206652", Kind: patentbridge.DeclImplemented, How: "许可", Since: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := d.Validate(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); !strings.Contains(patentbridge.ErrorMessage(err), "早于 1985-04-01") {
		t.Errorf("1980-01-01: %v", err)
	}
}
