package patentbridge

import (
	"context"
	"time"
)

// Role is what a user may do (DESIGN §1).
type Role string

// Roles.
const (
	RoleAdmin       Role = "admin"
	RoleCity        Role = "city"
	RoleInstitution Role = "institution"
	RoleEnterprise  Role = "enterprise"
	RoleAgency      Role = "agency"
	RoleFinancier   Role = "financier"
)

// Label returns the Chinese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "省级管理员"
	case RoleCity:
		return "市(州)管理员"
	case RoleInstitution:
		return "高校院所/国企"
	case RoleEnterprise:
		return "企业"
	case RoleAgency:
		return "服务机构/专员"
	case RoleFinancier:
		return "金融机构"
	}
	return string(r)
}

// User is a person who logs in: a member of one organization (by id) and, for
// city users, of one 市(州).
type User struct {
	ID                 int64     `json:"id"`
	Username           string    `json:"username"`
	Name               string    `json:"name"`
	Role               Role      `json:"role"`
	OrgID              int64     `json:"organization_id,omitempty"`
	OrgName            string    `json:"organization,omitempty"` // the organization's registry name
	CityCode           string    `json:"city_code,omitempty"`
	Disabled           bool      `json:"disabled"`
	MustChangePassword bool      `json:"must_change_password"`
	CreatedAt          time.Time `json:"created_at"`

	// Registration is RegistrationPending or RegistrationRejected for a
	// self-registered account not (yet) approved, "" for every other (CanPost).
	Registration string `json:"registration,omitempty"`
}

// NewUser is what an administrator (or a city user) fills in to create an account.
type NewUser struct {
	Username     string `json:"username"`
	Name         string `json:"name"`
	Role         Role   `json:"role"`
	Organization string `json:"organization"` // an organization's id or exact name
	CityCode     string `json:"city_code"`
	Password     string `json:"password"` // the initial password, to be changed at first login
}

// UserUpdate changes an account; nil fields stay as they are.
type UserUpdate struct {
	Name         *string `json:"name"`
	Role         *Role   `json:"role"`
	Organization *string `json:"organization"`
	CityCode     *string `json:"city_code"`
	Disabled     *bool   `json:"disabled"`
}

// UserFilter selects users; zero fields do not filter.
type UserFilter struct {
	Query  string // substring of username, name or organization
	Role   Role
	City   string
	OrgID  int64
	Limit  int
	Offset int
}

// Session is an opened login: its secret token (shown once) and when it expires.
type Session struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      *User     `json:"-"`
}

// APIToken is a named API token of a user, as its owner sees it (never the secret).
type APIToken struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"` // absent until first use
}

// UserService keeps accounts, logins, sessions and API tokens. Every act is
// authorized against the signed-in user of ctx (UserFrom) and audited.
type UserService interface {
	// CreateUser creates an account with an initial password that must be changed at
	// first login: the admin creates any role, a city user institution, enterprise
	// and agency accounts of its city's organizations. With no user in ctx it is the
	// platform's own act (first administrator, demo, CLI). Returns EINVALID,
	// ECONFLICT, EFORBIDDEN.
	CreateUser(ctx context.Context, nu NewUser) (*User, error)
	// UpdateUser changes an account's name, role, organization, city or disabled
	// flag; disabling ends every session and token at once. Returns EINVALID,
	// ENOTFOUND, EFORBIDDEN.
	UpdateUser(ctx context.Context, id int64, up UserUpdate) (*User, error)
	// ResetPassword sets a new initial password (admin, or a city user for its
	// city's accounts) and ends the user's sessions. Returns EINVALID, ENOTFOUND, EFORBIDDEN.
	ResetPassword(ctx context.Context, id int64, password string) error
	// ChangePassword changes the signed-in user's own password. Returns
	// EINVALID, EUNAUTHORIZED (wrong current password).
	ChangePassword(ctx context.Context, current, next string) error
	// FindUser returns an account (admin; a city user for its city; anyone for
	// themselves). Returns ENOTFOUND, EFORBIDDEN.
	FindUser(ctx context.Context, id int64) (*User, error)
	// ListUsers returns one page of accounts and the total (admin: all; city: its city's).
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CountUsers returns how many users exist.
	CountUsers(ctx context.Context) (int, error)
	// Login checks a username and password and opens a browser session (api
	// false) or an API login token. After 5 failures in 15 minutes the account is
	// locked for 15 minutes; too many failures from one address are refused too.
	// Returns EUNAUTHORIZED, ETOOMANY (with RetryAfter).
	Login(ctx context.Context, username, password string, api bool) (*Session, error)
	// Logout ends the session or API token. Unknown tokens are not an error.
	Logout(ctx context.Context, token string) error
	// UserByToken resolves a session or API token of an enabled user. Returns
	// EUNAUTHORIZED when unknown, expired, revoked or the user is disabled.
	UserByToken(ctx context.Context, token string) (*User, error)
	// CreateAPIToken issues a named API token to the signed-in user and returns
	// the secret, shown once. Returns EINVALID, EUNAUTHORIZED.
	CreateAPIToken(ctx context.Context, name string) (string, *APIToken, error)
	// ListAPITokens returns the signed-in user's tokens in force, newest first.
	ListAPITokens(ctx context.Context) ([]*APIToken, error)
	// RevokeAPIToken revokes one of the signed-in user's tokens. Returns ENOTFOUND.
	RevokeAPIToken(ctx context.Context, id int64) error
}
