package sqldb_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestLedgerAppendSignsTheTreeOfEveryRecord(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		skey, vkey, err := note.GenerateKey(rand.Reader, "patentbridge-test")
		if err != nil {
			t.Fatal(err)
		}
		if db.LedgerSigner, err = note.NewSigner(skey); err != nil {
			t.Fatal(err)
		}
		verifier, err := note.NewVerifier(vkey)
		if err != nil {
			t.Fatal(err)
		}
		var hashes []tlog.Hash // an independent in-memory tree of the same records
		for i := range 7 {
			data := map[string]any{"n": i, "name": "四川大学"}
			idx, err := db.AppendLedgerForTest(ctx, "test.append", fmt.Sprintf("test:%d", i), data)
			if err != nil {
				t.Fatal(err)
			}
			if idx != int64(i) {
				t.Fatalf("append %d got index %d", i, idx)
			}
			stored, err := db.LedgerRecordForTest(ctx, idx)
			if err != nil {
				t.Fatal(err)
			}
			var got ledger.Record
			if err := json.Unmarshal([]byte(stored), &got); err != nil || got.Kind != "test.append" || got.Object != fmt.Sprintf("test:%d", i) {
				t.Fatalf("stored record %d = %s (%v)", i, stored, err)
			}
			if again, _ := ledger.Canonical(got); string(again) != stored {
				t.Fatalf("stored record is not canonical:\n%s\n%s", stored, again)
			}
			rec := []byte(stored)
			hs, err := tlog.StoredHashes(int64(i), rec, tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
				out := make([]tlog.Hash, len(ix))
				for j, x := range ix {
					out[j] = hashes[x]
				}
				return out, nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			hashes = append(hashes, hs...)
		}
		text, err := db.LedgerNoteForTest(ctx, 7)
		if err != nil {
			t.Fatal(err)
		}
		n, err := note.Open([]byte(text), note.VerifierList(verifier))
		if err != nil {
			t.Fatalf("checkpoint does not verify: %v\n%s", err, text)
		}
		tree, err := ledger.ParseCheckpoint([]byte(n.Text))
		if err != nil {
			t.Fatal(err)
		}
		want, err := tlog.TreeHash(7, tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(ix))
			for j, x := range ix {
				out[j] = hashes[x]
			}
			return out, nil
		}))
		if err != nil {
			t.Fatal(err)
		}
		if tree.N != 7 || tree.Hash != want {
			t.Fatalf("checkpoint tree = %d %v, want 7 %v", tree.N, tree.Hash, want)
		}
	})
}
