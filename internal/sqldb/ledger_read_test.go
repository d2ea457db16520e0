package sqldb_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"

	"patentbridge"
	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// useLedgerKey gives db a fresh persistent-style key and returns it.
func useLedgerKey(t *testing.T, db *sqldb.DB, name string) *ledger.Key {
	t.Helper()
	skey, _, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ledger.ParseSignerKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	db.LedgerSigner, db.LedgerPublicKey = k.Signer, k.VerifierKey
	return k
}

func appendN(t *testing.T, db *sqldb.DB, n int) {
	t.Helper()
	for i := range n {
		if _, err := db.AppendLedgerForTest(context.Background(), "test.append", fmt.Sprintf("test:%d", i), map[string]any{"n": i}); err != nil {
			t.Fatal(err)
		}
	}
}

func hashes(hs []patentbridge.LedgerHash) [][]byte {
	out := make([][]byte, len(hs))
	for i := range hs {
		out[i] = hs[i][:]
	}
	return out
}

func TestLedgerProofsCheckWithAnIndependentImplementation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		useLedgerKey(t, db, "patentbridge-test")
		h := rfc6962.DefaultHasher
		roots := map[int64][]byte{}
		for size := int64(1); size <= 13; size++ {
			appendN(t, db, 1)
			cp, err := db.Checkpoint(ctx)
			if err != nil || cp.Size != size {
				t.Fatalf("checkpoint after %d appends: %+v %v", size, cp, err)
			}
			roots[size] = cp.RootHash[:]
		}
		for _, size := range []int64{1, 2, 3, 4, 5, 7, 8, 11, 13} {
			for index := int64(0); index < size; index++ {
				e, err := db.Entry(ctx, index)
				if err != nil {
					t.Fatal(err)
				}
				if got := h.HashLeaf(e.Record); string(got) != string(e.LeafHash[:]) {
					t.Fatalf("entry %d leaf hash is not SHA-256(0x00||record)", index)
				}
				p, err := db.InclusionProof(ctx, index, size)
				if err != nil {
					t.Fatal(err)
				}
				if string(p.RootHash[:]) != string(roots[size]) {
					t.Fatalf("inclusion proof root of %d differs from its checkpoint", size)
				}
				if err := proof.VerifyInclusion(h, uint64(index), uint64(size), e.LeafHash[:], hashes(p.Hashes), roots[size]); err != nil {
					t.Fatalf("inclusion of %d in %d: %v", index, size, err)
				}
			}
			for first := int64(1); first <= size; first++ {
				p, err := db.ConsistencyProof(ctx, first, size)
				if err != nil {
					t.Fatal(err)
				}
				if err := proof.VerifyConsistency(h, uint64(first), uint64(size), hashes(p.Hashes), roots[first], roots[size]); err != nil {
					t.Fatalf("consistency of %d with %d: %v", first, size, err)
				}
			}
		}
		_, err := db.InclusionProof(ctx, 5, 5)
		wantCode(t, err, patentbridge.EINVALID)
		_, err = db.InclusionProof(ctx, 0, 14)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.ConsistencyProof(ctx, 0, 3)
		wantCode(t, err, patentbridge.EINVALID)
		_, err = db.Entry(ctx, 13)
		wantCode(t, err, patentbridge.ENOTFOUND)
		page, total, err := db.ListEntries(ctx, 2, 3)
		if err != nil || total != 13 || len(page) != 3 || page[0].Index != 10 || page[2].Index != 8 {
			t.Fatalf("ListEntries(2, 3) = %d entries from %v, total %d (%v); want 10, 9, 8 of 13", len(page), page, total, err)
		}
		if rep, err := db.VerifyLedger(ctx); err != nil || !rep.OK() || rep.Size != 13 || rep.Checkpoints != 13 || !rep.Signatures {
			t.Fatalf("VerifyLedger = %+v, %v", rep, err)
		}
	})
}

func TestVerifyLedgerNamesTheAlteredRecordAndTheForeignKey(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		useLedgerKey(t, db, "patentbridge")
		appendN(t, db, 6)
		if err := db.ExecForTest(ctx, `UPDATE ledger_entries SET record = REPLACE(record, '"n":3', '"n":4') WHERE idx = 3`); err != nil {
			t.Fatal(err)
		}
		rep, err := db.VerifyLedger(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK() || rep.Problems[0].Index != 3 {
			t.Fatalf("altered record 3: problems %+v", rep.Problems)
		}
		for _, p := range rep.Problems {
			if p.Index != 3 && p.Index != -1 {
				t.Errorf("an unaltered entry is blamed: %+v", p)
			}
		}
		// The same checkpoints checked with another platform's key all fail.
		other := sqldbtest.SQLite(t)
		useLedgerKey(t, other, "patentbridge")
		db.LedgerPublicKey = other.LedgerPublicKey
		if err := db.ExecForTest(ctx, `UPDATE ledger_entries SET record = REPLACE(record, '"n":4', '"n":3') WHERE idx = 3`); err != nil {
			t.Fatal(err)
		}
		rep, err = db.VerifyLedger(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) != 6 || rep.Problems[0].Checkpoint != 1 || !strings.Contains(rep.Problems[0].Message, "签名无效") {
			t.Fatalf("another key: problems %+v, want the 6 checkpoints' signatures", rep.Problems)
		}
	})
}

func TestLedgerConcurrentAppendsKeepOneTree(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		useLedgerKey(t, db, "patentbridge")
		var wg sync.WaitGroup
		errs := make(chan error, 80)
		for g := range 8 {
			wg.Go(func() {
				for i := range 10 {
					if _, err := db.AppendLedgerForTest(ctx, "test.append", fmt.Sprintf("test:%d-%d", g, i), nil); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		checkOneTree(t, db, 80)
	})
}

// checkOneTree checks the ledger holds entries 0..n-1 without gaps and verifies.
func checkOneTree(t *testing.T, db *sqldb.DB, n int) {
	t.Helper()
	ctx := context.Background()
	if got, err := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM ledger_entries WHERE idx >= 0 AND idx < "+fmt.Sprint(n)); err != nil || got != n {
		t.Fatalf("entries 0..%d: %d (%v)", n-1, got, err)
	}
	rep, err := db.VerifyLedger(ctx)
	if err != nil || !rep.OK() || rep.Size != int64(n) {
		t.Fatalf("VerifyLedger = %+v, %v", rep, err)
	}
}

func TestLedgerAppendsFromTwoPoolsKeepOneTree(t *testing.T) {
	for name, dsn := range map[string]func(testing.TB) string{"sqlite": sqldbtest.SQLiteDSN, "postgres": sqldbtest.PostgresDSN} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d := dsn(t)
			var dbs [2]*sqldb.DB
			for i := range dbs {
				db, err := sqldb.Open(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				db.Now = sqldbtest.NewClock(sqldbtest.Start)
				dbs[i] = db
			}
			k := useLedgerKey(t, dbs[0], "patentbridge")
			dbs[1].LedgerSigner, dbs[1].LedgerPublicKey = k.Signer, k.VerifierKey
			var wg sync.WaitGroup
			errs := make(chan error, 40)
			for g := range 4 {
				wg.Go(func() {
					for i := range 10 {
						if _, err := dbs[g%2].AppendLedgerForTest(ctx, "test.append", fmt.Sprintf("test:%d-%d", g, i), nil); err != nil {
							errs <- err
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			checkOneTree(t, dbs[1], 40)
		})
	}
}
