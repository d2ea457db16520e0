package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"patentbridge"
)

// fiveRows is a CSV with five valid rows.
func fiveRows(tb testing.TB, title string) []byte {
	tb.Helper()
	rows := [][]string{{"申请号", "专利名称", "申请日", "申请人"}}
	for _, n := range []string{"2022105550017", "2022105550021", "2022105550036", "2022105550040", "2022105550055"} {
		rows = append(rows, []string{n, title + n[10:12], "20220601", "电子科技大学"})
	}
	return MustCSV(tb, ',', rows...)
}

func TestBatchesProgressAndIdempotence(t *testing.T) {
	path := MustWriteFile(t, t.TempDir(), "five.csv", fiveRows(t, "一种信号处理方法"))
	store := newFakeStore(t)
	imp := NewImporter(store, nil, nil)
	imp.BatchSize = 2
	var after []int
	imp.AfterBatch = func(n int) { after = append(after, n) }
	var reads []int
	var fractions []float64
	opt := patentbridge.ImportOptions{Progress: func(read int, f float64) {
		reads = append(reads, read)
		fractions = append(fractions, f)
	}}
	sum, err := imp.ImportFiles(t.Context(), []string{path}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(store.batches) != "[2 2 1]" || fmt.Sprint(after) != "[1 2 3]" {
		t.Errorf("upsert batches %v, AfterBatch %v", store.batches, after)
	}
	if sum.Files != 1 || sum.Read != 5 || sum.Inserted != 5 {
		t.Errorf("first run %+v", sum)
	}
	if len(reads) < 3 || reads[len(reads)-1] != 5 || fractions[len(fractions)-1] != 1 {
		t.Errorf("progress reads %v fractions %v", reads, fractions)
	}
	for i := 1; i < len(fractions); i++ {
		if fractions[i] < fractions[i-1] {
			t.Errorf("progress went backwards: %v", fractions)
		}
	}

	t.Run("second run changes nothing", func(t *testing.T) {
		sum, _ := MustImport(t, imp, path)
		if sum.Inserted != 0 || sum.Updated != 0 || sum.Unchanged != 5 {
			t.Errorf("re-import %+v", sum)
		}
	})
	t.Run("a newer export updates", func(t *testing.T) {
		newer := MustWriteFile(t, t.TempDir(), "five.csv", fiveRows(t, "一种改进的信号处理方法"))
		sum, _ := MustImport(t, imp, newer)
		if sum.Inserted != 0 || sum.Updated != 5 {
			t.Errorf("newer export %+v", sum)
		}
	})
}

func TestDuplicateInOneBatchLastWins(t *testing.T) {
	content := MustCSV(t, ',', []string{"申请号", "专利名称"},
		[]string{"CN202223220665.2", "旧标题"}, []string{"202223220665.2", "新标题"}, []string{"2021109876548", "另一件"})
	path := MustWriteFile(t, t.TempDir(), "dup.csv", content)
	store := newFakeStore(t)
	sum, _ := MustImport(t, NewImporter(store, nil, nil), path)
	if sum.Read != 3 || sum.Inserted != 2 || fmt.Sprint(store.batches) != "[2]" {
		t.Errorf("summary %+v batches %v", sum, store.batches)
	}
	if p := store.MustPatent(t, "2022232206652"); p.Title != "新标题" {
		t.Errorf("title %q, want the last row's", p.Title)
	}
}

func TestCancellationStopsBetweenBatches(t *testing.T) {
	path := MustWriteFile(t, t.TempDir(), "five.csv", fiveRows(t, "一种方法"))
	store := newFakeStore(t)
	imp := NewImporter(store, nil, nil)
	imp.BatchSize = 2
	ctx, cancel := context.WithCancel(t.Context())
	imp.AfterBatch = func(n int) { cancel() }
	sum, err := imp.ImportFiles(ctx, []string{path}, patentbridge.ImportOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v", err)
	}
	if len(store.patents) != 2 || sum.Inserted != 2 {
		t.Errorf("stored %d, summary %+v: want exactly the first whole batch", len(store.patents), sum)
	}
	imp.AfterBatch = nil
	if sum, _ := MustImport(t, imp, path); sum.Inserted != 3 || sum.Unchanged != 2 {
		t.Errorf("re-run after interruption %+v", sum)
	}
}

func TestClassifyEvent(t *testing.T) {
	tests := []struct {
		text string
		want patentbridge.EventType
	}{
		{"专利申请权、专利权的转移", patentbridge.EventTransfer},
		{"专利权人变更", patentbridge.EventTransfer},
		{"专利实施许可合同备案的生效", patentbridge.EventLicence},
		{"专利实施许可合同备案的注销", patentbridge.EventOther},
		{"专利权质押合同登记的生效、变更及注销", patentbridge.EventPledge},
		{"专利权质押合同登记的注销", patentbridge.EventOther},
		{"未缴年费专利权终止", patentbridge.EventLapse},
		{"专利权有效期届满", patentbridge.EventLapse},
		{"专利权全部无效", patentbridge.EventInvalidation},
		{"授权", patentbridge.EventGrant},
		{"实质审查的生效", patentbridge.EventOther},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := classifyEvent(tt.text); got != tt.want {
				t.Errorf("classifyEvent(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseEventText(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"2022-12-02 申请;2023-04-18 授权", "2022-12-02 other 申请|2023-04-18 grant 授权"},
		{"20230915:专利权的转移；20240301:专利实施许可合同备案的生效", "2023-09-15 transfer 专利权的转移|2024-03-01 licence 专利实施许可合同备案的生效"},
		{"2023.02.15 未缴年费专利权终止 申请号2022232206652", "2023-02-15 lapse 未缴年费专利权终止 申请号2022232206652"},
		{"2021年3月9日 授权", "2021-03-09 grant 授权"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			evs, err := parseEventText(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, patentbridge.FormatDate(e.Date)+" "+string(e.Type)+" "+e.Text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}
