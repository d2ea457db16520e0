package main

import (
	"context"
	"fmt"
	"hash/fnv"
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

// routerTrainer is how serve trains the IPC router on the stored patents.
//
// INTERIM (issue 12): the body is to become one call of route.TrainCorpus, the
// corpus trainer (titles, abstracts, first claims, balanced per subclass).
func routerTrainer(corpus patentbridge.RouterCorpus, now func() time.Time) route.TrainFunc {
	return func(ctx context.Context) (*route.Model, patentbridge.RouterStatus, error) {
		return trainOnStoredTitles(ctx, corpus, now)
	}
}

// interimRouterPatents bounds the stored titles trainOnStoredTitles learns from.
const interimRouterPatents = 50_000

// trainOnStoredTitles trains the router on the shipped labelled titles and the
// titles of the first interimRouterPatents stored patents.
func trainOnStoredTitles(ctx context.Context, corpus patentbridge.RouterCorpus, now func() time.Time) (*route.Model, patentbridge.RouterStatus, error) {
	ref := refdata.Default()
	ex := route.Examples(ref.LabeledTitles())
	subclasses := map[string]bool{}
	for _, e := range ex {
		for _, s := range e.Subclasses {
			subclasses[s] = true
		}
	}
	h := fnv.New64a()
	n := 0
	errEnough := fmt.Errorf("enough")
	err := corpus.EachRouterDoc(ctx, func(d patentbridge.RouterDoc) error {
		if n == interimRouterPatents {
			return errEnough
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		ex = append(ex, route.Example{Title: d.Title, Subclasses: d.Subclasses})
		for _, s := range d.Subclasses {
			subclasses[s] = true
		}
		fmt.Fprintf(h, "%s\x00%s\x00%v\x00", d.AppNo, d.Title, d.Subclasses)
		n++
		return nil
	})
	if err != nil && err != errEnough {
		return nil, patentbridge.RouterStatus{}, fmt.Errorf("read the stored patents: %w", err)
	}
	m := route.Train(ex, ref)
	return m, patentbridge.RouterStatus{Patents: n, Subclasses: len(subclasses), BuiltAt: now(),
		Version: fmt.Sprintf("titles-%08x", uint32(h.Sum64()))}, nil
}
