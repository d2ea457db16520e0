package screen

import (
	"context"
	"time"

	"patentbridge"
)

// firstPass scans the store, assesses every patent, feeds the Grader and writes the
// results in batches on a second goroutine so that assessing overlaps writing.
func (s *Service) firstPass(ctx context.Context, run *patentbridge.ScreeningRun, asOf time.Time,
	decls map[string][]*patentbridge.Declaration, ratings map[string]patentbridge.RatingSummary, reg *Registry,
	g *Grader, total int, progress func(done, total int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*patentbridge.ScreeningResult, 2)
	werr := make(chan error, 1)
	go func() {
		var err error
		for b := range batches { // keeps draining after an error so the scan never blocks
			if err == nil {
				if err = s.store.SaveScreeningResults(ctx, run.ID, b); err != nil {
					cancel()
				}
			}
		}
		werr <- err
	}()
	batch := make([]*patentbridge.ScreeningResult, 0, BatchSize)
	done := 0
	scanErr := s.store.ScanPatents(ctx, func(p *patentbridge.Patent) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := s.engine.Assess(p, Facts{Declarations: decls[p.AppNo], Ratings: ratings[p.AppNo], Registry: reg}, asOf)
		a.Result.RunID = run.ID
		g.Add(p.AppNo, a.Raw, a.Cohort, a.MainGroup, a.RecentDeals, a.Result.Sleeping)
		run.Screened++
		if a.Result.Sleeping {
			run.Sleeping++
		} else {
			run.Excluded[a.Result.ExcludedBy]++
		}
		batch = append(batch, a.Result)
		if len(batch) == BatchSize {
			batches <- batch
			batch = make([]*patentbridge.ScreeningResult, 0, BatchSize)
		}
		if done++; progress != nil && done%BatchSize == 0 {
			progress(done, total)
		}
		return nil
	})
	if scanErr == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	writeErr := <-werr
	if writeErr != nil {
		return writeErr // the cause when the scan stopped because the writer cancelled it
	}
	if scanErr != nil {
		return scanErr
	}
	if progress != nil {
		progress(done, max(total, done))
	}
	return nil
}
