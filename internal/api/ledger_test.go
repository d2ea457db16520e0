package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/refdata"
)

// ledgerEnv is the API of the ledger over the supply env's store with n
// supply lists published (n entries).
func ledgerEnv(t *testing.T, n int) http.Handler {
	t.Helper()
	e := newSupplyEnv(t)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for i := range n {
		l := &patentbridge.SupplyList{Title: fmt.Sprintf("清单%d", i), Filter: patentbridge.SleepingFilter{Limit: 1}}
		if err := e.db.CreateSupplyList(ctx, l); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.PublishSupplyList(ctx, l.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Ledger: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, target string, out any) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	res := rec.Result()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
	}
	return res
}

func b64s(t *testing.T, ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = b64(t, s)
	}
	return out
}

func b64(t *testing.T, s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("not base64: %q", s)
	}
	return b
}

// TestLedgerAPIProvesEveryEntryAgainstTheCheckpoint: without logging in, a
// citizen fetches the checkpoint, each entry and its inclusion proof, and a
// consistency proof, and checks them with an independent implementation.
func TestLedgerAPIProvesEveryEntryAgainstTheCheckpoint(t *testing.T) {
	h := ledgerEnv(t, 5)
	res := get(t, h, "/api/v1/ledger/checkpoint", nil)
	text, _ := io.ReadAll(res.Body)
	lines := strings.Split(string(text), "\n")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") || len(lines) < 4 || lines[1] != "5" {
		t.Fatalf("checkpoint: %d %s\n%s", res.StatusCode, res.Header.Get("Content-Type"), text)
	}
	root := b64(t, lines[2])
	for i := range 5 {
		var e struct {
			Index    int64  `json:"index"`
			Record   string `json:"record"`
			LeafHash string `json:"leaf_hash"`
			Kind     string `json:"kind"`
		}
		get(t, h, fmt.Sprintf("/api/v1/ledger/entries/%d", i), &e)
		leaf := rfc6962.DefaultHasher.HashLeaf([]byte(e.Record))
		if e.Index != int64(i) || e.Kind != "supply_list.publish" || string(leaf) != string(b64(t, e.LeafHash)) ||
			!strings.Contains(e.Record, fmt.Sprintf(`"title":"清单%d"`, i)) {
			t.Fatalf("entry %d = %+v", i, e)
		}
		var p struct {
			Index    int64    `json:"index"`
			Size     int64    `json:"size"`
			RootHash string   `json:"root_hash"`
			Proof    []string `json:"proof"`
		}
		get(t, h, fmt.Sprintf("/api/v1/ledger/proof/inclusion?index=%d&size=5", i), &p)
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, uint64(i), 5, leaf, b64s(t, p.Proof), root); err != nil || p.RootHash != lines[2] {
			t.Fatalf("inclusion of %d: %v (%+v)", i, err, p)
		}
	}
	var first, c struct {
		RootHash string   `json:"root_hash"`
		OldRoot  string   `json:"first_root_hash"`
		Proof    []string `json:"proof"`
	}
	get(t, h, "/api/v1/ledger/proof/inclusion?index=0&size=3", &first)
	get(t, h, "/api/v1/ledger/proof/consistency?first=3&second=5", &c)
	if c.OldRoot != first.RootHash {
		t.Fatalf("consistency first root %s, tree of 3 has %s", c.OldRoot, first.RootHash)
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, 3, 5, b64s(t, c.Proof), b64(t, first.RootHash), root); err != nil {
		t.Fatalf("consistency 3→5: %v", err)
	}
	var list struct {
		Total int64 `json:"total"`
		Items []struct {
			Index int64 `json:"index"`
		} `json:"items"`
	}
	get(t, h, "/api/v1/ledger/entries?limit=2", &list)
	if list.Total != 5 || len(list.Items) != 2 || list.Items[0].Index != 4 {
		t.Fatalf("entries page = %+v", list)
	}
	res = get(t, h, "/api/v1/ledger/key", nil)
	if key, _ := io.ReadAll(res.Body); res.StatusCode != 200 || !strings.HasPrefix(string(key), "patentbridge") {
		t.Fatalf("key: %d %s", res.StatusCode, key)
	}
}

func TestLedgerAPIRefusesBadParameters(t *testing.T) {
	h := ledgerEnv(t, 2)
	for _, tc := range []struct {
		target, code string
	}{
		{"/api/v1/ledger/entries/x", "EINVALID"},
		{"/api/v1/ledger/entries/-1", "EINVALID"},
		{"/api/v1/ledger/entries/2", "ENOTFOUND"},
		{"/api/v1/ledger/proof/inclusion?size=2", "EINVALID"},
		{"/api/v1/ledger/proof/inclusion?index=abc&size=2", "EINVALID"},
		{"/api/v1/ledger/proof/inclusion?index=2&size=2", "EINVALID"},
		{"/api/v1/ledger/proof/inclusion?index=0&size=3", "ENOTFOUND"},
		{"/api/v1/ledger/proof/consistency?first=0&second=2", "EINVALID"},
		{"/api/v1/ledger/proof/consistency?first=2&second=1", "EINVALID"},
		{"/api/v1/ledger/proof/consistency?first=1&second=9", "ENOTFOUND"},
		{"/api/v1/ledger/entries?limit=0", "EINVALID"},
	} {
		var body struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		get(t, h, tc.target, &body)
		if body.Error.Code != tc.code || !strings.ContainsFunc(body.Error.Message, func(r rune) bool { return r >= 0x4e00 }) {
			t.Errorf("%s: %+v, want %s with a Chinese message", tc.target, body.Error, tc.code)
		}
	}
}
