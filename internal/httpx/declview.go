package httpx

import (
	"time"

	"patentbridge"
)

// DeclarationView is the presentation of an institution's declaration.
type DeclarationView struct {
	ID          int64      `json:"id"`
	AppNo       string     `json:"app_no"`
	Kind        string     `json:"kind"`
	KindLabel   string     `json:"kind_label"`
	Reason      string     `json:"reason,omitempty"`
	ReasonLabel string     `json:"reason_label,omitempty"`
	Text        string     `json:"text,omitempty"`
	How         string     `json:"how,omitempty"`
	Enterprise  string     `json:"enterprise,omitempty"`
	Since       string     `json:"since,omitempty"`
	OrgName     string     `json:"org_name,omitempty"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	Revoked     bool       `json:"revoked"`
	RevokedAt   *time.Time `json:"revoked_at,omitempty"`
}

// DeclarationKindLabel returns 已实施 or 正当理由.
func DeclarationKindLabel(k patentbridge.DeclarationKind) string {
	switch k {
	case patentbridge.DeclImplemented:
		return "已实施"
	case patentbridge.DeclReason:
		return "正当理由"
	}
	return string(k)
}

// NewDeclarationView builds the view of a declaration.
func NewDeclarationView(d *patentbridge.Declaration) DeclarationView {
	v := DeclarationView{ID: d.ID, AppNo: d.AppNo, Kind: string(d.Kind), KindLabel: DeclarationKindLabel(d.Kind),
		Reason: d.Reason, Text: d.Text, How: d.How, Enterprise: d.Enterprise, Since: patentbridge.FormatDate(d.Since),
		OrgName: d.OrgName, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt.UTC(), Revoked: !d.RevokedAt.IsZero()}
	if d.Reason != "" {
		v.ReasonLabel = patentbridge.ReasonLabel(d.Reason)
	}
	if v.Revoked {
		t := d.RevokedAt.UTC()
		v.RevokedAt = &t
	}
	return v
}

// RatingsView is a patent's enterprise ratings with their averages.
type RatingsView struct {
	Summary patentbridge.RatingSummary `json:"summary"`
	Items   []*patentbridge.Rating     `json:"items"`
}

// NewRatingsView averages the ratings (each 1–5) to two decimals.
func NewRatingsView(rs []*patentbridge.Rating) RatingsView {
	v := RatingsView{Items: rs}
	if v.Items == nil {
		v.Items = []*patentbridge.Rating{}
	}
	for _, r := range rs {
		v.Summary.Count++
		v.Summary.Prospect += float64(r.Prospect)
		v.Summary.Improvement += float64(r.Improvement)
		v.Summary.Cooperation += float64(r.Cooperation)
	}
	if n := float64(v.Summary.Count); n > 0 {
		v.Summary.Prospect = round2(v.Summary.Prospect / n)
		v.Summary.Improvement = round2(v.Summary.Improvement / n)
		v.Summary.Cooperation = round2(v.Summary.Cooperation / n)
	}
	return v
}

// ValidateRating checks that each score of an enterprise rating is 1–5.
// Returns EINVALID naming the field.
func ValidateRating(r *patentbridge.Rating) error {
	for _, s := range []struct {
		field, label string
		v            int
	}{{"prospect", "产业化前景", r.Prospect}, {"improvement", "技术改进需求", r.Improvement}, {"cooperation", "产学研合作意愿", r.Cooperation}} {
		if s.v < 1 || s.v > 5 {
			return patentbridge.FieldErrorf(s.field, "%s的评分应为 1 到 5 之间的整数", s.label)
		}
	}
	if len([]rune(r.Comment)) > 2000 {
		return patentbridge.FieldErrorf("comment", "评价意见不能超过 2000 字")
	}
	return nil
}

// OwnsPatent reports whether the user's organization is a current owner of the
// patent, comparing normalized names.
func OwnsPatent(u *patentbridge.User, p *patentbridge.Patent) bool {
	if u == nil || u.OrgName == "" {
		return false
	}
	org := patentbridge.NormalizeOrgName(u.OrgName)
	for _, o := range p.Owners() {
		if patentbridge.NormalizeOrgName(o.Name) == org {
			return true
		}
	}
	return false
}

// CanDeclare reports whether the user may record declarations on the patent: an
// institution user of an owning organization, or an administrator.
func CanDeclare(u *patentbridge.User, p *patentbridge.Patent) bool {
	return u != nil && (u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleInstitution && OwnsPatent(u, p))
}

// AuthorizeDeclaration returns EUNAUTHORIZED for anonymous users and a Chinese
// EFORBIDDEN unless CanDeclare.
func AuthorizeDeclaration(u *patentbridge.User, p *patentbridge.Patent) error {
	if err := SignedIn.Check(u); err != nil {
		return err
	}
	if !CanDeclare(u, p) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有该专利的权利人单位（高校院所用户）或省级管理员可以登记实施情况或正当理由")
	}
	return nil
}

// AuthorizeRating returns EUNAUTHORIZED for anonymous users and a Chinese
// EFORBIDDEN unless the user is an enterprise or an administrator.
func AuthorizeRating(u *patentbridge.User) error {
	if err := SignedIn.Check(u); err != nil {
		return err
	}
	if u.Role != patentbridge.RoleEnterprise && u.Role != patentbridge.RoleAdmin {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有企业用户可以对专利进行市场评价")
	}
	return nil
}
