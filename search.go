package patentbridge

import (
	"context"
	"strings"
)

// SearchQuery is a full-text search with the patent-list filters.
type SearchQuery struct {
	Text   string
	Filter PatentFilter // Kind, OwnerType, City, IPCPrefix, Status, GrantYearFrom/To; Limit, Offset
	Grade  string
	// Industry is an industry facet's value, e.g. "5+1：电子信息" or "涉农专利".
	Industry string
	// Sort is the order of the hits: SortRelevance ("" too), SortGrantDate or SortGrade.
	Sort string
}

// Orders of a search's hits (SearchQuery.Sort).
const (
	SortRelevance = "relevance"  // every word in the title first, then by BM25
	SortGrantDate = "grant_date" // newest grant first, ungranted last
	SortGrade     = "grade"      // A first, ungraded last; by relevance within a grade
)

// SearchSorts lists the orders a search accepts, with their Chinese labels.
var SearchSorts = []struct{ Value, Label string }{
	{SortRelevance, "相关度"}, {SortGrantDate, "授权日（新→旧）"}, {SortGrade, "等级（A→D）"},
}

// ParseSearchSort checks a search order ("" is SortRelevance). Returns
// EINVALID on field "sort" for any other value.
func ParseSearchSort(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return SortRelevance, nil
	}
	var names []string
	for _, s := range SearchSorts {
		if s.Value == v {
			return v, nil
		}
		names = append(names, s.Label)
	}
	if len(v) > 32 {
		v = v[:32] + "…"
	}
	return "", FieldErrorf("sort", "排序方式 %q 无法识别：可选 %s", v, strings.Join(names, "、"))
}

// SearchHit is one patent found, with highlighted fragments by field ("title",
// "abstract", "claim"); fragments are HTML-escaped with matches in <mark>.
// Patent is the patent in brief: its texts cut to snippets ending in "…" (title
// 200 characters, abstract and first claim 300) and its lists to 20 entries, so
// a page of hits stays small; the patent's own page has it whole.
type SearchHit struct {
	Patent    *Patent             `json:"-"`
	AppNo     string              `json:"app_no"`
	Score     float64             `json:"score"`
	Grade     string              `json:"grade,omitempty"` // the latest screening grade the index holds, "" if none
	Fragments map[string][]string `json:"fragments"`
}

// FacetCount is one value of a facet with how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchResult is one page of hits, the total and the facets (kind, grade, city,
// industry). Partial says no patent has every word, so the hits have some of them.
type SearchResult struct {
	Total   int                     `json:"total"`
	Partial bool                    `json:"partial"`
	Hits    []SearchHit             `json:"hits"`
	Facets  map[string][]FacetCount `json:"facets"`
}

// IPCPrediction is an IPC subclass predicted for a text.
type IPCPrediction struct {
	Subclass string  `json:"subclass"`
	Title    string  `json:"title"`
	Score    float64 `json:"score"`
}

// Match is a patent ranked for a need, with the reasons it was chosen (Chinese)
// and what an enterprise needs to act on it: its legal status, its current
// owners and their type, whether it is a sleeping patent (with its grade) and
// whether it is on a published supply list. (Offers for transfer or licence are
// not recorded yet, so a match says nothing of them.)
type Match struct {
	AppNo   string   `json:"app_no"`
	Title   string   `json:"title"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`

	Status       LegalStatus  `json:"status,omitempty"`
	StatusLabel  string       `json:"status_label,omitempty"`
	Owners       []MatchOwner `json:"owners"`
	Sleeping     bool         `json:"sleeping"`
	Grade        string       `json:"grade,omitempty"` // sleeping patents only
	OnSupplyList bool         `json:"on_supply_list"`
}

// MatchOwner is a matched patent's current owner with its type.
type MatchOwner struct {
	Name      string    `json:"name"`
	Type      PartyType `json:"type,omitempty"`
	TypeLabel string    `json:"type_label,omitempty"`
}

// MatchRequest is a need to match: a demand's text, or any text. Unless All is
// set, only patents an enterprise can take from the programme are matched
// (MatchOwnerTypes, MatchStatus).
type MatchRequest struct {
	Text       string
	Limit      int
	DemandID   int64  // when matching a stored demand: its feedback is used
	RegionCode string // the demand's region, for the region signal
	All        bool   // match every patent, whoever holds it and whatever its status
}

// MatchOwnerTypes are the owners whose patents a match list shows by default:
// universities, research institutes and state-owned enterprises, the holders
// the conversion programme moves patents from to SMEs.
var MatchOwnerTypes = []PartyType{PartyUniversity, PartyInstitute, PartySOE}

// MatchStatus is the legal status a match list's patents have by default:
// granted and in force, so that there is a right to transfer or license.
const MatchStatus = StatusInForce

// MatchResult is the ranked patents with the IPC subclasses and industries predicted for the text.
type MatchResult struct {
	Items          []Match         `json:"items"`
	IPCPredictions []IPCPrediction `json:"ipc_predictions"`
	Industries     []string        `json:"industries"`
	Keywords       []string        `json:"keywords"`
}

// IndexStatus says how complete the search index is.
type IndexStatus struct {
	Docs     int     `json:"docs"`
	Patents  int     `json:"patents"`
	Building bool    `json:"building"`
	Progress float64 `json:"progress"` // 0..1 while building
	LastSeq  int64   `json:"last_seq"` // last change applied from the change table
	HeadSeq  int64   `json:"head_seq"` // last change in the change table; LastSeq reaches it when current
	// Rebuilding: the index holds no complete build yet (the first one, or one
	// after the index was found unreadable); searches answer EUNAVAILABLE.
	Rebuilding bool `json:"rebuilding"`
	// MovedAside is where an unreadable index directory was moved, "" if none.
	MovedAside string `json:"moved_aside,omitempty"`
	// Skipped counts the patents that failed to index and were passed over;
	// SkippedIDs lists the first of them.
	Skipped    int      `json:"skipped"`
	SkippedIDs []string `json:"skipped_ids,omitempty"`
	// Router is the IPC router's model, nil where the service has none.
	Router *RouterStatus `json:"router,omitempty"`
}

// Behind reports whether the index is behind the database, so that a search
// may miss patents just imported or changed: fewer docs (with those skipped)
// than patents, or changes in the change table not applied yet. An index being
// rebuilt answers no search and is not "behind".
func (s IndexStatus) Behind() bool {
	return !s.Rebuilding && (s.Docs+s.Skipped < s.Patents || s.LastSeq < s.HeadSeq)
}

// SearchService searches and matches patents.
type SearchService interface {
	// Search runs a full-text query with filters. Returns EINVALID for a bad
	// query, EUNAVAILABLE while the index is being rebuilt.
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	// Match ranks patents for a need, with reasons. Returns EINVALID for an
	// empty text, EUNAVAILABLE while the index is being rebuilt.
	Match(ctx context.Context, r MatchRequest) (*MatchResult, error)
	// Classify predicts IPC subclasses for a text and the industries they imply.
	Classify(ctx context.Context, text string, limit int) ([]IPCPrediction, []string, error)
	// Status reports the index's progress.
	Status(ctx context.Context) IndexStatus
}
