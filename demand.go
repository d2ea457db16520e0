package patentbridge

import (
	"context"
	"time"
)

// Demand states: draft -> pending -> published or rejected (退回, to be edited
// and resubmitted) -> closed by its poster; demand_lifecycle.go has the rules.
const (
	DemandDraft     = "draft"     // 草稿
	DemandPending   = "pending"   // 待审核
	DemandPublished = "published" // 已发布
	DemandRejected  = "rejected"  // 已退回 (returned for changes)
	DemandClosed    = "closed"    // 已关闭
)

// DemandStatuses lists the states in the order the poster's page shows them.
var DemandStatuses = []string{DemandDraft, DemandPending, DemandPublished, DemandRejected, DemandClosed}

// Demand is an enterprise's technology need (技术需求).
type Demand struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Industry    string    `json:"industry,omitempty"`    // free text or a Sichuan industry name
	RegionCode  string    `json:"region_code,omitempty"` // GB/T 2260, 4 or 6 digits
	BudgetMin   int64     `json:"budget_min,omitempty"`  // 万元
	BudgetMax   int64     `json:"budget_max,omitempty"`  // 万元
	Deadline    time.Time `json:"-"`
	Contact     string    `json:"contact,omitempty"`         // shown to logged-in users only
	Enterprise  string    `json:"enterprise"`                // the posting organization
	OrgID       int64     `json:"organization_id,omitempty"` // its registry id, when registered
	Status      string    `json:"status"`
	RejectNote  string    `json:"reject_note,omitempty"`
	CloseNote   string    `json:"close_note,omitempty"` // the poster's outcome note on closing
	ClosedAt    time.Time `json:"-"`
	CreatedBy   int64     `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	PublishedAt time.Time `json:"-"`
}

// DemandFilter selects demands; zero fields do not filter.
type DemandFilter struct {
	Status   string
	City     string // 4-digit city code
	Industry string
	Query    string // substring of title or description
	Year     int    // publication year
	Mine     bool   // only the demands posted by the signed-in user's organization (IsDemandPoster)
	Limit    int
	Offset   int
}

// DemandService stores and moderates demands.
type DemandService interface {
	// CreateDemand validates and stores a demand as pending, or as a draft when
	// d.Status is DemandDraft, posted as the signed-in user's organization (the
	// admin names any enterprise). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
	CreateDemand(ctx context.Context, d *Demand) error
	// UpdateDemand replaces the editable fields of the poster's draft or returned
	// demand d.ID with d's; submit sends it to review (pending). Returns EINVALID,
	// ENOTFOUND, ECONFLICT (another state), EUNAUTHORIZED, EFORBIDDEN.
	UpdateDemand(ctx context.Context, d *Demand, submit bool) error
	// CloseDemand closes the poster's demand (solved, or withdrawn) with an
	// optional outcome note; it leaves the public lists and matching. Returns
	// EINVALID, ENOTFOUND, ECONFLICT (already closed), EUNAUTHORIZED, EFORBIDDEN.
	CloseDemand(ctx context.Context, id int64, note string) error
	// CountMyDemands returns how many demands the signed-in user's organization
	// has in each state. Returns EUNAUTHORIZED.
	CountMyDemands(ctx context.Context) (map[string]int, error)
	// FindDemand returns a demand. Returns ENOTFOUND.
	FindDemand(ctx context.Context, id int64) (*Demand, error)
	// ListDemands returns one page of demands and the total.
	ListDemands(ctx context.Context, f DemandFilter) ([]*Demand, int, error)
	// ModerateDemand publishes or rejects a pending demand (note required to
	// reject): the admin any, a city user its city's. Returns EINVALID, ENOTFOUND,
	// ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	ModerateDemand(ctx context.Context, id int64, publish bool, note string) error
	// CountPublishedDemands returns demands published per year (for the KPIs).
	CountPublishedDemands(ctx context.Context) (map[int]int, error)
}

// Match feedback values an enterprise gives a matched patent.
const (
	FeedbackInterested = "interested" // 感兴趣
	FeedbackIrrelevant = "irrelevant" // 不相关
)

// MatchFeedback is one enterprise's verdict on a patent matched to its demand.
type MatchFeedback struct {
	DemandID  int64     `json:"demand_id"`
	AppNo     string    `json:"app_no"`
	UserID    int64     `json:"user_id"`
	Verdict   string    `json:"verdict"`
	CreatedAt time.Time `json:"created_at"`
}

// FeedbackService stores match feedback.
type FeedbackService interface {
	// SaveFeedback records (or replaces) the signed-in user's verdict on a match of
	// a demand of its organization (the admin: any it may see); the patent must
	// be among the demand's matches (CheckDemandMatch); a first 感兴趣 sends the
	// patent's owners a message. Returns EINVALID (also for a patent that is not
	// a match), ENOTFOUND (also for a demand the user may not see), ECONFLICT (a
	// closed demand), EUNAVAILABLE, EUNAUTHORIZED, EFORBIDDEN.
	SaveFeedback(ctx context.Context, f *MatchFeedback) error
	// FeedbackCounts returns, per application number, how many users marked it
	// interested and irrelevant (over all demands).
	FeedbackCounts(ctx context.Context) (map[string][2]int, error)
	// DemandFeedback returns the verdicts given on one demand's matches, by
	// application number, to the posting organization and the admin. Returns
	// ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error)
}
