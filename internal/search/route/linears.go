package route

import (
	"runtime"
	"sync"
)

// trainLinears trains p.seeds softmax regressions and, when p.wOvr > 0, as many
// one-vs-rest ones, each on its own shuffle of the documents, on up to two cores.
func trainLinears(docs []vec, labels [][]int32, weights []float32, df []int32, nlabels int, p params) (lin, ovr []*linear) {
	seeds := max(p.seeds, 1)
	lin = make([]*linear, seeds)
	if p.wOvr > 0 {
		ovr = make([]*linear, seeds)
	}
	type job struct {
		out  **linear
		ovr  bool
		seed uint64
	}
	var jobs []job
	for s := range seeds {
		jobs = append(jobs, job{&lin[s], false, uint64(s)})
		if ovr != nil {
			jobs = append(jobs, job{&ovr[s], true, uint64(s)})
		}
	}
	ch := make(chan job)
	var wg sync.WaitGroup
	for range min(2, runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := range ch {
				*j.out = trainLinear(docs, labels, weights, df, nlabels, p.epochs, p.lr, j.ovr, j.seed)
			}
		})
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return lin, ovr
}

// meanScores writes the mean of the models' probabilities for a vector into out.
func meanScores(ms []*linear, x vec, out []float64) {
	for _, m := range ms {
		m.scores(x, out)
	}
	if len(ms) > 1 {
		for i := range out {
			out[i] /= float64(len(ms))
		}
	}
}
