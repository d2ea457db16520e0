package patentbridge

import (
	"context"
	"slices"
	"time"
)

// Organization is one entry of the registry of organizations: the universities,
// institutes, SOEs, enterprises, hospitals and offices that own patents, post
// demands and employ users. Patents' owners link to it by name or alias.
type Organization struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"` // normalized (NormalizeOrgName)
	Aliases    []string  `json:"aliases"`
	Type       PartyType `json:"type"`
	CreditCode string    `json:"credit_code,omitempty"` // 统一社会信用代码, validated
	CityCode   string    `json:"city_code,omitempty"`   // 4-digit 市(州) code
	SME        bool      `json:"sme"`
	ParentID   int64     `json:"parent_id,omitempty"` // 四川大学华西医院's parent is 四川大学
	Patents    int       `json:"patents"`             // patents it currently owns
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// OrganizationFilter selects organizations; zero fields do not filter.
type OrganizationFilter struct {
	Query  string // substring of the name or an alias
	Type   PartyType
	City   string
	Limit  int
	Offset int
}

// OrganizationService keeps the registry of organizations. Writes are the
// admin's (a city user's for its city's organizations) and audited.
type OrganizationService interface {
	// CreateOrganization validates and stores an organization. Returns EINVALID,
	// ECONFLICT (name, alias or credit code taken), EFORBIDDEN.
	CreateOrganization(ctx context.Context, o *Organization) error
	// UpdateOrganization replaces an organization's fields and aliases. Returns
	// EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN.
	UpdateOrganization(ctx context.Context, o *Organization) error
	// FindOrganization returns an organization by id. Returns ENOTFOUND.
	FindOrganization(ctx context.Context, id int64) (*Organization, error)
	// FindOrganizationByName resolves a name or alias after normalization. Returns ENOTFOUND.
	FindOrganizationByName(ctx context.Context, name string) (*Organization, error)
	// ListOrganizations returns one page of organizations and the total.
	ListOrganizations(ctx context.Context, f OrganizationFilter) ([]*Organization, int, error)
	// MergeOrganizations moves gone's names, patents' owner links, users and
	// records into keep and removes gone (admin only). Returns ENOTFOUND,
	// EINVALID (same organization), EFORBIDDEN.
	MergeOrganizations(ctx context.Context, keepID, goneID int64) error
	// SyncOrganizations creates an organization for every owner of a stored patent
	// that has none (an individual has none) and links every owner to its
	// organization; it returns how many organizations it created.
	SyncOrganizations(ctx context.Context) (int, error)
	// UpsertOrganizations imports a registry upload (SOE list, SME list, enterprise
	// registry): each entry updates the organization with its credit code, else its
	// name or alias, else is created. Returns EFORBIDDEN.
	UpsertOrganizations(ctx context.Context, os []*Organization) (UpsertResult, error)
}

// CheckOrganizationType refuses a type no organization of the registry has
// (an individual, an unknown code), for writes and for list filters alike.
// Returns EINVALID on field "type".
func CheckOrganizationType(t PartyType) error {
	if t == PartyIndividual || !slices.Contains(PartyTypes, t) {
		return FieldErrorf("type", "单位类型 %q 无效：应为大专院校、科研单位、国有企业、企业、医院或机关团体", ClipValue(string(t)))
	}
	return nil
}
