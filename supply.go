package patentbridge

import (
	"context"
	"time"
)

// SleepingFilter selects results of a screening run for the 沉睡专利库 pages, the
// API and exports; zero fields do not filter.
type SleepingFilter struct {
	RunID       int64  // 0: the latest finished run
	Institution string // substring of a current owner's name
	OrgID       int64  // owned by this registry organization or one of its child organizations
	City        string // 4-digit city code
	Grade       string // A, B, C or D
	System      string // "sichuan_5_1", "advantage_6" or "agri_10_3", with Industry
	Industry    string // an industry name of System, e.g. "川茶"
	SEI         string // SEI code prefix, e.g. "5" or "5.2"
	IPCPrefix   string
	Kind        Kind
	GrantYear   int
	Flag        string // a high-value flag label
	Excluded    bool   // list patents excluded by a justified reason or declaration instead
	Limit       int
	Offset      int
}

// SleepingItem is one row of the sleeping-patent database.
type SleepingItem struct {
	Patent *Patent          `json:"patent"`
	Result *ScreeningResult `json:"result"`
}

// SleepingService browses and counts a run's sleeping patents.
type SleepingService interface {
	// ListSleeping returns one page of a run's sleeping (or excluded) patents and the total.
	ListSleeping(ctx context.Context, f SleepingFilter) ([]*SleepingItem, int, error)
	// CountSleeping returns counts of the filtered sleeping patents by grade, by
	// industry ("system:industry" keys) and by city ("city:5101" keys) for the
	// pages' summaries and the home page's charts.
	CountSleeping(ctx context.Context, f SleepingFilter) (map[string]int, error)
}

// Supply-list states.
const (
	ListDraft     = "draft"
	ListPublished = "published"
	ListWithdrawn = "withdrawn"
)

// SupplyItem is one patent of a supply list, frozen when the list is published.
type SupplyItem struct {
	AppNo      string    `json:"app_no"`
	Title      string    `json:"title"`
	Patentees  []Party   `json:"patentees"`
	City       string    `json:"city"`
	GrantDate  time.Time `json:"-"`
	Grade      string    `json:"grade"`
	Score      float64   `json:"score"`
	Industries []string  `json:"industries"`
	Flags      []string  `json:"flags"`
	Note       string    `json:"note,omitempty"` // the operator's remark
}

// SupplyList is a 专利技术供给清单: built from filters, reviewed, published with a
// yearly number of its issuer's series ("2026年第3期"), then frozen.
type SupplyList struct {
	ID             int64          `json:"id"`
	Title          string         `json:"title"`
	Description    string         `json:"description,omitempty"`
	CityCode       string         `json:"city_code,omitempty"` // set for a city's own list
	Status         string         `json:"status"`
	Year           int            `json:"year,omitempty"`   // set at publication
	Number         int            `json:"number,omitempty"` // per issuer and year, from 1
	Filter         SleepingFilter `json:"-"`
	Items          []SupplyItem   `json:"items"`
	CreatedBy      int64          `json:"created_by"`
	CreatedAt      time.Time      `json:"created_at"`
	PublishedAt    time.Time      `json:"-"`
	WithdrawnAt    time.Time      `json:"-"`
	WithdrawReason string         `json:"withdraw_reason,omitempty"`
	// LedgerIndex and WithdrawLedgerIndex are the public ledger's entries of the
	// publication and the withdrawal (nil until appended).
	LedgerIndex         *int64 `json:"ledger_index,omitempty"`
	WithdrawLedgerIndex *int64 `json:"withdraw_ledger_index,omitempty"`
}

// SupplyListService builds, publishes and withdraws supply lists. Every act is
// authorized against the signed-in user of ctx by AuthorizeSupplyList (no user
// and a cli/system origin is the platform's own act) and audited with it.
type SupplyListService interface {
	// CreateSupplyList stores a draft with the patents its filter selects; a city
	// user's list is its city's, selecting only its city's patents, whatever was
	// asked. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
	CreateSupplyList(ctx context.Context, l *SupplyList) error
	// UpdateSupplyList replaces a draft's title, description and items (review and edit).
	// Returns ECONFLICT when the list is no longer a draft, ENOTFOUND, EFORBIDDEN.
	UpdateSupplyList(ctx context.Context, l *SupplyList) error
	// PublishSupplyList freezes a draft and gives it the next number of its
	// issuer's series (SupplyList.Issuer) within the year of the store's clock;
	// confirmed is the publisher's CheckPublishConfirmed. Returns EINVALID
	// without confirmation, ECONFLICT, ENOTFOUND, EFORBIDDEN.
	PublishSupplyList(ctx context.Context, id int64, confirmed bool) (*SupplyList, error)
	// WithdrawSupplyList marks a published list withdrawn (it stays visible) at the
	// store's clock. Returns EINVALID, ECONFLICT, ENOTFOUND, EFORBIDDEN.
	WithdrawSupplyList(ctx context.Context, id int64, reason string) error
	// FindSupplyList returns a list with its items; a draft is not found by those
	// who may not manage it. Returns ENOTFOUND.
	FindSupplyList(ctx context.Context, id int64) (*SupplyList, error)
	// ListSupplyLists returns published and withdrawn lists, newest first, and with
	// includeDrafts also the drafts the ctx user may manage.
	ListSupplyLists(ctx context.Context, includeDrafts bool) ([]*SupplyList, error)
	// CountPublishedLists returns how many lists were published in each year (for the KPIs).
	CountPublishedLists(ctx context.Context) (map[int]int, error)
}
