package patentbridge_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"patentbridge"
)

func TestSpreadsheetCellsStayText(t *testing.T) {
	for in, want := range map[string]string{
		"=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0", "+1+1": "'+1+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "四川大学": "四川大学", "": "", "a=b": "a=b",
	} {
		if got := patentbridge.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
	if row := patentbridge.SafeRow([]any{1, "=1+1", 2.5}); row[0] != 1 || row[1] != "'=1+1" || row[2] != 2.5 {
		t.Errorf("SafeRow = %v", row)
	}
	var buf bytes.Buffer
	if err := patentbridge.NewCSVWriter(&buf).WriteAll([][]string{{"名称", "=HYPERLINK(\"http://evil\")"}}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || recs[0][1] != `'=HYPERLINK("http://evil")` {
		t.Errorf("CSV = %q, %v", recs, err)
	}
}
