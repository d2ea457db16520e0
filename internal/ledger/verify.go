package ledger

import (
	"encoding/base64"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"patentbridge"
)

// Stored is the whole ledger as the database holds it, hashes in their stored
// base64 text, for Verify.
type Stored struct {
	Entries     []StoredEntry
	Hashes      map[int64]string // ledger_hashes: tlog stored-hash index → hash
	Checkpoints []StoredCheckpoint
}

// StoredEntry is one row of ledger_entries.
type StoredEntry struct {
	Index    int64
	Record   []byte
	LeafHash string
}

// StoredCheckpoint is one row of ledger_checkpoints.
type StoredCheckpoint struct {
	Size     int64
	RootHash string
	Note     string
}

// Verify recomputes the ledger from its records alone and reports every entry
// whose record no longer matches its leaf hash or its stored tree hashes, and
// every checkpoint whose size, root or signature (with v; nil skips
// signatures) does not hold. Entries must be in index order.
func Verify(s Stored, v note.Verifier) *patentbridge.LedgerReport {
	rep := &patentbridge.LedgerReport{Checkpoints: len(s.Checkpoints), Signatures: v != nil, Problems: []patentbridge.LedgerProblem{}}
	entry := func(i int64, format string, args ...any) {
		rep.Problems = append(rep.Problems, patentbridge.LedgerProblem{Index: i, Message: fmt.Sprintf(format, args...)})
	}
	stored := storedReader(s.Hashes)
	var computed []tlog.Hash // the tree's stored hashes recomputed from the records alone
	for i, e := range s.Entries {
		n := int64(i)
		if e.Index != n {
			entry(n, "账本缺少序号 %d 的记录（下一条是 %d）", n, e.Index)
			break
		}
		if h, err := DecodeHash(e.LeafHash); err != nil || h != tlog.RecordHash(e.Record) {
			entry(n, "第 %d 条记录与其叶哈希不符：记录已被改动", n)
		}
		mine, err := tlog.StoredHashes(n, e.Record, tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(ix))
			for j, x := range ix {
				out[j] = computed[x]
			}
			return out, nil
		}))
		if err != nil {
			entry(n, "第 %d 条记录无法重算：%v", n, err)
			break
		}
		computed = append(computed, mine...)
		// The hashes entry n stored, recomputed from its record and the hashes
		// stored before it: a mismatch names this entry only.
		local, err := tlog.StoredHashes(n, e.Record, stored)
		first := tlog.StoredHashIndex(0, n)
		for j := range local {
			if h, ok := stored.get(first + int64(j)); err != nil || !ok || h != local[j] {
				entry(n, "第 %d 条记录与账本存储的树哈希不符", n)
				break
			}
		}
	}
	rep.Size = int64(len(computed))
	if len(s.Entries) > 0 {
		rep.Size = int64(len(s.Entries))
	}
	checkCheckpoints(rep, s, computed, v)
	return rep
}

// checkCheckpoints checks each stored checkpoint against the recomputed tree
// and its signature, and that the latest covers every entry.
func checkCheckpoints(rep *patentbridge.LedgerReport, s Stored, computed []tlog.Hash, v note.Verifier) {
	cp := func(size int64, format string, args ...any) {
		rep.Problems = append(rep.Problems, patentbridge.LedgerProblem{Index: -1, Checkpoint: size, Message: fmt.Sprintf(format, args...)})
	}
	var latest int64
	recomputed := tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for j, x := range ix {
			if x >= int64(len(computed)) {
				return nil, fmt.Errorf("hash %d beyond the records", x)
			}
			out[j] = computed[x]
		}
		return out, nil
	})
	for _, c := range s.Checkpoints {
		latest = max(latest, c.Size)
		text := c.Note
		if v != nil {
			n, err := note.Open([]byte(c.Note), note.VerifierList(v))
			if err != nil {
				cp(c.Size, "大小为 %d 的检查点签名无效：没有该公钥的有效签名（可能由其他密钥签名，或检查点被改动）", c.Size)
				continue
			}
			text = n.Text
		} else if t, err := noteText(c.Note); err == nil {
			text = t
		}
		tree, err := ParseCheckpoint([]byte(text))
		if err != nil || tree.N != c.Size {
			cp(c.Size, "大小为 %d 的检查点内容无法解析或大小不符", c.Size)
			continue
		}
		if h, err := DecodeHash(c.RootHash); err != nil || h != tree.Hash {
			cp(c.Size, "大小为 %d 的检查点存储的根哈希与签名内容不符", c.Size)
		}
		root, err := tlog.TreeHash(c.Size, recomputed)
		if err != nil || root != tree.Hash {
			cp(c.Size, "大小为 %d 的检查点根哈希与按记录重算的不符", c.Size)
		}
	}
	if rep.Size > 0 && latest != rep.Size {
		cp(latest, "最新检查点的大小 %d 与账本记录数 %d 不符", latest, rep.Size)
	}
}

// noteText returns the text of a signed note without checking its signature.
func noteText(msg string) (string, error) {
	for i := 0; i+1 < len(msg); i++ {
		if msg[i] == '\n' && msg[i+1] == '\n' {
			return msg[:i+1], nil
		}
	}
	return "", fmt.Errorf("ledger: malformed note")
}

// storedReader reads the stored hashes from their base64 text.
type storedReader map[int64]string

func (m storedReader) get(i int64) (tlog.Hash, bool) {
	s, ok := m[i]
	if !ok {
		return tlog.Hash{}, false
	}
	h, err := DecodeHash(s)
	return h, err == nil
}

// ReadHashes returns the stored hashes at the indexes.
func (m storedReader) ReadHashes(ix []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(ix))
	for j, x := range ix {
		h, ok := m.get(x)
		if !ok {
			return nil, fmt.Errorf("ledger: stored hash %d missing or malformed", x)
		}
		out[j] = h
	}
	return out, nil
}

// EncodeHash is a tree hash as stored and served: standard base64.
func EncodeHash(h [32]byte) string { return base64.StdEncoding.EncodeToString(h[:]) }

// DecodeHash parses a hash in standard base64.
func DecodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, fmt.Errorf("ledger: bad hash %q", s)
	}
	copy(h[:], b)
	return h, nil
}
