package route

import (
	"container/heap"
	"context"
	"encoding/hex"
	"errors"
	"hash/fnv"
	"log/slog"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// DefaultPerSubclass is how many stored patents of each main subclass the router
// learns from at most (see sampler for why, and the README for the measurements).
const DefaultPerSubclass = 100

// corpusMemoryLimit is the soft heap limit while a corpus model trains (unless
// the operator set a lower GOMEMLIMIT), well under the 1.5 GB the issue allows.
const corpusMemoryLimit = 900 << 20

// CorpusOptions tune TrainCorpus.
type CorpusOptions struct {
	// PerSubclass caps the patents sampled per main subclass (0: DefaultPerSubclass).
	PerSubclass int
	// Now stamps RouterStatus.BuiltAt (nil: time.Now).
	Now func() time.Time
	// Logger receives one line when training ends (nil: none).
	Logger *slog.Logger
}

// TrainCorpus trains the router on the shipped labelled titles, the IPC scheme's
// titles and a balanced sample of the corpus's patents: for each main subclass the
// PerSubclass patents whose 申请号 hash lowest, each giving one example for its
// title and one for its abstract and first claim, labelled with every subclass it
// carries. The status counts the patents read and the subclasses with examples;
// its version is a hash of the sample.
func TrainCorpus(ctx context.Context, corpus patentbridge.RouterCorpus, ref *refdata.Data, opt CorpusOptions) (*Model, patentbridge.RouterStatus, error) {
	if corpus == nil {
		return nil, patentbridge.RouterStatus{}, errors.New("route: no corpus")
	}
	if ref == nil {
		ref = refdata.Default()
	}
	k := opt.PerSubclass
	if k <= 0 {
		k = DefaultPerSubclass
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	if prev := debug.SetMemoryLimit(-1); prev > corpusMemoryLimit {
		debug.SetMemoryLimit(corpusMemoryLimit)
		defer debug.SetMemoryLimit(prev)
	}
	t0 := time.Now()
	rows, sample, read, err := corpusExamples(ctx, corpus, ref, k)
	if err != nil {
		return nil, patentbridge.RouterStatus{}, err
	}
	readTime := time.Since(t0)
	m := train(rows, ref, corpusParams(len(rows)))
	debug.FreeOSMemory()
	st := patentbridge.RouterStatus{
		Patents:    read,
		Subclasses: m.trainedLabels(),
		BuiltAt:    now().UTC(),
		Version:    sampleVersion(sample, k),
	}
	if opt.Logger != nil {
		opt.Logger.Info("IPC 路由模型已训练", "patents", st.Patents, "sampled", len(sample),
			"examples", len(rows), "subclasses", st.Subclasses, "read_seconds", readTime.Seconds(),
			"seconds", time.Since(t0).Seconds(), "version", st.Version)
	}
	return m, st, nil
}

// corpusExamples reads the corpus and returns the training examples (the shipped
// labelled titles, then each sampled patent's title and its abstract and first
// claim), the sample, and how many patents were read.
func corpusExamples(ctx context.Context, corpus patentbridge.RouterCorpus, ref *refdata.Data, k int) ([]Example, []sampled, int, error) {
	s := newSampler(k, ref)
	if err := corpus.EachRouterDoc(ctx, func(d patentbridge.RouterDoc) error {
		s.add(d)
		return nil
	}); err != nil {
		return nil, nil, 0, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, 0, err
	}
	sample := s.sorted()
	rows := Examples(ref.LabeledTitles())
	for _, d := range sample {
		rows = append(rows, Example{Title: d.title, Subclasses: d.subs})
		if long := d.long(); long != "" {
			rows = append(rows, Example{Title: long, Subclasses: d.subs})
		}
	}
	return rows, sample, s.read, nil
}

// corpusParams are the settings of a model trained on n examples, most of them
// long: each document keeps its strongest features, the linear models weigh only
// the most frequent features, and big training sets take fewer epochs.
func corpusParams(n int) params {
	p := defaultParams
	p.maxDocFeats = 48
	p.maxRows = 60000
	if n > 60000 {
		p.epochs = 4
	}
	return p
}

// trainedLabels counts the labels with at least one training example.
func (m *Model) trainedLabels() int {
	n := 0
	for _, f := range m.freq {
		if f > 0 {
			n++
		}
	}
	return n
}

// Texts longer than these many characters are cut before training.
const (
	maxTitleRunes    = 200
	maxAbstractRunes = 600
	maxClaimRunes    = 300
)

// sampled is a patent kept for training.
type sampled struct {
	hash     uint64
	appNo    string
	title    string
	abstract string
	claim    string // the first claim
	subs     []string
}

// long is the patent's abstract and first claim as one text.
func (d sampled) long() string {
	switch {
	case d.claim == "":
		return d.abstract
	case d.abstract == "":
		return d.claim
	}
	return d.abstract + "。" + d.claim
}

// sampler keeps, for every main subclass, the k patents whose 申请号 hash lowest:
// a reproducible sample, independent of the reading order, that balances large
// subclasses against small ones and holds at most k × subclasses patents however
// large the corpus.
type sampler struct {
	k     int
	known map[string]bool
	by    map[string][]sampled // max-heaps on hash
	read  int
}

func newSampler(k int, ref *refdata.Data) *sampler {
	s := &sampler{k: k, known: map[string]bool{}, by: map[string][]sampled{}}
	for _, n := range ref.Subclasses() {
		s.known[n.Code] = true
	}
	return s
}

// appNoHash is the FNV-1a hash of an application number.
func appNoHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// add counts a stored patent and keeps it when it is among the k lowest hashes of
// its main subclass (its texts are cut and copied only then).
func (s *sampler) add(d patentbridge.RouterDoc) {
	s.read++
	subs := s.subclasses(d.Subclasses)
	if len(subs) == 0 || strings.TrimSpace(d.Title) == "" {
		return
	}
	x := sampled{hash: appNoHash(d.AppNo), appNo: d.AppNo}
	if !s.wouldKeep(subs[0], x) {
		return
	}
	s.keep(subs[0], prepare(d, x.hash, subs))
}

// subclasses returns the subclasses of codes the IPC scheme knows, main first,
// without repeats.
func (s *sampler) subclasses(codes []string) []string {
	var subs []string
	for _, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if len(c) > 4 {
			c = c[:4]
		}
		if s.known[c] && !contains(subs, c) {
			subs = append(subs, c)
		}
	}
	return subs
}

// prepare returns a patent's training form, its texts cut and copied so the
// sample does not pin the store's row buffers.
func prepare(d patentbridge.RouterDoc, hash uint64, subs []string) sampled {
	return sampled{
		hash:     hash,
		appNo:    strings.Clone(d.AppNo),
		title:    strings.Clone(cut(d.Title, maxTitleRunes)),
		abstract: strings.Clone(strings.TrimSpace(cut(d.Abstract, maxAbstractRunes))),
		claim:    strings.Clone(strings.TrimSpace(cut(d.FirstClaim, maxClaimRunes))),
		subs:     subs,
	}
}

// wouldKeep reports whether x is among the k lowest hashes of the bucket so far.
func (s *sampler) wouldKeep(bucket string, x sampled) bool {
	h := s.by[bucket]
	return len(h) < s.k || less(x, h[0])
}

// keep adds x to the bucket's heap when it is among the k lowest hashes.
func (s *sampler) keep(bucket string, x sampled) {
	h := maxHeap(s.by[bucket])
	switch {
	case len(h) < s.k:
		heap.Push(&h, x)
	case less(x, h[0]):
		h[0] = x
		heap.Fix(&h, 0)
	default:
		return
	}
	s.by[bucket] = h
}

func (s *sampler) sorted() []sampled {
	keys := make([]string, 0, len(s.by))
	for k := range s.by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []sampled
	for _, k := range keys {
		h := s.by[k]
		sort.Slice(h, func(i, j int) bool { return less(h[i], h[j]) })
		out = append(out, h...)
	}
	return out
}

// less orders samples by hash, then 申请号 (a hash collision must not make the
// sample depend on the reading order).
func less(a, b sampled) bool {
	if a.hash != b.hash {
		return a.hash < b.hash
	}
	return a.appNo < b.appNo
}

// maxHeap holds a bucket's samples with the highest hash on top (container/heap).
type maxHeap []sampled

func (h maxHeap) Len() int           { return len(h) }
func (h maxHeap) Less(i, j int) bool { return less(h[j], h[i]) }
func (h maxHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *maxHeap) Push(x any)        { *h = append(*h, x.(sampled)) }
func (h *maxHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// sampleVersion is a short hash of the sample and the cap it was drawn with.
func sampleVersion(sample []sampled, k int) string {
	h := fnv.New64a()
	var b strings.Builder
	b.WriteString(strconv.Itoa(k))
	for _, d := range sample {
		b.WriteString(d.appNo)
		b.WriteByte(0)
		b.WriteString(d.title)
		b.WriteByte(0)
		b.WriteString(d.abstract)
		b.WriteByte(0)
		b.WriteString(d.claim)
		b.WriteByte(0)
		b.WriteString(strings.Join(d.subs, ","))
		b.WriteByte(1)
		if b.Len() > 1<<16 {
			h.Write([]byte(b.String()))
			b.Reset()
		}
	}
	h.Write([]byte(b.String()))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// cut returns the first n characters of s.
func cut(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
