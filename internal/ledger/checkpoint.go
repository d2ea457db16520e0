package ledger

import (
	"bytes"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// Origin is the first line of the platform's checkpoints: the log's name, as
// in the C2SP tlog-checkpoint format (origin, tree size, root hash).
const Origin = "patentbridge.sichuan ledger"

// LegacyOrigin is tlog's own origin line, which the checkpoints stored before
// the platform named its log carry; they still verify.
const LegacyOrigin = "go.sum database tree"

// FormatCheckpoint returns the text of the checkpoint of the tree, to sign.
func FormatCheckpoint(t tlog.Tree) []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", Origin, t.N, t.Hash)
}

// ParseCheckpoint parses a checkpoint text of either origin, Origin or
// LegacyOrigin, and nothing else.
func ParseCheckpoint(text []byte) (tlog.Tree, error) {
	if rest, ok := bytes.CutPrefix(text, []byte(Origin+"\n")); ok {
		text = append([]byte(LegacyOrigin+"\n"), rest...)
	}
	t, err := tlog.ParseTree(text)
	if err != nil {
		return tlog.Tree{}, fmt.Errorf("ledger: checkpoint: %w", err)
	}
	return t, nil
}
