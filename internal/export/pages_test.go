package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"testing"

	"patentbridge"
	"patentbridge/internal/export"
)

// pagedSleeping serves n generated sleeping patents in pages, counting calls.
type pagedSleeping struct {
	n     int
	calls int
}

func (p *pagedSleeping) ListSleeping(ctx context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, int, error) {
	p.calls++
	var out []*patentbridge.SleepingItem
	for i := f.Offset; i < p.n && len(out) < f.Limit; i++ {
		out = append(out, &patentbridge.SleepingItem{
			Patent: &patentbridge.Patent{AppNo: fmt.Sprintf("20191%08d", i), Title: fmt.Sprintf("专利%d", i)},
			Result: &patentbridge.ScreeningResult{Sleeping: true, Grade: "B"},
		})
	}
	return out, p.n, nil
}

func (p *pagedSleeping) CountSleeping(ctx context.Context, f patentbridge.SleepingFilter) (map[string]int, error) {
	return map[string]int{"B": p.n}, nil
}

func TestWriteSleepingPagesThroughEveryMatch(t *testing.T) {
	for _, n := range []int{0, 1, export.PageSize, export.PageSize*2 + 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			svc := &pagedSleeping{n: n}
			var buf bytes.Buffer
			w, err := export.NewSleepingCSV(&buf, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := export.WriteSleeping(context.Background(), svc, patentbridge.SleepingFilter{Limit: 20, Offset: 40}, w)
			if err != nil || got != n {
				t.Fatalf("wrote %d rows, err %v; want %d", got, err, n)
			}
			recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
			if err != nil || len(recs) != n+1 {
				t.Fatalf("%d records (err %v), want %d plus the header", len(recs), err, n)
			}
			if n > 0 && recs[n][1] != fmt.Sprintf("专利%d", n-1) {
				t.Errorf("last row %q", recs[n])
			}
		})
	}
}
