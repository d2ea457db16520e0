package patentbridge

import (
	"context"
	"time"
)

// OfferKind is what an offer offers: a transfer, a licence of one kind, an open
// licence, or a contribution as capital (作价入股).
type OfferKind string

// Offer kinds.
const (
	OfferTransfer    OfferKind = "transfer"     // 转让
	OfferExclusive   OfferKind = "exclusive"    // 独占许可
	OfferSole        OfferKind = "sole"         // 排他许可
	OfferOrdinary    OfferKind = "ordinary"     // 普通许可
	OfferOpenLicence OfferKind = "open_licence" // 开放许可 (declared through the open-licence process)
	OfferEquity      OfferKind = "equity"       // 作价入股
)

// OfferKinds lists every offer kind in display order.
var OfferKinds = []OfferKind{OfferTransfer, OfferExclusive, OfferSole, OfferOrdinary, OfferOpenLicence, OfferEquity}

// Label returns the Chinese name of the kind.
func (k OfferKind) Label() string {
	switch k {
	case OfferTransfer:
		return "转让"
	case OfferExclusive:
		return "独占许可"
	case OfferSole:
		return "排他许可"
	case OfferOrdinary:
		return "普通许可"
	case OfferOpenLicence:
		return "开放许可"
	case OfferEquity:
		return "作价入股"
	}
	return string(k)
}

// Offer states.
const (
	OfferDraft     = "draft"
	OfferPublished = "published"
	OfferWithdrawn = "withdrawn"
)

// Offer is a 转让/许可 offer with its price published in advance: one patent or a
// package of patents its organization owns, with the price (or 面议) or terms and
// the answers industry asks for (TRL, fields, the problem, the advantage).
type Offer struct {
	ID       int64     `json:"id"`
	OrgID    int64     `json:"organization_id"`
	OrgName  string    `json:"organization"`
	OrgType  PartyType `json:"organization_type"`
	CityCode string    `json:"city_code,omitempty"`
	Kind     OfferKind `json:"kind"`
	Title    string    `json:"title"`
	AppNos   []string  `json:"app_nos"`
	Titles   []string  `json:"titles"`
	// OpenLicenceIDs are, for an open-licence offer, the announced
	// declaration of each patent of AppNos (0 for none); read, not stored.
	OpenLicenceIDs []int64   `json:"open_licence_ids,omitempty"`
	PriceFen       int64     `json:"price"`      // in fen; 0 with Negotiable
	Negotiable     bool      `json:"negotiable"` // 面议
	Terms          string    `json:"terms,omitempty"`
	TRL            int       `json:"trl"`
	Fields         string    `json:"fields"`     // 应用领域
	Problem        string    `json:"problem"`    // 解决的问题
	Advantage      string    `json:"advantage"`  // 相对现有技术的优势
	Contact        string    `json:"contact"`    // 联系方式
	Industries     []string  `json:"industries"` // "sichuan_5_1:电子信息", frozen from the latest screening
	SOEShared      bool      `json:"soe_shared"` // 国企成熟专利共享
	Status         string    `json:"status"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	PublishedAt    time.Time `json:"-"`
	WithdrawnAt    time.Time `json:"-"`
	WithdrawReason string    `json:"withdraw_reason,omitempty"`
	LedgerIndex    *int64    `json:"ledger_index"`
	// WithdrawLedgerIndex is the ledger entry of the withdrawal.
	WithdrawLedgerIndex *int64 `json:"withdraw_ledger_index,omitempty"`
}

// OfferFilter selects offers; zero fields do not filter. Public lists show
// published and withdrawn offers; Mine lists the ctx user's organization's in
// every state.
type OfferFilter struct {
	Kind      OfferKind
	System    string // "sichuan_5_1", "advantage_6" or "agri_10_3"
	Industry  string // an industry name, of System when set
	City      string // 4-digit city code
	MinFen    int64  // price range; set bounds exclude 面议 offers
	MaxFen    int64
	MinTRL    int
	OrgType   PartyType
	AppNo     string
	Status    string // OfferPublished or OfferWithdrawn; "" both
	SOEShared bool
	Mine      bool
	Limit     int
	Offset    int
}

// OfferService publishes offers. Every act is authorized against the signed-in
// user of ctx (an institution or SOE user for its organization's patents, or the
// admin) and audited; publication and withdrawal are ledger entries.
type OfferService interface {
	// CreateOffer validates and stores a draft (CheckOfferPatent on each
	// patent). Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN,
	// ENOTFOUND (a patent).
	CreateOffer(ctx context.Context, o *Offer) error
	// PublishOffer publishes a draft with its ledger entry, checking its
	// patents again. Returns ECONFLICT, EINVALID, ENOTFOUND (also for a draft
	// the user may not see), EFORBIDDEN.
	PublishOffer(ctx context.Context, id int64) (*Offer, error)
	// WithdrawOffer withdraws a published offer with a reason and its ledger
	// entry. Returns EINVALID, ECONFLICT, ENOTFOUND, EFORBIDDEN.
	WithdrawOffer(ctx context.Context, id int64, reason string) (*Offer, error)
	// FindOffer returns an offer; a draft only to its organization and the admin. Returns ENOTFOUND.
	FindOffer(ctx context.Context, id int64) (*Offer, error)
	// ListOffers returns one page of offers and the total. Returns EINVALID.
	ListOffers(ctx context.Context, f OfferFilter) ([]*Offer, int, error)
	// CountOffers returns the offers published in each year (supply items).
	CountOffers(ctx context.Context) (map[int]int, error)
	// CountSOEShared returns the SOE mature patents shared in each year (patents of published shared offers).
	CountSOEShared(ctx context.Context) (map[int]int, error)
	// OfferedTerms gives, for each of appNos on a published offer, its
	// matching reason ("可转让，报价 50 万元").
	OfferedTerms(ctx context.Context, appNos []string) (map[string]string, error)
}
