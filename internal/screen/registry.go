package screen

import "patentbridge"

// Registry is the organization registry as screening reads it: each
// organization by its name and aliases, and by id for its parent. A nil
// Registry knows no organization.
type Registry struct {
	byName map[string]*patentbridge.Organization
	byID   map[int64]*patentbridge.Organization
}

// NewRegistry indexes organizations (with their aliases) by normalized name and id.
func NewRegistry(orgs []*patentbridge.Organization) *Registry {
	r := &Registry{byName: map[string]*patentbridge.Organization{}, byID: map[int64]*patentbridge.Organization{}}
	for _, o := range orgs {
		r.byID[o.ID] = o
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if n = patentbridge.NormalizeOrgName(n); n != "" {
				r.byName[n] = o
			}
		}
	}
	return r
}

// Find returns the organization with a name or alias, or nil.
func (r *Registry) Find(name string) *patentbridge.Organization {
	if r == nil {
		return nil
	}
	return r.byName[patentbridge.NormalizeOrgName(name)]
}

// Parent returns o's parent organization (四川大学 for 四川大学华西医院), or nil.
func (r *Registry) Parent(o *patentbridge.Organization) *patentbridge.Organization {
	if r == nil || o == nil || o.ParentID == 0 {
		return nil
	}
	return r.byID[o.ParentID]
}
