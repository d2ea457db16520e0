package export

import (
	"context"
	"fmt"

	"patentbridge"
)

// PageSize is how many sleeping patents WriteSleeping asks for at a time.
const PageSize = 1000

// WriteSleeping pages through the filter's sleeping patents (f.Limit and
// f.Offset are ignored: every match is exported) and feeds them to w, which it
// closes; it returns how many rows it wrote.
func WriteSleeping(ctx context.Context, svc patentbridge.SleepingService, f patentbridge.SleepingFilter, w SleepingWriter) (int, error) {
	n, _, err := WriteSleepingUpTo(ctx, svc, f, w, 0)
	return n, err
}

// WriteSleepingUpTo is WriteSleeping stopping after limit rows (0: no limit);
// when the filter matches more, a last line says so (CapNote). It returns the
// rows written and how many the filter matches.
func WriteSleepingUpTo(ctx context.Context, svc patentbridge.SleepingService, f patentbridge.SleepingFilter, w SleepingWriter, limit int) (int, int, error) {
	n, total := 0, 0
	f.Limit, f.Offset = PageSize, 0
	for {
		if limit > 0 {
			f.Limit = min(PageSize, limit-n)
		}
		items, all, err := svc.ListSleeping(ctx, f)
		if err != nil {
			w.Close()
			return n, total, err
		}
		total = all
		for _, it := range items {
			if err := w.Write(it); err != nil {
				w.Close()
				return n, total, err
			}
			n++
		}
		f.Offset += len(items)
		if len(items) == 0 || f.Offset >= total || (limit > 0 && n >= limit) {
			break
		}
	}
	if n < total {
		if err := w.Note(CapNote(total, n)); err != nil {
			w.Close()
			return n, total, err
		}
	}
	return n, total, w.Close()
}

// CapNote is the line an export cut to its size cap ends with.
func CapNote(total, written int) string {
	return fmt.Sprintf("注：符合条件的共 %d 件，本文件只导出前 %d 件；请缩小筛选范围后分批导出。", total, written)
}
