package sqldb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"patentbridge"
)

func TestBulkCommitsAreCheckpointedInTheBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	before := st.Size()
	ps := make([]*patentbridge.Patent, 200)
	for i := range ps {
		d := fmt.Sprintf("20201%07d", i)
		ps[i] = &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention,
			Title: "一种检查点测试装置", Abstract: string(make([]byte, 1000))}
	}
	if _, err := db.UpsertPatents(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	// The batch is far below the writer's own checkpoint threshold, so only the
	// background checkpoint copies it from the WAL into the database file.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if st, err := os.Stat(path); err == nil && st.Size() > before+100_000 {
			return
		}
	}
	st, _ = os.Stat(path)
	t.Fatalf("database file still %d bytes (%d before the upsert): the WAL was not checkpointed", st.Size(), before)
}

// TestCloseTwice checks that closing a SQLite database a second time (a server
// shutting down after a failed start, say) returns instead of panicking.
func TestCloseTwice(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "twice.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("first Close: %v", err)
	}
	_ = db.Close() // must not panic (it did: close of closed channel)
}
