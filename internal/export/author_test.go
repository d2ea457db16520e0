package export_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/refdata"
)

// exportTime is the service clock's time the test workbooks are made at.
var exportTime = time.Date(2026, 11, 27, 9, 30, 15, 0, time.FixedZone("CST", 8*3600))

// assertAuthor checks that a workbook names the platform as its author and
// gives the export time (in UTC) as its creation and modification time.
func assertAuthor(tb testing.TB, f *excelize.File) {
	tb.Helper()
	props, err := f.GetDocProps()
	if err != nil {
		tb.Fatal(err)
	}
	if props.Created != "2026-11-27T01:30:15Z" || props.Modified != props.Created {
		tb.Errorf("created %q, modified %q; want the export time 2026-11-27T01:30:15Z", props.Created, props.Modified)
	}
	if props.Creator != "专利转化运营平台（PatentBridge）" || props.LastModifiedBy != props.Creator {
		tb.Errorf("author %q, last modified by %q; want the platform's name", props.Creator, props.LastModifiedBy)
	}
	app, err := f.GetAppProps()
	if err != nil || app.Application != props.Creator {
		tb.Errorf("application %q (%v), want the platform's name", app.Application, err)
	}
}

// Every workbook the platform writes names it as the author and shows each
// application number in its dotted form, as the pages do.
func TestWorkbooksNameTheAuthorAndShowAppNumbers(t *testing.T) {
	t.Run("sleeping", func(t *testing.T) {
		var buf bytes.Buffer
		w, err := export.NewSleepingXLSX(&buf, refdata.Default(), exportTime)
		MustWriteSleeping(t, w, err)
		f := MustOpenXLSX(t, buf.Bytes())
		assertAuthor(t, f)
		if v, _ := f.GetCellValue("沉睡专利", "A2"); v != "201910512345.8" {
			t.Errorf("A2 = %q, want 201910512345.8", v)
		}
	})
	t.Run("supply list", func(t *testing.T) {
		l := &patentbridge.SupplyList{ID: 1, Title: "清单", Status: patentbridge.ListPublished, Year: 2026, Number: 1}
		for _, it := range sampleItems() {
			l.Items = append(l.Items, patentbridge.NewSupplyItem(it))
		}
		var buf bytes.Buffer
		if err := export.WriteSupplyListXLSX(&buf, l, refdata.Default(), exportTime); err != nil {
			t.Fatal(err)
		}
		f := MustOpenXLSX(t, buf.Bytes())
		assertAuthor(t, f)
		rows, _ := f.GetRows("供给清单")
		if last := rows[len(rows)-1]; len(last) < 2 || last[1] != "201821433672.1" {
			t.Errorf("last item row %q, want the dotted application number", last)
		}
	})
	t.Run("search results", func(t *testing.T) {
		var buf bytes.Buffer
		x, err := export.NewPatentsXLSX(&buf, "检索结果", "全文检索结果：检索词：电池", refdata.Default(), exportTime)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range sampleItems() {
			if err := x.Write(it.Patent, it.Result.Grade); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		f := MustOpenXLSX(t, buf.Bytes())
		assertAuthor(t, f)
		rows, _ := f.GetRows("检索结果")
		if len(rows) != 4 || rows[0][0] != "全文检索结果：检索词：电池" || rows[1][1] != "申请号" {
			t.Fatalf("rows %q", rows)
		}
		if rows[2][1] != "201910512345.8" || rows[2][2] != "一种锂离子电池硅碳负极材料的制备方法" || rows[3][11] != "C" {
			t.Errorf("rows %q", rows[2:])
		}
		assertDateCell(t, f, "检索结果", "I3", "2021-03-05")
	})
}

// sliceSleeping pages through a fixed list of sleeping patents.
type sliceSleeping struct {
	patentbridge.SleepingService
	items []*patentbridge.SleepingItem
}

func (s sliceSleeping) ListSleeping(_ context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, int, error) {
	lo := min(f.Offset, len(s.items))
	hi := min(lo+f.Limit, len(s.items))
	return s.items[lo:hi], len(s.items), nil
}

// An export cut to its cap ends with a Chinese line saying how many rows the
// filter matched and how many were written.
func TestWriteSleepingUpToNotesTheCap(t *testing.T) {
	var items []*patentbridge.SleepingItem
	for range 3 {
		items = append(items, sampleItems()...)
	}
	var buf bytes.Buffer
	w, err := export.NewSleepingXLSX(&buf, refdata.Default(), exportTime)
	if err != nil {
		t.Fatal(err)
	}
	n, total, err := export.WriteSleepingUpTo(context.Background(), sliceSleeping{items: items}, patentbridge.SleepingFilter{}, w, 4)
	if err != nil || n != 4 || total != 6 {
		t.Fatalf("wrote %d of %d (%v), want 4 of 6", n, total, err)
	}
	rows, _ := MustOpenXLSX(t, buf.Bytes()).GetRows("沉睡专利")
	if last := rows[len(rows)-1][0]; last != "注：符合条件的共 6 件，本文件只导出前 4 件；请缩小筛选范围后分批导出。" {
		t.Errorf("last line %q", last)
	}
	if len(rows) != 1+4+2 {
		t.Errorf("%d rows, want header, 4 patents, a blank row and the note", len(rows))
	}

	buf.Reset()
	w, _ = export.NewSleepingXLSX(&buf, refdata.Default(), exportTime)
	if n, _, err := export.WriteSleepingUpTo(context.Background(), sliceSleeping{items: items}, patentbridge.SleepingFilter{}, w, 10); err != nil || n != 6 {
		t.Fatalf("uncapped: %d, %v", n, err)
	}
	rows, _ = MustOpenXLSX(t, buf.Bytes()).GetRows("沉睡专利")
	if len(rows) != 7 {
		t.Errorf("%d rows, want header and 6 patents without a note", len(rows))
	}
}
