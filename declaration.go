package patentbridge

import (
	"context"
	"time"
)

// DeclarationKind says what an institution declared about one of its patents.
type DeclarationKind string

// Declaration kinds.
const (
	DeclImplemented DeclarationKind = "implemented" // 已实施
	DeclReason      DeclarationKind = "reason"      // 正当理由
)

// Justified reasons an institution may register (DESIGN §3.4).
const (
	ReasonSecrecy     = "secrecy"     // 保密/国防
	ReasonSEP         = "sep"         // 标准必要专利
	ReasonNegotiating = "negotiating" // 正在洽谈
	ReasonDefensive   = "defensive"   // 防御性布局
	ReasonOther       = "other"       // 其他（须说明）
)

// ReasonCodes lists the justified reasons in display order.
var ReasonCodes = []string{ReasonSecrecy, ReasonSEP, ReasonNegotiating, ReasonDefensive, ReasonOther}

// ReasonLabel returns the Chinese name of a justified-reason code.
func ReasonLabel(code string) string {
	switch code {
	case ReasonSecrecy:
		return "保密/国防"
	case ReasonSEP:
		return "标准必要专利"
	case ReasonNegotiating:
		return "正在洽谈"
	case ReasonDefensive:
		return "防御性布局"
	case ReasonOther:
		return "其他"
	}
	return code
}

// Declaration is an institution's statement that a patent is implemented (how,
// since when, with which enterprise) or has a justified reason not to be.
type Declaration struct {
	ID         int64           `json:"id"`
	AppNo      string          `json:"app_no"`
	Kind       DeclarationKind `json:"kind"`
	Reason     string          `json:"reason,omitempty"` // a Reason* code, for DeclReason
	Text       string          `json:"text,omitempty"`   // explanation; required for ReasonOther
	How        string          `json:"how,omitempty"`    // 实施方式, for DeclImplemented
	Enterprise string          `json:"enterprise,omitempty"`
	Since      time.Time       `json:"-"`
	CreatedBy  int64           `json:"created_by"`
	OrgName    string          `json:"org_name,omitempty"` // the declaring institution
	CreatedAt  time.Time       `json:"created_at"`
	RevokedAt  time.Time       `json:"-"` // zero while in effect
}

// Validate checks a declaration before it is stored, as of today (the
// service's clock): an implementation must have started, on today at the latest,
// since a start still to come is not implementation evidence, and not before
// PatentLawStart. Returns EINVALID
// naming the field.
func (d *Declaration) Validate(today time.Time) error {
	if _, _, err := NormalizeAppNo(d.AppNo); err != nil {
		return err
	}
	for _, f := range []struct{ field, label, value string }{{"text", "说明", d.Text}, {"how", "实施方式", d.How}, {"enterprise", "实施企业", d.Enterprise}} {
		if err := CheckText(f.field, f.label, f.value, 1000, f.field == "text"); err != nil {
			return err
		}
	}
	switch d.Kind {
	case DeclImplemented:
		if d.How == "" {
			return FieldErrorf("how", "请说明实施方式（自行实施、许可、转让、作价入股等）")
		}
		if d.Since.IsZero() {
			return FieldErrorf("since", "请填写开始实施的日期")
		}
		if d.Since.Before(PatentLawStart) {
			return sinceTooEarly(FormatDate(d.Since))
		}
		if y, m, day := today.Date(); d.Since.After(time.Date(y, m, day, 0, 0, 0, 0, time.UTC)) {
			return FieldErrorf("since", "实施起始日期 %s 晚于今天（%s）：已实施声明只能登记已经开始的实施，请在开始实施后再声明",
				FormatDate(d.Since), FormatDate(today))
		}
	case DeclReason:
		known := false
		for _, c := range ReasonCodes {
			known = known || c == d.Reason
		}
		if !known {
			return FieldErrorf("reason", "未知的正当理由 %q", d.Reason)
		}
		if d.Reason == ReasonOther && d.Text == "" {
			return FieldErrorf("text", "选择\"其他\"理由时须填写说明")
		}
	default:
		return FieldErrorf("kind", "声明类型应为已实施或正当理由")
	}
	return nil
}

// ChangedAfter reports whether d was made or revoked after t, the start of a
// screening run: that run did not see it, so it takes effect at the next run.
func (d *Declaration) ChangedAfter(t time.Time) bool {
	return d.CreatedAt.After(t) || !d.RevokedAt.IsZero() && d.RevokedAt.After(t)
}

// Rating is an enterprise's market evaluation of a pooled patent, each 1–5.
type Rating struct {
	ID          int64     `json:"id"`
	AppNo       string    `json:"app_no"`
	UserID      int64     `json:"user_id"`
	OrgName     string    `json:"org_name,omitempty"`
	Prospect    int       `json:"prospect"`    // 产业化前景
	Improvement int       `json:"improvement"` // 技术改进需求
	Cooperation int       `json:"cooperation"` // 产学研合作意愿
	Comment     string    `json:"comment,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// RatingSummary aggregates the ratings of one patent.
type RatingSummary struct {
	Count       int     `json:"count"`
	Prospect    float64 `json:"prospect"`
	Improvement float64 `json:"improvement"`
	Cooperation float64 `json:"cooperation"`
}

// DeclarationService records institutions' declarations and enterprises' ratings.
type DeclarationService interface {
	// CreateDeclaration validates and stores a declaration of the signed-in user's
	// organization, which must currently own the patent (the admin: any patent).
	// Returns EINVALID, ENOTFOUND (patent), EUNAUTHORIZED, EFORBIDDEN.
	CreateDeclaration(ctx context.Context, d *Declaration) error
	// CanDeclare reports whether the signed-in user may record declarations on the patent.
	CanDeclare(ctx context.Context, appNo string) (bool, error)
	// RevokeDeclaration withdraws a declaration of the patent, so the patent is
	// screened again; an organization revokes only its own declarations (the admin
	// any). Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	RevokeDeclaration(ctx context.Context, appNo string, id int64) error
	// CountDeclarationsChangedAfter counts the declarations made or revoked
	// after t (the start of the latest finished screening run), which wait
	// for the next run (Declaration.ChangedAfter).
	CountDeclarationsChangedAfter(ctx context.Context, t time.Time) (int, error)
	// PatentDeclarations returns a patent's declarations, newest first, revoked ones included.
	PatentDeclarations(ctx context.Context, appNo string) ([]*Declaration, error)
	// OrganizationDeclarations returns up to limit of an organization's
	// declarations, newest first, revoked ones included.
	OrganizationDeclarations(ctx context.Context, orgID int64, limit int) ([]*Declaration, error)
	// CreateRating stores the signed-in enterprise user's rating (one per user and
	// patent; a new one replaces it). Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	CreateRating(ctx context.Context, r *Rating) error
	// PatentRatings returns a patent's ratings, newest first.
	PatentRatings(ctx context.Context, appNo string) ([]*Rating, error)
}
