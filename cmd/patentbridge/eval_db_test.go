package main

import (
	"encoding/json"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/search/route"
	"patentbridge/internal/sqldb"
)

// TestEvalIPCOnADatabase runs `eval ipc --db` on 2,000 generated patents imported
// into each store: a fifth is held out, the router trained on the rest, and the
// report gives sane figures for the held-out titles and abstracts.
func TestEvalIPCOnADatabase(t *testing.T) {
	if _, ok := any((*sqldb.DB)(nil)).(patentbridge.RouterCorpus); !ok {
		t.Skip("the store does not provide the router's corpus yet")
	}
	if testing.Short() {
		t.Skip("trains three routers")
	}
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			file := MustGen(t, t.TempDir(), 2000, "11")
			if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, file); code != 0 {
				t.Fatalf("import: exit %d: %s", code, stderr)
			}
			code, stdout, stderr := MustRun(t, nil, "eval", "ipc", "--db", dsn, "--json")
			if code != 0 {
				t.Fatalf("eval ipc --db: exit %d: %s", code, stderr)
			}
			var r route.CorpusReport
			if err := json.Unmarshal([]byte(stdout), &r); err != nil {
				t.Fatalf("eval ipc --db --json printed %q: %v", stdout, err)
			}
			t.Logf("%+v", r)
			// Designs carry no IPC subclass; of the rest about 80% train, 20% test.
			if all := r.Patents + r.HeldOut; all < 1500 || all > 2000 || r.HeldOut < all/7 || r.HeldOut > all/3 {
				t.Errorf("trained on %d and held out %d patents, want about 80/20 of the ~1,900 with an IPC class", r.Patents, r.HeldOut)
			}
			if r.Sampled == 0 || r.Sampled > r.Patents || r.Examples < 7000 || r.K != route.EvalK {
				t.Errorf("report %+v: want a sample of the training patents and the shipped titles among the examples", r)
			}
			for name, m := range map[string]route.Metrics{
				"titles/router": r.Titles.Product, "titles/titles-only": r.Titles.TitlesOnly, "titles/bleve": r.Titles.Baseline,
				"abstracts/router": r.Abstracts.Product, "abstracts/titles-only": r.Abstracts.TitlesOnly, "abstracts/bleve": r.Abstracts.Baseline,
			} {
				if m.N != r.HeldOut || m.Top1 < 0.2 || m.Top1 > m.RecallAt3 || m.RecallAt3 > 1 {
					t.Errorf("%s: %+v, want every held-out patent scored, 0.2 <= top-1 <= recall@3 <= 1", name, m)
				}
			}
			// Learning the database's abstracts routes abstracts better than the
			// shipped titles alone, and better than the Bleve neighbour vote.
			if a := r.Abstracts; a.Product.Top1 <= a.TitlesOnly.Top1 || a.Product.Top1 <= a.Baseline.Top1 {
				t.Errorf("abstracts: router top-1 %.3f, titles only %.3f, bleve %.3f; want the router first", a.Product.Top1, a.TitlesOnly.Top1, a.Baseline.Top1)
			}
			code, _, stderr = MustRun(t, nil, "eval", "ipc", "--db", dsn, "--train", "x.csv")
			if code != 2 || !strings.Contains(stderr, "--db 不能与 --train") {
				t.Errorf("--db with --train: exit %d, stderr %q; want 2 and the reason", code, stderr)
			}
		})
	}
}
