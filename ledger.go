package patentbridge

import (
	"context"
	"time"
)

// LedgerHash is a SHA-256 hash of the public ledger's tree (RFC 6962).
type LedgerHash [32]byte

// LedgerCheckpoint is a signed tree head of the public ledger (DESIGN §3.9).
type LedgerCheckpoint struct {
	Size     int64      // how many entries the tree has
	RootHash LedgerHash // the tree's root hash
	Note     string     // the signed note: tlog tree text and the platform's signature
	At       time.Time  // when it was signed
}

// LedgerEntry is one public act as it was hashed into the ledger.
type LedgerEntry struct {
	Index    int64      // 0-based position in the log
	Kind     string     // the act, e.g. "supply_list.publish"
	Object   string     // what it is about, e.g. "supply_list:12"
	Record   []byte     // the exact canonical bytes that were hashed
	LeafHash LedgerHash // SHA-256(0x00 || Record)
	At       time.Time  // when it was appended
}

// LedgerProof is an inclusion proof (of entry Index in the tree of Size) or a
// consistency proof (of the tree of First as a prefix of the tree of Size).
type LedgerProof struct {
	Index    int64        // the entry (inclusion) or the older size (consistency)
	Size     int64        // the tree the proof is against
	RootHash LedgerHash   // the root of the tree of Size
	OldRoot  LedgerHash   // the root of the tree of Index (consistency only)
	Hashes   []LedgerHash // the proof, in RFC 6962/9162 order
}

// LedgerProblem is one finding of a ledger check: an entry whose stored data no
// longer matches (Index ≥ 0) or a checkpoint that fails (Checkpoint > 0).
type LedgerProblem struct {
	Index      int64  `json:"index"`      // -1 when the problem is a checkpoint's
	Checkpoint int64  `json:"checkpoint"` // the checkpoint's size, 0 when the problem is an entry's
	Message    string `json:"message"`
}

// LedgerReport is the result of recomputing the whole ledger from its records.
type LedgerReport struct {
	Size        int64 `json:"size"`
	Checkpoints int   `json:"checkpoints"`
	Signatures  bool  `json:"signatures"` // whether signatures were checked with a public key
	// Acts is how many stored acts (declarations, offers, pools, licences)
	// were compared with their ledger records.
	Acts     int             `json:"acts"`
	Problems []LedgerProblem `json:"problems"`
}

// OK reports whether the check found nothing wrong.
func (r *LedgerReport) OK() bool { return len(r.Problems) == 0 }

// LedgerService reads the public ledger, its proofs and its check; anyone may
// read it and acts append to it in their own transaction.
type LedgerService interface {
	// Checkpoint returns the latest signed tree head. Returns ENOTFOUND while the ledger is empty.
	Checkpoint(ctx context.Context) (*LedgerCheckpoint, error)
	// Entry returns the entry at index. Returns ENOTFOUND.
	Entry(ctx context.Context, index int64) (*LedgerEntry, error)
	// ListEntries returns one page of entries, newest first, and the total.
	ListEntries(ctx context.Context, offset, limit int) ([]*LedgerEntry, int64, error)
	// InclusionProof proves entry index is in the tree of size. Returns EINVALID or ENOTFOUND when out of range.
	InclusionProof(ctx context.Context, index, size int64) (*LedgerProof, error)
	// ConsistencyProof proves the tree of first is a prefix of the tree of second. Returns EINVALID or ENOTFOUND.
	ConsistencyProof(ctx context.Context, first, second int64) (*LedgerProof, error)
	// VerifyLedger recomputes every leaf, stored hash and tree head from the
	// records and checks every stored checkpoint and its signature.
	VerifyLedger(ctx context.Context) (*LedgerReport, error)
	// LedgerVerifierKey returns the public key that checks the checkpoints ("" when unknown).
	LedgerVerifierKey() string
}

// LedgerKindLabel names a ledger entry's kind in Chinese for the pages.
func LedgerKindLabel(kind string) string {
	if l, ok := ledgerKindLabels[kind]; ok {
		return l
	}
	return kind
}

var ledgerKindLabels = map[string]string{
	"supply_list.publish":   "发布供给清单",
	"supply_list.withdraw":  "撤回供给清单",
	"offer.publish":         "发布转让/许可报价",
	"offer.withdraw":        "撤回转让/许可报价",
	"open_licence.announce": "公告开放许可",
	"open_licence.withdraw": "撤回开放许可",
	"licence.grant":         "达成许可",
	"pool.publish":          "发布专利池",
	"pool_licence.grant":    "专利池许可",
	"kpi.publish":           "公示年度绩效评价结果",
}
