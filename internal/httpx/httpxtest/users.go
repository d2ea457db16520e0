package httpxtest

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Password is the password of every account MustUser creates.
const Password = "secret-pw-10"

// UserService is the real account service (sqldb) over a throwaway SQLite
// database, so page and API tests exercise the rules users meet, not a copy.
type UserService struct{ *sqldb.DB }

// NewUserService opens a fresh SQLite database in tb.TempDir().
func NewUserService(tb testing.TB) *UserService { return &UserService{DB: sqldbtest.SQLite(tb)} }

// platform is the context of test fixtures: the platform's own acts.
func platform() context.Context {
	return patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
}

// MustUser creates an account with the role and Password and returns it with an
// API token. scope is the city code of a city account, else the name of the
// account's organization (created in the registry when absent; for an
// institution or enterprise without one, the username is the organization).
func (s *UserService) MustUser(tb testing.TB, username string, role patentbridge.Role, scope ...string) (*patentbridge.User, string) {
	tb.Helper()
	nu := patentbridge.NewUser{Username: username, Name: username, Role: role, Password: Password}
	switch {
	case role == patentbridge.RoleCity:
		nu.CityCode = "5101"
		if len(scope) > 0 {
			nu.CityCode = scope[0]
		}
	case len(scope) > 0:
		nu.Organization = scope[0]
	case role != patentbridge.RoleAdmin:
		nu.Organization = username
	}
	if nu.Organization != "" {
		s.MustOrganization(tb, nu.Organization, role)
	}
	u, err := s.CreateUser(platform(), nu)
	if err != nil {
		tb.Fatalf("create user %s: %v", username, err)
	}
	ctx := patentbridge.WithUser(platform(), u)
	tok, _, err := s.CreateAPIToken(ctx, "test")
	if err != nil {
		tb.Fatalf("create token of %s: %v", username, err)
	}
	return u, tok
}

// MustOrganization registers an organization of the kind the role belongs to,
// unless one of that name exists.
func (s *UserService) MustOrganization(tb testing.TB, name string, role patentbridge.Role) *patentbridge.Organization {
	tb.Helper()
	if o, err := s.FindOrganizationByName(context.Background(), name); err == nil {
		return o
	}
	o := &patentbridge.Organization{Name: name, Type: patentbridge.ClassifyParty(name, "")}
	if o.Type == patentbridge.PartyIndividual {
		o.Type = patentbridge.PartyEnterprise
		if role == patentbridge.RoleInstitution {
			o.Type = patentbridge.PartyUniversity
		}
	}
	if err := s.CreateOrganization(platform(), o); err != nil {
		tb.Fatalf("create organization %s: %v", name, err)
	}
	return o
}
