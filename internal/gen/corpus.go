package gen

import (
	"context"
	"errors"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// Corpus is the IPC router's training corpus over the patents Write would produce
// for N, Seed and Featured, generated on the fly: memory does not grow with N.
// Designs (Locarno-classified) are left out, as a store leaves out patents
// without an IPC subclass.
type Corpus struct {
	N        int
	Seed     int64
	Featured []string
	Data     *refdata.Data // nil for refdata.Default()
}

// RouterCorpusState counts the generated patents with an IPC subclass (one pass).
func (c Corpus) RouterCorpusState(ctx context.Context) (patentbridge.CorpusState, error) {
	var n int
	err := c.EachRouterDoc(ctx, func(patentbridge.RouterDoc) error { n++; return nil })
	return patentbridge.CorpusState{Patents: n}, err
}

// EachRouterDoc calls fn for every generated patent with an IPC subclass, in
// generation order, stopping at fn's first error or when ctx is done.
func (c Corpus) EachRouterDoc(ctx context.Context, fn func(patentbridge.RouterDoc) error) error {
	if c.N < 0 || c.N > maxRows {
		return errors.New("gen: n must be between 0 and 10,000,000")
	}
	d := c.Data
	if d == nil {
		d = refdata.Default()
	}
	g := newGenerator(c.Seed, d, c.Featured)
	var st Stats
	for i := range c.N {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		g.row(i, &st)
		subs := subclassesOf(g.rec[colMainIPC], g.rec[colIPC])
		if len(subs) == 0 {
			continue
		}
		err := fn(patentbridge.RouterDoc{
			AppNo:      g.rec[colAppNo],
			Title:      g.rec[colTitle],
			Abstract:   g.rec[colAbstract],
			FirstClaim: g.rec[colClaim], // the generator writes only the first claim
			Subclasses: subs,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// subclassesOf lists the distinct IPC subclasses of the main and other codes of a
// record, main first.
func subclassesOf(main, others string) []string {
	var out []string
	for _, code := range append([]string{main}, strings.Split(others, ";")...) {
		n, err := patentbridge.NormalizeIPC(code)
		if err != nil {
			continue
		}
		if s := patentbridge.IPCSubclass(n); s != "" && !containsString(out, s) {
			out = append(out, s)
		}
	}
	return out
}
