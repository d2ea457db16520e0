package ledger

import (
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// storedOf builds the ledger of n records the way the store does, its first
// legacy checkpoints with the origin line checkpoints had before Origin.
func storedOf(t *testing.T, n int, k *Key, legacy int) Stored {
	t.Helper()
	s := Stored{Hashes: map[int64]string{}}
	var hs []tlog.Hash
	r := tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for i, x := range ix {
			out[i] = hs[x]
		}
		return out, nil
	})
	for i := range n {
		rec := []byte(fmt.Sprintf(`{"n":%d}`, i))
		add, err := tlog.StoredHashes(int64(i), rec, r)
		if err != nil {
			t.Fatal(err)
		}
		for j, h := range add {
			s.Hashes[int64(len(hs)+j)] = EncodeHash(h)
		}
		hs = append(hs, add...)
		s.Entries = append(s.Entries, StoredEntry{Index: int64(i), Record: rec, LeafHash: EncodeHash(tlog.RecordHash(rec))})
		root, err := tlog.TreeHash(int64(i+1), r)
		if err != nil {
			t.Fatal(err)
		}
		text := FormatCheckpoint(tlog.Tree{N: int64(i + 1), Hash: root})
		if i < legacy {
			text = tlog.FormatTree(tlog.Tree{N: int64(i + 1), Hash: root})
		}
		msg, err := note.Sign(&note.Note{Text: string(text)}, k.Signer)
		if err != nil {
			t.Fatal(err)
		}
		s.Checkpoints = append(s.Checkpoints, StoredCheckpoint{Size: int64(i + 1), RootHash: EncodeHash(root), Note: string(msg)})
	}
	return s
}

func TestVerifyFindsEachKindOfChange(t *testing.T) {
	skey, _, err := note.GenerateKey(rand.Reader, "patentbridge")
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseSignerKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	if rep := Verify(storedOf(t, 6, k, 3), k.Verifier); !rep.OK() || rep.Size != 6 || rep.Checkpoints != 6 {
		t.Fatalf("untouched ledger: %+v", rep)
	}
	for _, tc := range []struct {
		name   string
		change func(s *Stored)
		want   string
	}{
		{"record", func(s *Stored) { s.Entries[2].Record = []byte(`{"n":9}`) }, "第 2 条记录与其叶哈希不符"},
		{"stored hash", func(s *Stored) { s.Hashes[0] = s.Hashes[1] }, "第 0 条记录与账本存储的树哈希不符"},
		{"gap", func(s *Stored) { s.Entries = append(s.Entries[:3], s.Entries[4:]...) }, "账本缺少序号 3"},
		{"checkpoint root", func(s *Stored) { s.Checkpoints[3].RootHash = s.Checkpoints[2].RootHash }, "大小为 4 的检查点存储的根哈希"},
		{"signed note", func(s *Stored) { s.Checkpoints[4].Note = s.Checkpoints[3].Note }, "大小为 5 的检查点内容无法解析或大小不符"},
		{"latest checkpoint", func(s *Stored) { s.Checkpoints = s.Checkpoints[:5] }, "最新检查点的大小 5 与账本记录数 6 不符"},
	} {
		s := storedOf(t, 6, k, 3)
		tc.change(&s)
		rep := Verify(s, k.Verifier)
		var msgs []string
		for _, p := range rep.Problems {
			msgs = append(msgs, p.Message)
		}
		if all := strings.Join(msgs, "\n"); !strings.Contains(all, tc.want) {
			t.Errorf("%s: problems\n%s\nwant %q", tc.name, all, tc.want)
		}
	}
}
