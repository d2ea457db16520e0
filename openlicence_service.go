package patentbridge

import "context"

// OpenLicenceFilter selects declarations for lists and the API; zero fields do
// not filter.
type OpenLicenceFilter struct {
	Status string
	Method FeeMethod
	AppNo  string
	OrgID  int64  // a patentee organization
	City   string // 4-digit city code of the patent
	Kind   Kind
	Limit  int
	Offset int
}

// OpenLicenceService keeps open-licence declarations (DESIGN §3.8). Every
// write is one transaction with its audit row; announcement and withdrawal
// also append their public ledger entry.
type OpenLicenceService interface {
	// CreateOpenLicence stores a draft for one granted patent in force
	// (CheckDeclarablePatent) by a user of one of its patentee organizations
	// (or the admin, or the platform); only the admin records a fee exception. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
	CreateOpenLicence(ctx context.Context, ol *OpenLicence) error
	// UpdateOpenLicence replaces a draft's terms; the patentees' consents to
	// the draft are cleared when its terms change, and a fee exception when
	// someone other than the admin changes the fee terms. Returns EINVALID,
	// EFORBIDDEN, ENOTFOUND, ECONFLICT (not a draft).
	UpdateOpenLicence(ctx context.Context, ol *OpenLicence) error
	// ConsentOpenLicence records one patentee organization's consent (purpose
	// ConsentDeclare or ConsentWithdraw): given by a user of that organization,
	// or recorded by the admin from a written consent (writtenRef). Returns
	// EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT.
	ConsentOpenLicence(ctx context.Context, id int64, orgID int64, purpose, writtenRef string) (*OpenLicence, error)
	// SubmitOpenLicence checks a draft (fee terms, the patent's facts, every
	// co-owner's consent) and submits it for review; one declaration per patent
	// may be submitted or announced at a time. Returns EINVALID, EFORBIDDEN,
	// ENOTFOUND, ECONFLICT.
	SubmitOpenLicence(ctx context.Context, id int64) (*OpenLicence, error)
	// ReviewOpenLicence approves a submitted declaration — re-checking the
	// facts, announcing it at the store's clock with its ledger entry — or
	// rejects it back to draft with the note (admin, or the patent's city
	// user). Returns EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT.
	ReviewOpenLicence(ctx context.Context, id int64, approve bool, note string) (*OpenLicence, error)
	// WithdrawOpenLicence withdraws an announced declaration with the reason
	// once every patentee organization consented to the withdrawal; licences
	// already granted are untouched (Patent Law art. 50). Returns EINVALID,
	// EFORBIDDEN, ENOTFOUND, ECONFLICT.
	WithdrawOpenLicence(ctx context.Context, id int64, reason string) (*OpenLicence, error)
	// FindOpenLicence returns a declaration; drafts and submitted ones only to
	// their patentees' users, the admin and the patent's city. Returns ENOTFOUND.
	FindOpenLicence(ctx context.Context, id int64) (*OpenLicence, error)
	// ListOpenLicences returns one page of the declarations the ctx user may
	// see and the total. Returns EINVALID.
	ListOpenLicences(ctx context.Context, f OpenLicenceFilter) ([]*OpenLicence, int, error)
	// OpenLicenceTerms gives, for each of appNos under an announced open
	// licence, its matching reason ("开放许可：免费").
	OpenLicenceTerms(ctx context.Context, appNos []string) (map[string]string, error)
}

// StatusLabel returns the Chinese name of the declaration's state.
func (ol *OpenLicence) StatusLabel() string {
	switch ol.Status {
	case OpenDraft:
		return "草稿"
	case OpenSubmitted:
		return "待审核"
	case OpenAnnounced:
		return "已公告"
	case OpenWithdrawn:
		return "已撤回"
	}
	return ol.Status
}

// OpenLicenceStatuses lists the states in order.
var OpenLicenceStatuses = []string{OpenDraft, OpenSubmitted, OpenAnnounced, OpenWithdrawn}
