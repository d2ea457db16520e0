package sqldb

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
)

// checkpointer copies SQLite's write-ahead log back into the database file on a
// connection of its own, after bulk commits, so that the writer does not stall
// on checkpoints (page copies and fsyncs) between batches. The writer still
// checkpoints by itself when the log passes writerAutoCheckpoint pages, which
// bounds the log when this one falls behind.
type checkpointer struct {
	conn *sql.DB
	kick chan struct{} // never closed, so that notify is safe at any time
	stop chan struct{}
	done chan struct{}

	closeOnce sync.Once // DB.Close may be called more than once
	closeErr  error
}

// writerAutoCheckpoint is the writer connection's wal_autocheckpoint, in pages
// (40 MB of 16 KiB pages).
const writerAutoCheckpoint = 2500

// startCheckpointer opens the checkpoint connection to the SQLite file at path.
func startCheckpointer(ctx context.Context, path string) (*checkpointer, error) {
	c, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	c.SetMaxOpenConns(1)
	if err := c.PingContext(ctx); err != nil {
		c.Close()
		return nil, err
	}
	cp := &checkpointer{conn: c, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go cp.loop()
	return cp, nil
}

func (cp *checkpointer) loop() {
	defer close(cp.done)
	for {
		select {
		case <-cp.stop:
			return
		case <-cp.kick:
		}
		// PASSIVE copies what no reader still needs and never waits for the writer.
		if _, err := cp.conn.Exec("PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
			slog.Warn("sqldb: background checkpoint failed", "err", err)
		}
	}
}

// notify asks for a checkpoint soon; it never blocks.
func (cp *checkpointer) notify() {
	if cp == nil {
		return
	}
	select {
	case cp.kick <- struct{}{}:
	default:
	}
}

// close waits for a running checkpoint and closes the connection; later calls
// return the first call's result.
func (cp *checkpointer) close() error {
	if cp == nil {
		return nil
	}
	cp.closeOnce.Do(func() {
		close(cp.stop)
		<-cp.done
		cp.closeErr = cp.conn.Close()
	})
	return cp.closeErr
}
