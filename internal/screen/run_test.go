package screen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"patentbridge"
)

// synthPatents returns n varied patents of universities, institutes and companies;
// about half are sleeping as of asOfDate.
func synthPatents(tb testing.TB, n int) []*patentbridge.Patent {
	tb.Helper()
	ipcs := []string{"A23F3/06", "C12G3/02", "H01M10/0525", "G06F16/35", "A61K36/48", "A01K61/10", "B23K26/38", "C22C14/00"}
	owners := []patentbridge.Party{
		{Name: "四川大学", Type: patentbridge.PartyUniversity},
		{Name: "中国科学院成都生物研究所", Type: patentbridge.PartyInstitute},
		{Name: "成都天府制茶有限公司", Type: patentbridge.PartyEnterprise},
	}
	out := make([]*patentbridge.Patent, n)
	for i := range out {
		p := basePatent(tb)
		p.AppNo = fmt.Sprintf("20%02d1%07d", 14+i%8, i)
		p.AppDate = MustDate(tb, "2014-01-10").AddDate(i%8, i%12, 0)
		p.GrantDate = p.AppDate.AddDate(1, 6, i%28)
		p.MainIPC = ipcs[i%len(ipcs)]
		p.IPC = []string{p.MainIPC, ipcs[(i/3)%len(ipcs)]}
		p.Patentees = []patentbridge.Party{owners[i%7%3]}
		p.ClaimsCount = 1 + i%13
		p.ForwardCitations = (i * 7) % 11
		p.FamilySize = 1 + i%3
		p.Inventors = make([]string, 1+i%5)
		if i%10 == 4 {
			p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventLicence, Date: MustDate(tb, "2025-03-01")}}
			p.LicenceCount = 1
		}
		if i%17 == 5 {
			p.Status, p.LapseDate = patentbridge.StatusLapsedUnpaid, MustDate(tb, "2024-05-01")
		}
		if i%11 == 3 {
			p.Kind = patentbridge.KindUtility
		}
		out[i] = p
	}
	return out
}

func mustRun(t *testing.T, s *Service) *patentbridge.ScreeningRun {
	t.Helper()
	run, err := s.Run(context.Background(), MustDate(t, asOfDate), nil)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func TestRunCountsAndStoresEveryPatent(t *testing.T) {
	st := newFakeStore(synthPatents(t, 2500)...)
	var lastDone, lastTotal int
	run, err := NewService(st, nil, nil, nil).Run(context.Background(), MustDate(t, asOfDate).Add(15*time.Hour),
		func(done, total int) { lastDone, lastTotal = done, total })
	if err != nil {
		t.Fatal(err)
	}
	if run.Screened != 2500 || lastDone != 2500 || lastTotal != 2500 {
		t.Fatalf("screened %d, progress %d/%d, want 2500", run.Screened, lastDone, lastTotal)
	}
	if run.RuleVersion != "sleeping-2026.2" || run.WeightsVersion != "2026.1" || patentbridge.FormatDate(run.AsOf) != asOfDate {
		t.Fatalf("run %+v", run)
	}
	excluded, graded := 0, 0
	for _, n := range run.Excluded {
		excluded += n
	}
	for _, n := range run.Grades {
		graded += n
	}
	if run.Sleeping == 0 || run.Sleeping+excluded != run.Screened || graded != run.Sleeping {
		t.Fatalf("sleeping %d, excluded %v, grades %v of %d", run.Sleeping, run.Excluded, run.Grades, run.Screened)
	}
	if run.Excluded[patentbridge.CritInstitution] == 0 || run.Excluded[patentbridge.CritNotImplemented] == 0 {
		t.Fatalf("excluded %v: expected companies and licensed patents among the reasons", run.Excluded)
	}
	if len(st.results[run.ID]) != 2500 || len(st.scores[run.ID]) != 2500 {
		t.Fatalf("stored %d results and %d scores", len(st.results[run.ID]), len(st.scores[run.ID]))
	}
	for app, r := range st.results[run.ID] {
		sc := st.scores[run.ID][app]
		if r.RunID != run.ID || len(r.Criteria) != 6 || len(r.Indicators) != NumIndicators || (sc.Grade != "") != r.Sleeping {
			t.Fatalf("%s: result %+v score %+v", app, r, sc)
		}
	}
}

// Same data and date, any scan order: the same results and scores.
func TestRunIsDeterministic(t *testing.T) {
	ps := synthPatents(t, 1200)
	st := newFakeStore(ps...)
	svc := NewService(st, nil, nil, nil)
	r1, r2 := mustRun(t, svc), mustRun(t, svc)
	shuffled := append([]*patentbridge.Patent(nil), ps...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	st.patents = shuffled
	r3 := mustRun(t, svc)
	for _, r := range []*patentbridge.ScreeningRun{r2, r3} {
		if !reflect.DeepEqual(r1.Grades, r.Grades) || !reflect.DeepEqual(r1.Excluded, r.Excluded) {
			t.Fatalf("run %d counts differ: %v %v vs %v %v", r.ID, r.Grades, r.Excluded, r1.Grades, r1.Excluded)
		}
		for app, res := range st.results[r1.ID] {
			other := *st.results[r.ID][app]
			other.RunID = res.RunID
			if !reflect.DeepEqual(*res, other) {
				t.Fatalf("%s: results differ between runs:\n%+v\n%+v", app, *res, other)
			}
			// missing indicators are NaN in the raw vectors (patentbridge.MissingRaw)
			if !cmp.Equal(st.scores[r1.ID][app], st.scores[r.ID][app], cmpopts.EquateNaNs()) {
				t.Fatalf("%s: scores differ between runs", app)
			}
		}
	}
}

// An institution's declaration moves a patent off the list; revoking it brings it back.
func TestRunDeclarations(t *testing.T) {
	p := basePatent(t)
	tests := []struct {
		name string
		decl *patentbridge.Declaration
		crit patentbridge.Criterion
	}{
		{"justified reason", &patentbridge.Declaration{ID: 1, AppNo: p.AppNo, Kind: patentbridge.DeclReason,
			Reason: patentbridge.ReasonSecrecy, CreatedAt: MustDate(t, "2026-06-01")}, patentbridge.CritNoReason},
		{"implementation", &patentbridge.Declaration{ID: 2, AppNo: p.AppNo, Kind: patentbridge.DeclImplemented,
			How: "自行实施", Since: MustDate(t, "2025-01-01"), CreatedAt: MustDate(t, "2026-06-01")}, patentbridge.CritNotImplemented},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newFakeStore(p)
			svc := NewService(st, nil, nil, nil)
			if run := mustRun(t, svc); run.Sleeping != 1 {
				t.Fatalf("before the declaration: sleeping %d", run.Sleeping)
			}
			st.decls = []*patentbridge.Declaration{tt.decl}
			run := mustRun(t, svc)
			r := st.results[run.ID][p.AppNo]
			if run.Sleeping != 0 || run.Excluded[tt.crit] != 1 || r.ExcludedBy != tt.crit {
				t.Fatalf("with the declaration: sleeping %d, excluded %v, result %+v", run.Sleeping, run.Excluded, r.Criteria)
			}
			tt.decl.RevokedAt = MustDate(t, "2026-07-01")
			if run := mustRun(t, svc); run.Sleeping != 1 || st.scores[run.ID][p.AppNo].Grade == "" {
				t.Fatalf("after revoking: sleeping %d", run.Sleeping)
			}
		})
	}
}

func TestRunStopsOnWriteError(t *testing.T) {
	st := newFakeStore(synthPatents(t, 3000)...)
	st.failSave = errors.New("disk full")
	if _, err := NewService(st, nil, nil, nil).Run(context.Background(), MustDate(t, asOfDate), nil); err == nil || err.Error() != "disk full" {
		t.Fatalf("got %v, want the store's error", err)
	}
}

func TestExplainRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	raw := make([]float32, NumIndicators)
	norm := make([]float32, NumIndicators)
	for i := range raw {
		raw[i], norm[i] = float32(i), 1
	}
	ind := cfg.Explain(raw, norm)
	total := 0.0
	for i, c := range cfg.Contribution(ind) {
		if ind[i].Name != Indicators[i].Name || ind[i].Raw != float64(i) || ind[i].Weight != cfg.Weights[ind[i].Name] {
			t.Fatalf("indicator %d: %+v", i, ind[i])
		}
		total += c
	}
	if total < 99.999 || total > 100.001 {
		t.Fatalf("contributions of a perfect patent sum to %v, want 100", total)
	}
}
