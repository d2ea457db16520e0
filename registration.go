package patentbridge

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Registration states.
const (
	RegistrationPending  = "pending"
	RegistrationApproved = "approved"
	RegistrationRejected = "rejected"
)

// RegistrationStatusLabel returns the Chinese name of a registration state.
func RegistrationStatusLabel(s string) string {
	switch s {
	case RegistrationPending:
		return "待审核"
	case RegistrationApproved:
		return "已通过"
	case RegistrationRejected:
		return "未通过"
	}
	return s
}

// RegistrationTypes are the organization types a registrant may choose, in
// display order; individuals and government offices do not self-register.
var RegistrationTypes = []PartyType{PartyEnterprise, PartySOE, PartyUniversity, PartyInstitute, PartyHospital}

// RegistrationRole is the account role an organization of type t receives: an
// enterprise posts demands, universities, institutes, SOEs and hospitals hold
// patents (DESIGN §1).
func RegistrationRole(t PartyType) Role {
	if t == PartyEnterprise {
		return RoleEnterprise
	}
	return RoleInstitution
}

// NewRegistration is what the public registration form (/register, POST
// /api/v1/registrations) submits.
type NewRegistration struct {
	OrgName    string    `json:"organization"`
	OrgType    PartyType `json:"organization_type"`
	CreditCode string    `json:"credit_code"`
	Contact    string    `json:"contact"`
	Phone      string    `json:"phone"`
	Email      string    `json:"email"`
	CityCode   string    `json:"city_code"` // 4-digit 市(州) code, checked against the region's cities by the caller
	Username   string    `json:"username"`
	Password   string    `json:"password"`
}

// Registration is one self-registration of an organization and its first
// account, with its review.
type Registration struct {
	ID           int64     `json:"id"`
	OrgName      string    `json:"organization"` // normalized (NormalizeOrgName)
	OrgType      PartyType `json:"organization_type"`
	CreditCode   string    `json:"credit_code"`
	Contact      string    `json:"contact"`
	Phone        string    `json:"phone,omitempty"`
	Email        string    `json:"email,omitempty"`
	CityCode     string    `json:"city_code"`
	UserID       int64     `json:"user_id"`
	Username     string    `json:"username"`
	Status       string    `json:"status"`
	RejectReason string    `json:"reject_reason,omitempty"`
	OrgID        int64     `json:"organization_id,omitempty"` // the registry entry it was approved into
	CreatedAt    time.Time `json:"created_at"`
	DecidedAt    time.Time `json:"decided_at,omitzero"`
	DecidedBy    int64     `json:"decided_by,omitempty"`
}

// Limits of the registration form's fields, in characters.
const (
	MaxRegOrgName = 100
	MaxRegContact = 50
	MaxRegPhone   = 30
	MaxRegEmail   = 100
	MaxRegReason  = 500
)

// Validate trims and checks the form: the organization's name and type, its
// 统一社会信用代码 (GB 32100 check character), the contact with a phone or an
// email, a 4-digit city code, the username and the password rules. Returns
// EINVALID naming the field.
func (r *NewRegistration) Validate() error {
	r.OrgName = NormalizeOrgName(r.OrgName)
	r.Contact, r.Phone = strings.TrimSpace(r.Contact), strings.TrimSpace(r.Phone)
	r.Email, r.CityCode, r.Username = strings.TrimSpace(r.Email), strings.TrimSpace(r.CityCode), strings.TrimSpace(r.Username)
	for _, t := range []struct {
		field, label, v string
		max             int
	}{{"organization", "单位名称", r.OrgName, MaxRegOrgName}, {"contact", "联系人", r.Contact, MaxRegContact},
		{"phone", "联系电话", r.Phone, MaxRegPhone}, {"email", "电子邮箱", r.Email, MaxRegEmail}} {
		if err := CheckText(t.field, t.label, t.v, t.max, false); err != nil {
			return err
		}
	}
	switch {
	case r.OrgName == "":
		return FieldErrorf("organization", "请填写单位名称")
	case !slices.Contains(RegistrationTypes, r.OrgType):
		return FieldErrorf("organization_type", "请选择单位类型（企业、国有企业、大专院校、科研单位或医院）")
	}
	code, err := NormalizeCreditCode(r.CreditCode)
	if err != nil {
		return &Error{Code: EINVALID, Field: "credit_code", Message: ErrorMessage(err)}
	}
	r.CreditCode = code
	switch {
	case r.Contact == "":
		return FieldErrorf("contact", "请填写联系人")
	case r.Phone == "" && r.Email == "":
		return FieldErrorf("phone", "请填写联系电话或电子邮箱")
	case r.Phone != "" && !validPhone(r.Phone):
		return FieldErrorf("phone", "联系电话 %q 应由数字组成（可含 + - 空格和括号，7到30位）", r.Phone)
	case r.Email != "" && !validEmail(r.Email):
		return FieldErrorf("email", "电子邮箱 %q 格式不正确", r.Email)
	case len(r.CityCode) != 4 || strings.Trim(r.CityCode, "0123456789") != "":
		return FieldErrorf("city_code", "请选择所在市（州）")
	case r.Username == "":
		return FieldErrorf("username", "请填写用户名")
	case !ValidUsername(r.Username):
		return FieldErrorf("username", "用户名 %q 应由2到64个英文字母、数字或 . _ - @ 组成", r.Username)
	}
	return CheckPassword(r.Username, r.Password)
}

// validPhone accepts 7 to 30 characters of digits and + - space ( ), with 7 digits at least.
func validPhone(s string) bool {
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case !strings.ContainsRune("+- ()", c):
			return false
		}
	}
	return digits >= 7
}

// validEmail accepts one plain address (name@domain.tld), no display name.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// RegistrationFilter selects registrations; zero fields do not filter.
type RegistrationFilter struct {
	Status string
	City   string
	Limit  int
	Offset int
}

// RegistrationService takes self-registrations and their review by the city
// office of the registrant's city or the admin. Every act is one transaction
// with its audit row.
type RegistrationService interface {
	// Register validates the form and stores the registration with its account,
	// pending review (the account can log in and browse but not post). Anyone
	// may register; each address is limited in attempts. Returns EINVALID
	// (naming the field), ECONFLICT (username taken, or the credit code already
	// waiting for review), ETOOMANY.
	Register(ctx context.Context, nr NewRegistration) (*Registration, error)
	// ListRegistrations returns one page of registrations, newest first, and the
	// total: the admin's all, a city user's of its city. Returns EUNAUTHORIZED, EFORBIDDEN.
	ListRegistrations(ctx context.Context, f RegistrationFilter) ([]*Registration, int, error)
	// FindRegistration returns a registration the caller may review. Returns
	// ENOTFOUND (also for another city's), EUNAUTHORIZED, EFORBIDDEN.
	FindRegistration(ctx context.Context, id int64) (*Registration, error)
	// MatchRegistration returns the registry organization an approval would
	// bind the registration to (by credit code, else name or alias), or ENOTFOUND
	// when approval would create a new one.
	MatchRegistration(ctx context.Context, id int64) (*Organization, error)
	// ApproveRegistration binds the account to the registry organization with the
	// registration's credit code, else its name or alias, else a new one, and lets
	// it post. Returns ENOTFOUND, ECONFLICT (not pending, or the named
	// organization has another credit code), EFORBIDDEN.
	ApproveRegistration(ctx context.Context, id int64) (*Registration, error)
	// RejectRegistration refuses a pending registration with a reason the
	// registrant sees. Returns EINVALID (no reason), ENOTFOUND, ECONFLICT, EFORBIDDEN.
	RejectRegistration(ctx context.Context, id int64, reason string) (*Registration, error)
	// MyRegistration returns the signed-in user's own registration. Returns
	// ENOTFOUND (an account an administrator created), EUNAUTHORIZED.
	MyRegistration(ctx context.Context) (*Registration, error)
}

// CanReviewRegistration admits the reviewers of a registration: administrators,
// and the city office of the registrant's city; to any other city office the
// registration does not exist. Returns EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func CanReviewRegistration(u *User, r *Registration) error {
	if err := CityManager(u, "审核注册申请"); err != nil {
		return err
	}
	if u.Role == RoleCity && r.CityCode != u.CityCode {
		return Errorf(ENOTFOUND, "注册申请 %d 不存在", r.ID)
	}
	return nil
}
