package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// postJSON sends body as JSON with the client's token and decodes the answer
// into v; safe from several goroutines (it reports, never stops the test).
func (c apiClient) postJSON(path string, body, v any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", c.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: %d", path, res.StatusCode)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// TestLedgerTwoServersOnOnePostgres: two serve processes on one PostgreSQL,
// signing with one key, publish supply lists at the same time through their
// APIs; the ledger stays one tree (indexes without gaps, every checkpoint
// consistent) and `ledger verify` passes.
func TestLedgerTwoServersOnOnePostgres(t *testing.T) {
	dsn := sqldbtest.PostgresDSN(t)
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	httpxtest.MustScreen(t, db, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), httpxtest.SamplePatents()...)
	db.Close()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "platform.key")
	if _, _, err := ledger.LoadOrCreateKey(keyFile, ledgerKeyName); err != nil {
		t.Fatal(err)
	}
	args := func(name string) []string {
		return []string{"--db", dsn, "--index", filepath.Join(dir, "index-"+name), "--jobs-dir", filepath.Join(dir, "jobs"), "--ledger-key", keyFile}
	}
	a, b := startServeAsync(t, adminEnv, args("a")...), startServeAsync(t, adminEnv, args("b")...)
	a.waitListening(t)
	b.waitListening(t)
	ca := apiClient{base: a.URL}.login(t, "admin", testAdminPassword)
	clients := []apiClient{ca, {base: b.URL, token: ca.token}}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for g := range 4 {
		wg.Go(func() {
			c := clients[g%2]
			for i := range 5 {
				var l struct{ ID int64 }
				if err := c.postJSON("/api/v1/supply-lists", map[string]any{"title": fmt.Sprintf("并发清单%d-%d", g, i), "limit": 1}, &l); err != nil {
					errs <- err
					return
				}
				var pub struct {
					LedgerIndex *int64 `json:"ledger_index"`
				}
				if err := c.postJSON(fmt.Sprintf("/api/v1/supply-lists/%d/publish", l.ID), map[string]any{"confirm": true}, &pub); err != nil {
					errs <- err
				} else if pub.LedgerIndex == nil {
					errs <- fmt.Errorf("list %d published without its ledger index", l.ID)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if code, out, errOut := MustRun(t, nil, "ledger", "verify", "--db", dsn, "--key", keyFile); code != 0 || !strings.Contains(out, "20 条记录") {
		t.Fatalf("ledger verify: %d\n%s%s", code, out, errOut)
	}
}
