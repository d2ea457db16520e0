package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"
)

// remindRecordations sends the 备案 reminders of licences overdue for
// recordation (细则 art. 87) at start and then every interval until ctx ends;
// the service sends each reminder once.
func remindRecordations(ctx context.Context, licences patentbridge.LicenceService, every time.Duration, logger *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := licences.RemindRecordations(platform(ctx)); err != nil && ctx.Err() == nil {
			logger.Error("licences: recordation reminders", "err", err)
		} else if n > 0 {
			logger.Info("备案提醒已发送", "licences", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
