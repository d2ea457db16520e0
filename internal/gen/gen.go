// Package gen writes synthetic patent exports in the 61-column layout of a
// commercial Chinese patent database, calibrated to Sichuan's patent figures and
// built from real titles and IPC titles, for import tests and benchmarks.
package gen

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"

	"patentbridge/internal/refdata"
)

// Stats counts what a Write produced.
type Stats struct {
	Rows          int `json:"rows"`
	Inventions    int `json:"inventions"` // including PCT inventions
	UtilityModels int `json:"utility_models"`
	Designs       int `json:"designs"`
	Granted       int `json:"granted"`
	InForce       int `json:"in_force"`
	Transferred   int `json:"transferred"` // rows with at least one transfer
	Licensed      int `json:"licensed"`
	Pledged       int `json:"pledged"`
}

// generator holds the state of one Write: the random source and prepared tables.
type generator struct {
	r           *rand.Rand
	d           *refdata.Data
	titles      []titleInfo
	deck        *titleDeck
	groups      map[string]*groupSet
	cats        [numCategories]weighted
	enterprises weighted
	cityPick    weighted // name = city code, label = city name, addr = short name
	areas       map[string][]refdata.Region
	seqOffset   int
	rec         []string
}

// Write writes a header and n synthetic records as UTF-8 CSV (no BOM) to w. The
// output depends only on n, seed and the reference data: the same arguments give
// byte-identical files. Memory does not grow with n. Titles of inventions and utility
// models are dealt from the real titles in shuffled passes, so no title repeats until
// every one has been used.
func Write(w io.Writer, n int, seed int64, d *refdata.Data) error {
	_, err := WriteStats(w, n, seed, d)
	return err
}

// WriteFeatured is Write whose first rows take the titles holding any of the
// featured words (the demo uses it so its sample demands have patents to match).
func WriteFeatured(w io.Writer, n int, seed int64, d *refdata.Data, featured []string) error {
	_, err := writeStats(w, n, seed, d, featured)
	return err
}

// WriteStats is Write that also returns counts of what it wrote.
func WriteStats(w io.Writer, n int, seed int64, d *refdata.Data) (Stats, error) {
	return writeStats(w, n, seed, d, nil)
}

func writeStats(w io.Writer, n int, seed int64, d *refdata.Data, featured []string) (Stats, error) {
	var st Stats
	if n < 0 || n > maxRows {
		return st, errors.New("gen: n must be between 0 and 10,000,000")
	}
	if d == nil {
		d = refdata.Default()
	}
	g := newGenerator(seed, d, featured)
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(columns); err != nil {
		return st, err
	}
	for i := range n {
		g.row(i, &st)
		if err := cw.Write(g.rec); err != nil {
			return st, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// maxRows bounds n so that application-number sequences stay unique (7 digits).
const maxRows = 10_000_000

func newGenerator(seed int64, d *refdata.Data, featured []string) *generator {
	g := &generator{
		r:      rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		d:      d,
		groups: map[string]*groupSet{},
		rec:    make([]string, numColumns),
	}
	g.seqOffset = g.r.IntN(maxRows)
	for _, t := range d.LabeledTitles() {
		g.titles = append(g.titles, prepareTitle(t.Title, t.Subclasses))
	}
	g.deck = newTitleDeck(g.r, g.titles, featured)
	g.buildParties(d)
	return g
}
