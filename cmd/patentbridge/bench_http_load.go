package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// loadTarget is one endpoint under load: req builds its i-th request.
type loadTarget struct {
	name string
	req  func(ctx context.Context, i int) (*http.Request, error)
}

// loadResult is what one endpoint answered under load.
type loadResult struct {
	name     string
	n        int             // requests answered (or failed)
	errors   int             // transport errors and non-2xx answers
	firstErr string          // the first error, to say what went wrong
	elapsed  time.Duration   // wall time from the first request to the last answer
	lat      []time.Duration // latency of every request, sorted
}

// runLoad sends target's requests from c concurrent clients until n have been
// sent or d has passed, whichever is first, reading every body to the end.
func runLoad(ctx context.Context, client *http.Client, t loadTarget, c, n int, d time.Duration) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next atomic.Int64
	var mu sync.Mutex
	res := loadResult{name: t.name}
	start := time.Now()
	var wg sync.WaitGroup
	for range max(c, 1) {
		wg.Go(func() {
			var lat []time.Duration
			errs, first := 0, ""
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					break
				}
				took, err := do(ctx, client, t, i)
				if ctx.Err() != nil && err != nil {
					break // cut off by the time bound: neither answered nor failed
				}
				lat = append(lat, took)
				if err != nil {
					if errs++; first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			if res.errors += errs; res.firstErr == "" {
				res.firstErr = first
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.n = len(res.lat)
	sort.Slice(res.lat, func(i, j int) bool { return res.lat[i] < res.lat[j] })
	return res
}

// do sends one request and reads the answer; a non-2xx status is an error.
func do(ctx context.Context, client *http.Client, t loadTarget, i int) (time.Duration, error) {
	req, err := t.req(ctx, i)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
		err = fmt.Errorf("%s %s: HTTP %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return took, err
}

// rate is the answered requests per second.
func (r loadResult) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.n) / r.elapsed.Seconds()
}

// percentile returns the latency below which p percent of the requests fall.
func (r loadResult) percentile(p int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, len(r.lat)*p/100)]
}

// writeLoadTable prints one line per endpoint: requests, errors, req/s, p50, p99.
func writeLoadTable(w io.Writer, rs []loadResult) {
	fmt.Fprintf(w, "%-26s %8s %6s %9s %9s %9s\n", "endpoint", "requests", "errors", "req/s", "p50", "p99")
	for _, r := range rs {
		fmt.Fprintf(w, "%-26s %8d %6d %9.1f %9s %9s\n", r.name, r.n, r.errors, r.rate(),
			ms(r.percentile(50)), ms(r.percentile(99)))
		if r.firstErr != "" {
			fmt.Fprintf(w, "  first error: %s\n", r.firstErr)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
