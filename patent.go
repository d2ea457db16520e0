package patentbridge

import (
	"context"
	"time"
)

// Patent is one Chinese patent, keyed by its normalized application number.
type Patent struct {
	AppNo      string      `json:"app_no"` // normalized 申请号: digits + check character
	Kind       Kind        `json:"kind"`
	PubNo      string      `json:"pub_no,omitempty"`   // 公开(公告)号, e.g. CN115000000A
	GrantNo    string      `json:"grant_no,omitempty"` // 授权公告号, e.g. CN115000000B
	Title      string      `json:"title"`
	Abstract   string      `json:"abstract,omitempty"`
	FirstClaim string      `json:"first_claim,omitempty"`
	AppDate    time.Time   `json:"-"`
	PubDate    time.Time   `json:"-"`
	GrantDate  time.Time   `json:"-"`
	LapseDate  time.Time   `json:"-"`
	Status     LegalStatus `json:"status,omitempty"`
	StatusText string      `json:"status_text,omitempty"` // the export's original 法律状态 text
	MainIPC    string      `json:"main_ipc,omitempty"`
	IPC        []string    `json:"ipc"` // all codes, main first
	Applicants []Party     `json:"applicants"`
	Patentees  []Party     `json:"patentees"` // current owners (当前权利人); applicants when unknown
	Inventors  []string    `json:"inventors"`
	RegionCode string      `json:"region_code,omitempty"` // GB/T 2260, 6 digits
	Address    string      `json:"address,omitempty"`
	Agency     string      `json:"agency,omitempty"`
	Priority   string      `json:"priority,omitempty"`
	PCTAppNo   string      `json:"pct_app_no,omitempty"`
	// Citation and family counts; -1 is never used: absent counts are 0.
	ForwardCitations  int `json:"forward_citations"`  // 被引证次数
	BackwardCitations int `json:"backward_citations"` // 引证数
	FamilySize        int `json:"family_size"`        // 简单同族数量
	ClaimsCount       int `json:"claims_count"`       // 权利要求数
	TransferCount     int `json:"transfer_count"`     // 专利转移次数
	LicenceCount      int `json:"licence_count"`      // 许可次数
	PledgeCount       int `json:"pledge_count"`       // 质押次数
	// Events are the legal events (transfers, licences, pledges, lapse, invalidation).
	Events []LegalEvent `json:"events"`
	// Extra keeps the export's columns that no field above takes, by header name.
	Extra     map[string]string `json:"extra,omitempty"`
	Source    string            `json:"source,omitempty"` // file the record last came from
	UpdatedAt time.Time         `json:"updated_at"`
	// AppNoCheckComputed says the source gave an old 8-digit 申请号 without its
	// check character and the platform computed it (ParseAppNo).
	AppNoCheckComputed bool `json:"app_no_check_computed,omitempty"`
}

// Owners returns the current patentees, or the applicants when no patentee is known.
func (p *Patent) Owners() []Party {
	if len(p.Patentees) > 0 {
		return p.Patentees
	}
	return p.Applicants
}

// HasOwner reports whether a current owner of the patent has the organization
// name, after normalization (for display; the right to declare is the store's
// DeclarationService.CanDeclare, which follows the registry's links).
func (p *Patent) HasOwner(org string) bool {
	org = NormalizeOrgName(org)
	for _, o := range p.Owners() {
		if org != "" && NormalizeOrgName(o.Name) == org {
			return true
		}
	}
	return false
}

// EventType is the kind of a legal event.
type EventType string

// Legal event types.
const (
	EventTransfer     EventType = "transfer"     // 转让
	EventLicence      EventType = "licence"      // 许可
	EventPledge       EventType = "pledge"       // 质押
	EventLapse        EventType = "lapse"        // 失效、终止
	EventInvalidation EventType = "invalidation" // 无效宣告
	EventGrant        EventType = "grant"        // 授权
	EventOther        EventType = "other"
)

// Label returns the Chinese name of the event type.
func (t EventType) Label() string {
	switch t {
	case EventTransfer:
		return "转让"
	case EventLicence:
		return "许可"
	case EventPledge:
		return "质押"
	case EventLapse:
		return "失效"
	case EventInvalidation:
		return "无效宣告"
	case EventGrant:
		return "授权"
	}
	return "其他"
}

// LegalEvent is one dated event in a patent's legal history.
type LegalEvent struct {
	Type EventType `json:"type"`
	Date time.Time `json:"-"`
	Text string    `json:"text,omitempty"` // original text from 法律事件, if any
}

// PatentFilter selects patents for lists and the API; zero fields do not filter.
type PatentFilter struct {
	Kind          Kind
	OwnerType     PartyType
	Owner         string // substring of a current owner's (or applicant's) name
	OrgID         int64  // owned by this registry organization or one of its child organizations
	City          string // 4-digit GB/T 2260 city code, e.g. "5101"
	IPCPrefix     string // normalized prefix of any IPC code, e.g. "H01M" or "G06F16"
	Status        LegalStatus
	GrantYearFrom int
	GrantYearTo   int
	Sort          string // "app_date", "grant_date", "title", "app_no"; "-" prefix for descending
	Limit         int
	Offset        int
}

// UpsertResult counts what an upsert batch did.
type UpsertResult struct {
	Inserted  int `json:"inserted"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// PatentService stores and finds patents.
type PatentService interface {
	// FindPatent returns the patent with the normalized application number.
	// Returns ENOTFOUND.
	FindPatent(ctx context.Context, appNo string) (*Patent, error)
	// ListPatents returns one page of the patents that match the filter and the
	// total count. Returns EINVALID for a bad sort key.
	ListPatents(ctx context.Context, f PatentFilter) ([]*Patent, int, error)
	// UpsertPatents inserts new patents and updates changed ones (by AppNo) in one
	// transaction: all of the batch lands, or none of it.
	UpsertPatents(ctx context.Context, ps []*Patent) (UpsertResult, error)
	// CountPatents returns how many patents are stored.
	CountPatents(ctx context.Context) (int, error)
}
