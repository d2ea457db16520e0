package patentbridge

import "time"

// Open-licence declaration states (DESIGN §3.8).
const (
	OpenDraft     = "draft"
	OpenSubmitted = "submitted"
	OpenAnnounced = "announced"
	OpenWithdrawn = "withdrawn"
)

// Consent purposes of an open licence's patentees.
const (
	ConsentDeclare  = "declare"  // to the declaration
	ConsentWithdraw = "withdraw" // to its withdrawal
)

// OpenLicence is a 专利开放许可声明 for one granted patent (细则 art. 85): its
// patentees, fee method and standard, term and other conditions, as declared
// by the patentees' organizations, reviewed and announced on the platform.
type OpenLicence struct {
	ID        int64    `json:"id"`
	AppNo     string   `json:"app_no"`
	Title     string   `json:"title,omitempty"` // the patent's title, for lists
	Patentees []string `json:"patentees"`       // every patentee's name at declaration
	OrgID     int64    `json:"organization_id"` // the declaring organization
	OrgName   string   `json:"organization,omitempty"`
	// OrgIDs are the patentees' organizations: each must consent (ConsentDeclare).
	OrgIDs []int64  `json:"organization_ids"`
	Fee    FeeTerms `json:"fee"`
	// FeeBasis is the patentee's basis for the fee (《专利开放许可使用费估算指引（试行）》).
	FeeBasis string `json:"fee_basis,omitempty"`
	// FeeException is the admin's recorded reason for a fee above the 2024 notice's figures.
	FeeException string `json:"fee_exception,omitempty"`
	// TermStart and TermEnd are the licence term's first and last days (UTC
	// dates; the API writes them as YYYY-MM-DD).
	TermStart  time.Time `json:"-"`
	TermEnd    time.Time `json:"-"`
	Conditions string    `json:"conditions,omitempty"`
	// EvaluationReport is the 专利权评价报告 (number and conclusion) of a utility
	// model or design (Patent Law art. 50).
	EvaluationReport string `json:"evaluation_report,omitempty"`
	// EvaluationFavourable records that the report concludes the patent meets
	// the conditions for grant.
	EvaluationFavourable bool `json:"evaluation_favourable,omitempty"`
	// PledgeeConsent names the pledgee's written consent to the declaration
	// (a file reference), needed while the patent is pledged (细则 art. 86(4)).
	PledgeeConsent string `json:"pledgee_consent,omitempty"`
	// Confirmations are the facts the patentee confirmed where the platform
	// knew nothing (细则 art. 88), e.g. "no_exclusive_licence", "fees_paid".
	Confirmations  []string  `json:"confirmations,omitempty"`
	Consents       []Consent `json:"consents"`
	Status         string    `json:"status"`
	ReviewNote     string    `json:"review_note,omitempty"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	SubmittedAt    time.Time `json:"submitted_at,omitzero"`
	AnnouncedAt    time.Time `json:"announced_at,omitzero"`
	WithdrawnAt    time.Time `json:"withdrawn_at,omitzero"`
	WithdrawReason string    `json:"withdraw_reason,omitempty"`
	// LedgerIndex is the public ledger entry of the announcement (nil before),
	// WithdrawLedgerIndex that of the withdrawal.
	LedgerIndex         *int64 `json:"ledger_index"`
	WithdrawLedgerIndex *int64 `json:"withdraw_ledger_index,omitempty"`
}

// Consent is one patentee organization's consent to a declaration or to its
// withdrawal: given on the platform by one of its users, or recorded by the
// admin from a written consent (WrittenRef names the document).
type Consent struct {
	OrgID      int64     `json:"organization_id"`
	OrgName    string    `json:"organization"`
	Purpose    string    `json:"purpose"`
	UserID     int64     `json:"user_id,omitempty"`
	WrittenRef string    `json:"written_ref,omitempty"`
	At         time.Time `json:"at"`
}

// LicenceKind is the kind of a licence granted or recorded on the platform.
type LicenceKind string

// Licence kinds.
const (
	LicenceOpen      LicenceKind = "open"      // taken under an announced open licence (art. 51)
	LicenceExclusive LicenceKind = "exclusive" // 独占许可
	LicenceSole      LicenceKind = "sole"      // 排他许可
	LicenceOrdinary  LicenceKind = "ordinary"  // 普通许可
)

// Licence states.
const (
	LicenceNoticed   = "noticed"   // written notice sent, payment not yet recorded
	LicenceEffective = "effective" // in force
	LicenceEnded     = "ended"
)
