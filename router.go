package patentbridge

import (
	"context"
	"time"
)

// RouterDoc is a stored patent as the IPC router learns from it: its texts and
// every IPC subclass it carries, the main one first.
type RouterDoc struct {
	AppNo      string
	Title      string
	Abstract   string
	FirstClaim string
	Subclasses []string
}

// CorpusState is how much the router's training corpus holds now: the stored
// patents with an IPC class, and when an import last finished (zero if never).
type CorpusState struct {
	Patents    int
	LastImport time.Time
}

// RouterCorpus is the store side of the IPC router's training set.
type RouterCorpus interface {
	// RouterCorpusState reports the size of the corpus and the last import.
	RouterCorpusState(ctx context.Context) (CorpusState, error)
	// EachRouterDoc calls fn for every stored patent with at least one IPC
	// subclass, in 申请号 order, stopping at fn's first error.
	EachRouterDoc(ctx context.Context, fn func(RouterDoc) error) error
}

// RouterStatus describes the model the IPC router serves: how many stored
// patents and subclasses it was trained on, when it was built, and a version
// that changes with the training set.
type RouterStatus struct {
	Patents    int       `json:"patents"`
	Subclasses int       `json:"subclasses"`
	BuiltAt    time.Time `json:"built_at"`
	Version    string    `json:"version"`
	Training   bool      `json:"training"` // a newer model is being trained in the background
}
