package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"
)

// licenceJobs runs the periodic licence acts at start and then every interval
// until ctx ends: it ends the licences whose term has expired and sends the
// 备案 reminders of licences overdue for recordation (细则 art. 87); the
// service ends each licence and sends each reminder once.
func licenceJobs(ctx context.Context, licences patentbridge.LicenceService, every time.Duration, logger *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := licences.EndExpiredLicences(platform(ctx)); err != nil && ctx.Err() == nil {
			logger.Error("licences: end expired licences", "err", err)
		} else if n > 0 {
			logger.Info("期限届满的许可已终止", "licences", n)
		}
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
