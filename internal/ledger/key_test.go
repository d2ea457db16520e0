package ledger

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/note"
)

func TestKeyIsMadeOnceAndItsVerifierChecksItsNotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", KeyFile)
	k, created, err := LoadOrCreateKey(path, "patentbridge")
	if err != nil || !created {
		t.Fatalf("first start: created=%v err=%v", created, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	again, created, err := LoadOrCreateKey(path, "other")
	if err != nil || created || again.VerifierKey != k.VerifierKey {
		t.Fatalf("second start: created=%v err=%v key %q vs %q", created, err, again.VerifierKey, k.VerifierKey)
	}
	msg, err := note.Sign(&note.Note{Text: "hello\n"}, k.Signer)
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "pub")
	if err := os.WriteFile(pub, []byte(k.VerifierKey+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, pub} {
		v, _, err := LoadVerifier(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := note.Open(msg, note.VerifierList(v)); err != nil {
			t.Fatalf("verifier from %s rejects the signed note: %v", p, err)
		}
	}
}

func TestKeyMadeByProcessesStartingAtOnceIsOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), KeyFile)
	keys := make(chan string, 8)
	made := make(chan bool, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			k, created, err := LoadOrCreateKey(path, "patentbridge")
			if err != nil {
				t.Error(err)
				return
			}
			keys <- k.VerifierKey
			made <- created
		})
	}
	wg.Wait()
	close(keys)
	close(made)
	first, n := <-keys, 0
	for k := range keys {
		if k != first {
			t.Fatalf("two keys: %s and %s", first, k)
		}
	}
	for c := range made {
		if c {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d starts report making the key, want 1", n)
	}
}
