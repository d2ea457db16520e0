package ledger

import (
	"crypto/rand"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func TestCheckpointOrigins(t *testing.T) {
	tree := tlog.Tree{N: 7, Hash: tlog.RecordHash([]byte("x"))}
	text := FormatCheckpoint(tree)
	if !strings.HasPrefix(string(text), "patentbridge.sichuan ledger\n7\n") {
		t.Fatalf("new checkpoint: %q", text)
	}
	for _, b := range [][]byte{text, tlog.FormatTree(tree)} {
		got, err := ParseCheckpoint(b)
		if err != nil || got != tree {
			t.Errorf("parse %q: %v %v", b, got, err)
		}
	}
	other := strings.Replace(string(text), Origin, "another log", 1)
	if _, err := ParseCheckpoint([]byte(other)); err == nil {
		t.Errorf("a checkpoint of another log parses: %q", other)
	}
}

func TestVerifyAcceptsOldAndNewOrigins(t *testing.T) {
	skey, _, err := note.GenerateKey(rand.Reader, "patentbridge")
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseSignerKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	for _, legacy := range []int{0, 2, 5} {
		if rep := Verify(storedOf(t, 5, k, legacy), k.Verifier); !rep.OK() || rep.Checkpoints != 5 {
			t.Errorf("%d old-origin checkpoints of 5: %+v", legacy, rep)
		}
	}
	// A checkpoint of another origin, validly signed, is reported.
	s := storedOf(t, 3, k, 0)
	msg, err := note.Sign(&note.Note{Text: strings.Replace(string(FormatCheckpoint(tlog.Tree{N: 3, Hash: mustDecode(t, s.Checkpoints[2].RootHash)})),
		Origin, "another log", 1)}, k.Signer)
	if err != nil {
		t.Fatal(err)
	}
	s.Checkpoints[2].Note = string(msg)
	if rep := Verify(s, k.Verifier); rep.OK() {
		t.Error("a checkpoint of another origin verifies")
	}
}

func mustDecode(t *testing.T, s string) tlog.Hash {
	t.Helper()
	h, err := DecodeHash(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
