package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search/route"
)

// routerCorpus is the store as the IPC router's training set, nil while the
// store does not implement patentbridge.RouterCorpus.
func routerCorpus(db any) patentbridge.RouterCorpus {
	if c, ok := db.(patentbridge.RouterCorpus); ok {
		return c
	}
	return nil
}

// routerTrainer is how serve trains the IPC router on the stored patents: the
// corpus trainer over titles, abstracts and first claims, balanced per subclass.
func routerTrainer(corpus patentbridge.RouterCorpus, now func() time.Time) route.TrainFunc {
	return func(ctx context.Context) (*route.Model, patentbridge.RouterStatus, error) {
		return route.TrainCorpus(ctx, corpus, refdata.Default(), route.CorpusOptions{Now: now, Logger: slog.Default()})
	}
}
