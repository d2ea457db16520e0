package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestLedgerCheckpointsCarryThePlatformOriginAndOldOnesStillVerify(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		k := useLedgerKey(t, db, "patentbridge")
		appendN(t, db, 4)
		// The first two checkpoints as stored before the platform named its log.
		for size := int64(1); size <= 2; size++ {
			text, err := db.LedgerNoteForTest(ctx, size)
			if err != nil {
				t.Fatal(err)
			}
			n, err := note.Open([]byte(text), note.VerifierList(k.Verifier))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(n.Text, ledger.Origin+"\n") {
				t.Fatalf("checkpoint %d: %q", size, n.Text)
			}
			old, err := note.Sign(&note.Note{Text: strings.Replace(n.Text, ledger.Origin, ledger.LegacyOrigin, 1)}, k.Signer)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.ExecForTest(ctx, fmt.Sprintf("UPDATE ledger_checkpoints SET note = '%s' WHERE size = %d", old, size)); err != nil {
				t.Fatal(err)
			}
		}
		appendN(t, db, 1)
		text, err := db.LedgerNoteForTest(ctx, 5)
		if err != nil || !strings.HasPrefix(text, ledger.Origin+"\n5\n") {
			t.Fatalf("new checkpoint %q, %v", text, err)
		}
		if old, _ := db.LedgerNoteForTest(ctx, 1); !strings.HasPrefix(old, ledger.LegacyOrigin+"\n1\n") {
			t.Fatalf("old checkpoint %q", old)
		}
		rep, err := db.VerifyLedger(ctx)
		if err != nil || !rep.OK() || rep.Checkpoints != 5 || !rep.Signatures {
			t.Fatalf("VerifyLedger = %+v, %v", rep, err)
		}
	})
}
