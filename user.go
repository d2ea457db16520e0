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
	LastUsedAt time.Time `json:"last_used_at"`
}

// UserService stores users, their sessions and API tokens.
type UserService interface {
	// CreateUser stores a new user with the password (hashed). Returns EINVALID, ECONFLICT.
	CreateUser(ctx context.Context, u *User, password string) error
	// CountUsers returns how many users exist.
	CountUsers(ctx context.Context) (int, error)
	// Authenticate checks a username and password. Returns EUNAUTHORIZED.
	Authenticate(ctx context.Context, username, password string) (*User, error)
	// CreateSession opens a browser session for the user and returns its secret token.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error)
	// CreateAPIToken issues a long-lived API token for the user and returns its secret.
	CreateAPIToken(ctx context.Context, userID int64, name string) (string, error)
	// UserByToken resolves a session or API token. Returns EUNAUTHORIZED when unknown or expired.
	UserByToken(ctx context.Context, token string) (*User, error)
	// DeleteSession ends a browser session.
	DeleteSession(ctx context.Context, token string) error
}
