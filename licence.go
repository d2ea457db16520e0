package patentbridge

import (
	"context"
	"time"
)

// Licence is a licence granted or recorded on the platform: taken under an
// announced open licence (Patent Law art. 51), or an exclusive, sole or
// ordinary licence on negotiated terms registered by the patentee. It holds
// everything a deal (转移转化, DESIGN §3.10) needs: the parties' organizations,
// the kind, the amounts paid and the dates.
type Licence struct {
	ID     int64       `json:"id"`
	Kind   LicenceKind `json:"kind"`
	AppNos []string    `json:"app_nos"`
	Title  string      `json:"title,omitempty"` // the first patent's title, for lists
	// OpenLicenceID is the declaration the licence was taken under (kind open),
	// OpenLicenceLedgerIndex its announcement's ledger entry.
	OpenLicenceID          int64  `json:"open_licence_id,omitempty"`
	OpenLicenceLedgerIndex *int64 `json:"open_licence_ledger_index,omitempty"`
	// PoolID is the patent pool whose package licence this is (kind ordinary),
	// PoolName its name and PoolLedgerIndex its publication's ledger entry.
	PoolID          int64    `json:"pool_id,omitempty"`
	PoolName        string   `json:"pool,omitempty"`
	PoolLedgerIndex *int64   `json:"pool_ledger_index,omitempty"`
	LicensorOrgID   int64    `json:"licensor_organization_id"`
	LicensorName    string   `json:"licensor"`
	LicenseeOrgID   int64    `json:"licensee_organization_id"`
	LicenseeName    string   `json:"licensee"`
	Fee             FeeTerms `json:"fee"`
	// TermStart and TermEnd are the licence's first and last days (UTC dates).
	TermStart time.Time `json:"-"`
	TermEnd   time.Time `json:"-"`
	Status    string    `json:"status"`
	// NoticeText is the written notice the licensee sent (kind open).
	NoticeText  string    `json:"notice_text,omitempty"`
	NoticeAt    time.Time `json:"notice_at,omitzero"`
	EffectiveAt time.Time `json:"effective_at,omitzero"`
	// RecordationNo is CNIPA's 备案号 (细则 art. 87), RecordationDate the day
	// CNIPA recorded the licence, RecordedAt when it was entered here.
	RecordationNo   string    `json:"recordation_no,omitempty"`
	RecordationDate time.Time `json:"-"`
	RecordedAt      time.Time `json:"recorded_at,omitzero"`
	// LedgerIndex is the public ledger entry of the grant (nil before).
	LedgerIndex *int64           `json:"ledger_index"`
	Payments    []LicencePayment `json:"payments"`
	Reports     []RoyaltyReport  `json:"reports"`
	Disputes    []LicenceDispute `json:"disputes"`
	CreatedBy   int64            `json:"created_by"`
	CreatedAt   time.Time        `json:"created_at"`
}

// Label returns the Chinese name of the licence kind.
func (k LicenceKind) Label() string {
	switch k {
	case LicenceOpen:
		return "开放许可"
	case LicenceExclusive:
		return "独占许可"
	case LicenceSole:
		return "排他许可"
	case LicenceOrdinary:
		return "普通许可"
	}
	return string(k)
}

// LicenceStatusLabel returns the Chinese name of a licence state.
func LicenceStatusLabel(s string) string {
	switch s {
	case LicenceNoticed:
		return "已发出书面通知，待付费"
	case LicenceEffective:
		return "已生效"
	case LicenceEnded:
		return "已终止"
	}
	return s
}

// RecordationDue is the last day to record the licence with CNIPA: three
// months from its effect (细则 art. 87); zero before it takes effect.
func (l *Licence) RecordationDue() time.Time {
	if l.EffectiveAt.IsZero() {
		return time.Time{}
	}
	return AddMonths(DateOf(l.EffectiveAt), 3)
}

// RecordationOverdue reports whether an effective licence is still unrecorded
// after its recordation due date, on the day of now.
func (l *Licence) RecordationOverdue(now time.Time) bool {
	return l.Status == LicenceEffective && l.RecordationNo == "" && DateOf(now).After(l.RecordationDue())
}

// PaidFen is the sum of the payments recorded on the licence.
func (l *Licence) PaidFen() int64 {
	var n int64
	for _, p := range l.Payments {
		n += p.AmountFen
	}
	return n
}

// LicencePayment is one payment the licensee made, recorded by a party.
type LicencePayment struct {
	ID         int64     `json:"id"`
	AmountFen  int64     `json:"amount_fen"`
	PaidOn     time.Time `json:"-"`         // the day paid (API: paid_on YYYY-MM-DD)
	Reference  string    `json:"reference"` // bank or receipt reference
	RecordedBy int64     `json:"recorded_by"`
	CreatedAt  time.Time `json:"created_at"`
}

// RoyaltyReport is a royalty licensee's report of one period's net sales or
// profit (in fen) and the royalty it owes for it (RoyaltyDue, 0 while deferred).
type RoyaltyReport struct {
	ID          int64     `json:"id"`
	PeriodStart time.Time `json:"-"`
	PeriodEnd   time.Time `json:"-"`
	BaseFen     int64     `json:"base_fen"` // net sales or profit of the period
	DueFen      int64     `json:"due_fen"`
	ReportedBy  int64     `json:"reported_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Dispute channels of Patent Law art. 52.
const (
	DisputeNegotiation = "negotiation" // 协商
	DisputeMediation   = "mediation"   // 国务院专利行政部门调解
	DisputeLitigation  = "litigation"  // 向人民法院起诉
)

// DisputeChannelLabel returns the Chinese name of a dispute channel.
func DisputeChannelLabel(c string) string {
	switch c {
	case DisputeNegotiation:
		return "协商"
	case DisputeMediation:
		return "专利局调解"
	case DisputeLitigation:
		return "诉讼"
	}
	return c
}

// LicenceDispute is a dispute over an open licence's exploitation (art. 52):
// its channel, description and, once settled, its outcome.
type LicenceDispute struct {
	ID          int64     `json:"id"`
	Channel     string    `json:"channel"`
	Description string    `json:"description"`
	Outcome     string    `json:"outcome,omitempty"`
	ResolvedAt  time.Time `json:"resolved_at,omitzero"`
	CreatedBy   int64     `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// LicenceFilter selects licences; zero fields do not filter.
type LicenceFilter struct {
	OrgID         int64 // licensor, licensee or a member of its pool is this organization
	OpenLicenceID int64
	PoolID        int64
	AppNo         string
	Overdue       bool // effective, unrecorded past the recordation due date
	Limit, Offset int
}

// TakeOpenLicence is the licensee's written notice under an announced open
// licence (or its acceptance of a pool's package terms): the last day of its term (zero: the declaration's) and its
// confirmation of the notice text generated from the announced terms.
type TakeOpenLicence struct {
	TermEnd   time.Time
	Confirmed bool
}

// LicenceService takes open licences and registers negotiated licences, their
// payments, royalty reports, recordation and disputes. Every act is authorized
// against the signed-in user of ctx (no user and a cli/system origin is the
// platform's own act), is one transaction with its audit row and, for the
// grant, its ledger entry "licence.grant".
type LicenceService interface {
	// OpenLicenceNotice returns the written notice text the signed-in user's
	// organization would send for the announced open licence. Returns EINVALID,
	// ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	OpenLicenceNotice(ctx context.Context, openLicenceID int64, t TakeOpenLicence) (string, error)
	// TakeOpenLicence sends the written notice (art. 51) for the signed-in user's
	// organization; a licence with nothing due up front is effective at once.
	// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	TakeOpenLicence(ctx context.Context, openLicenceID int64, t TakeOpenLicence) (*Licence, error)
	// PoolLicenceNotice returns the acceptance text the signed-in user's
	// organization would send to take the published pool's package licence.
	// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	PoolLicenceNotice(ctx context.Context, poolID int64, t TakeOpenLicence) (string, error)
	// TakePoolLicence takes the published pool's package licence (an ordinary
	// licence of all its patents from its first member) for the signed-in
	// user's organization; effective at once when nothing is due up front.
	// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	TakePoolLicence(ctx context.Context, poolID int64, t TakeOpenLicence) (*Licence, error)
	// RecordPayment records a payment of the licensee; the first payment
	// covering what is due up front makes a noticed licence effective. Returns
	// EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	RecordPayment(ctx context.Context, licenceID int64, p LicencePayment) (*Licence, error)
	// RegisterLicence registers an effective negotiated licence (exclusive,
	// sole, ordinary) by the patent's owner organization or the admin. Returns
	// EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	RegisterLicence(ctx context.Context, l *Licence) error
	// RecordRecordation enters CNIPA's recordation number and date (either
	// party or the admin). Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN.
	RecordRecordation(ctx context.Context, licenceID int64, number string, date time.Time) (*Licence, error)
	// ReportRoyalty records the licensee's report of one scheduled period
	// that has ended; a report of a period already reported corrects it.
	// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	ReportRoyalty(ctx context.Context, licenceID int64, r RoyaltyReport) (*Licence, error)
	// RecordDispute records a dispute on a licence (art. 52) by a party or the
	// admin. Returns EINVALID, ENOTFOUND, EFORBIDDEN, EUNAUTHORIZED.
	RecordDispute(ctx context.Context, licenceID int64, d LicenceDispute) (*Licence, error)
	// ResolveDispute records a dispute's outcome. Returns EINVALID, ENOTFOUND,
	// ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
	ResolveDispute(ctx context.Context, licenceID, disputeID int64, outcome string) (*Licence, error)
	// FindLicence returns a licence to its parties, the admin and city users
	// of a party's city. Returns ENOTFOUND (also to others), EUNAUTHORIZED.
	FindLicence(ctx context.Context, id int64) (*Licence, error)
	// ListLicences returns one page of the licences the signed-in user may see
	// (its organization's as either party; all for the admin) and the total.
	// Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN (Overdue is the admin's and city's).
	ListLicences(ctx context.Context, f LicenceFilter) ([]*Licence, int, error)
	// RemindRecordations sends each party of an effective licence overdue for
	// recordation one reminder message and returns how many licences it reminded.
	RemindRecordations(ctx context.Context) (int, error)
	// EndExpiredLicences moves every noticed or effective licence whose term
	// ended before today to ended, with one audit row "licence.end" each and no
	// ledger entry (the end of a term is no new public act), and returns how
	// many it ended; the platform's own act (a periodic job) or the admin's.
	// Returns EFORBIDDEN, EUNAUTHORIZED.
	EndExpiredLicences(ctx context.Context) (int, error)
}
