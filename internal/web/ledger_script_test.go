package web_test

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"patentbridge/internal/ledger"
)

// TestLedgerVerifyScript runs the page's verifying script under node (skipped
// without it) against RFC 6962 proofs made by tlog for trees of several sizes:
// its own SHA-256 matches node's, and every proof folds to its root.
func TestLedgerVerifyScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; the verifying script is not run")
	}
	var hs []tlog.Hash
	r := tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for i, x := range ix {
			out[i] = hs[x]
		}
		return out, nil
	})
	record := func(i int64) string { return fmt.Sprintf(`{"data":{"title":"四川大学清单%d"},"n":%d}`, i, i) }
	for i := range int64(13) {
		add, err := tlog.StoredHashes(i, []byte(record(i)), r)
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, add...)
	}
	type vector struct {
		Index  int64    `json:"index"`
		Size   int64    `json:"size"`
		Record string   `json:"record"`
		Leaf   string   `json:"leaf"`
		Root   string   `json:"root"`
		Proof  []string `json:"proof"`
	}
	var vs []vector
	for _, size := range []int64{1, 2, 3, 5, 8, 13} {
		root, err := tlog.TreeHash(size, r)
		if err != nil {
			t.Fatal(err)
		}
		for i := range size {
			p, err := tlog.ProveRecord(size, i, r)
			if err != nil {
				t.Fatal(err)
			}
			v := vector{Index: i, Size: size, Record: record(i), Leaf: ledger.EncodeHash(tlog.RecordHash([]byte(record(i)))), Root: ledger.EncodeHash(root), Proof: []string{}}
			for _, h := range p {
				v.Proof = append(v.Proof, ledger.EncodeHash(h))
			}
			vs = append(vs, v)
		}
	}
	b, _ := json.Marshal(vs)
	path := filepath.Join(t.TempDir(), "vectors.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Checkpoints of the platform's origin and of the old one, as stored before
	// it named its log, are read; another log's is refused.
	skey, _, err := note.GenerateKey(rand.Reader, "patentbridge")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := tlog.TreeHash(13, r)
	type checkpoint struct {
		Note string `json:"note"`
		Size int64  `json:"size"`
		Root string `json:"root"`
		OK   bool   `json:"ok"`
	}
	var cps []checkpoint
	tree := tlog.Tree{N: 13, Hash: root}
	for _, c := range []struct {
		text string
		ok   bool
	}{
		{string(ledger.FormatCheckpoint(tree)), true},
		{string(tlog.FormatTree(tree)), true},
		{strings.Replace(string(ledger.FormatCheckpoint(tree)), ledger.Origin, "another log", 1), false},
		{strings.Replace(string(ledger.FormatCheckpoint(tree)), "\n13\n", "\n13x\n", 1), false},
	} {
		msg, err := note.Sign(&note.Note{Text: c.text}, signer)
		if err != nil {
			t.Fatal(err)
		}
		cps = append(cps, checkpoint{Note: string(msg), Size: 13, Root: ledger.EncodeHash(root), OK: c.ok})
	}
	b, _ = json.Marshal(cps)
	cpPath := filepath.Join(t.TempDir(), "checkpoints.json")
	if err := os.WriteFile(cpPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/ledger_verify_harness.js", "static/ledger_verify.js", path, cpPath).CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), fmt.Sprintf("ok %d", len(vs))) {
		t.Fatalf("node: %v\n%s", err, out)
	}
}
