package export

import (
	"context"

	"patentbridge"
)

// PageSize is how many sleeping patents WriteSleeping asks for at a time.
const PageSize = 1000

// WriteSleeping pages through the filter's sleeping patents (f.Limit and
// f.Offset are ignored: every match is exported) and feeds them to w, which it
// closes; it returns how many rows it wrote.
func WriteSleeping(ctx context.Context, svc patentbridge.SleepingService, f patentbridge.SleepingFilter, w SleepingWriter) (int, error) {
	n := 0
	f.Limit, f.Offset = PageSize, 0
	for {
		items, total, err := svc.ListSleeping(ctx, f)
		if err != nil {
			w.Close()
			return n, err
		}
		for _, it := range items {
			if err := w.Write(it); err != nil {
				w.Close()
				return n, err
			}
			n++
		}
		f.Offset += len(items)
		if len(items) == 0 || f.Offset >= total {
			break
		}
	}
	return n, w.Close()
}
