package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// routerDocs collects EachRouterDoc's documents.
func routerDocs(t *testing.T, db *sqldb.DB) []patentbridge.RouterDoc {
	t.Helper()
	var out []patentbridge.RouterDoc
	if err := db.EachRouterDoc(context.Background(), func(d patentbridge.RouterDoc) error {
		out = append(out, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEachRouterDoc(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		tea := newPatent(1)
		tea.AppNo, tea.Title = appNo(2021, 1, 300), "一种名优绿茶杀青揉捻一体机"
		tea.Abstract, tea.FirstClaim = "本发明公开了一种绿茶杀青揉捻一体机。", "1.一种绿茶杀青揉捻一体机，其特征在于……"
		// The main code comes last in the list and a subclass repeats: the main
		// subclass must still come first, and each subclass once.
		tea.MainIPC = "A23F3/06"
		tea.IPC = []string{"B65G47/00", "A23F3/12", "A23F3/06", "A23N12/08"}
		none := newPatent(2)
		none.AppNo, none.MainIPC, none.IPC = appNo(2019, 1, 7), "", nil // no IPC: not a training document
		coarse := newPatent(3)
		coarse.AppNo, coarse.MainIPC, coarse.IPC = appNo(2020, 2, 8), "H01", []string{"H01"} // class only
		old := newPatent(4)
		old.AppNo, old.MainIPC, old.IPC = "851024750", "C12G3/02", []string{"C12G3/02", "C12H6/00"} // sorts after the 13-character numbers
		first := newPatent(5)
		first.AppNo = appNo(2018, 1, 5)
		MustUpsert(t, db, old, tea, none, coarse, first)

		got := routerDocs(t, db)
		var nos []string
		for _, d := range got {
			nos = append(nos, d.AppNo)
		}
		if want := []string{first.AppNo, tea.AppNo, old.AppNo}; !slices.Equal(nos, want) {
			t.Fatalf("EachRouterDoc gave %v, want %v: 申请号 order, only patents with a subclass", nos, want)
		}
		d := got[1]
		if d.Title != tea.Title || d.Abstract != tea.Abstract || d.FirstClaim != tea.FirstClaim {
			t.Errorf("tea doc texts = %q %q %q", d.Title, d.Abstract, d.FirstClaim)
		}
		if want := []string{"A23F", "B65G", "A23N"}; !slices.Equal(d.Subclasses, want) {
			t.Errorf("tea subclasses = %v, want %v (main first, no repeats)", d.Subclasses, want)
		}
		if want := []string{"C12G", "C12H"}; !slices.Equal(got[2].Subclasses, want) {
			t.Errorf("old patent subclasses = %v, want %v", got[2].Subclasses, want)
		}
		st, err := db.RouterCorpusState(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Patents != len(got) {
			t.Errorf("RouterCorpusState.Patents = %d, want %d, the documents EachRouterDoc gives", st.Patents, len(got))
		}
	})
}

// TestEachRouterDocBatches streams more patents than one query reads, so the
// keyset cursor must carry on across batches without loss or repeat, and a
// batch that ends on a patent without a subclass must not stop the stream.
func TestEachRouterDocBatches(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		const n = 4500
		nos := make([]string, n)
		for i := range nos {
			nos[i] = shuffledAppNo(i)
		}
		slices.Sort(nos)
		var want []string
		ps := make([]*patentbridge.Patent, 0, 1000)
		for i, no := range nos {
			p := newPatent(i)
			p.AppNo = no
			// Every third patent, and the last one the first query reads, has
			// only a class code: read, but no training document.
			if i%3 == 0 || i == 1999 {
				p.MainIPC, p.IPC = "H01", []string{"H01"}
			} else {
				want = append(want, p.AppNo)
			}
			if ps = append(ps, p); len(ps) == cap(ps) {
				MustUpsert(t, db, ps...)
				ps = ps[:0]
			}
		}
		MustUpsert(t, db, ps...)
		var got []string
		for _, d := range routerDocs(t, db) {
			got = append(got, d.AppNo)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("EachRouterDoc gave %d patents, want %d in 申请号 order", len(got), len(want))
		}
		st, err := db.RouterCorpusState(context.Background())
		if err != nil || st.Patents != len(want) {
			t.Fatalf("RouterCorpusState = %+v, %v; want %d patents", st, err, len(want))
		}
	})
}

func TestEachRouterDocStops(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		var ps []*patentbridge.Patent
		for i := range 30 {
			ps = append(ps, newPatent(i))
		}
		MustUpsert(t, db, ps...)

		ctx, cancel := context.WithCancel(context.Background())
		seen := 0
		err := db.EachRouterDoc(ctx, func(patentbridge.RouterDoc) error {
			if seen++; seen == 3 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || seen != 3 {
			t.Errorf("after cancelling at the 3rd patent: %d patents, err %v; want 3 and context.Canceled", seen, err)
		}

		stop := errors.New("enough")
		seen = 0
		err = db.EachRouterDoc(context.Background(), func(patentbridge.RouterDoc) error {
			seen++
			return stop
		})
		if !errors.Is(err, stop) || seen != 1 {
			t.Errorf("fn's error: %d patents, err %v; want 1 and fn's error", seen, err)
		}
	})
}

func TestRouterCorpusState(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return clock }
		st, err := db.RouterCorpusState(ctx)
		if err != nil || st.Patents != 0 || !st.LastImport.IsZero() {
			t.Fatalf("empty store: %+v, %v; want no patents and no import", st, err)
		}

		// A command-line import records no job; its patents' changes date it.
		noIPC := newPatent(9)
		noIPC.MainIPC, noIPC.IPC = "", nil
		MustUpsert(t, db, newPatent(1), newPatent(2), noIPC)
		st, err = db.RouterCorpusState(ctx)
		if err != nil || st.Patents != 2 || !st.LastImport.Equal(clock) {
			t.Fatalf("after an import of 3 patents, 2 with IPC, at %v: %+v, %v", clock, st, err)
		}

		// An upload import finishing later moves the time on; a job still
		// running or failed does not.
		clock = clock.Add(time.Hour)
		done := &patentbridge.ImportJob{FileName: "四川省专利.xlsx"}
		if err := db.CreateImportJob(ctx, done); err != nil {
			t.Fatal(err)
		}
		done.Status = patentbridge.JobDone
		if err := db.UpdateImportJob(ctx, done); err != nil {
			t.Fatal(err)
		}
		finished := clock
		clock = clock.Add(time.Hour)
		for _, status := range []string{patentbridge.JobRunning, patentbridge.JobFailed} {
			j := &patentbridge.ImportJob{FileName: fmt.Sprintf("%s.csv", status)}
			if err := db.CreateImportJob(ctx, j); err != nil {
				t.Fatal(err)
			}
			j.Status = status
			if err := db.UpdateImportJob(ctx, j); err != nil {
				t.Fatal(err)
			}
		}
		st, err = db.RouterCorpusState(ctx)
		if err != nil || st.Patents != 2 || !st.LastImport.Equal(finished) {
			t.Fatalf("after an upload import finished at %v: %+v, %v", finished, st, err)
		}

		// A later import that drops a patent's codes shrinks the corpus at once
		// (the count is cached only while no patent changes).
		clock = clock.Add(time.Hour)
		dropped := newPatent(1)
		dropped.MainIPC, dropped.IPC = "", nil
		MustUpsert(t, db, dropped)
		st, err = db.RouterCorpusState(ctx)
		if err != nil || st.Patents != 1 || !st.LastImport.Equal(clock) {
			t.Fatalf("after a patent lost its codes at %v: %+v, %v; want 1 patent", clock, st, err)
		}
	})
}
