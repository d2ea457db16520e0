package search

import (
	"context"
	"sync"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// EnterpriseStore is what an EnterpriseRanker reads: the patents and the registry.
type EnterpriseStore interface {
	FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error)
	// EnterprisesVersion changes whenever an enterprise is added, changed or removed.
	EnterprisesVersion(ctx context.Context) (string, error)
	EachEnterprise(ctx context.Context, fn func(e *patentbridge.Enterprise) error) error
}

// EnterpriseRanker ranks a store's registry enterprises for a patent (专利进园区企业),
// rebuilding its in-memory matcher when the registry has changed since it was built.
type EnterpriseRanker struct {
	store EnterpriseStore
	ref   *refdata.Data

	mu      sync.Mutex
	m       *EnterpriseMatcher
	version string
}

// NewEnterpriseRanker returns a ranker over the store's registry.
func NewEnterpriseRanker(store EnterpriseStore, ref *refdata.Data) *EnterpriseRanker {
	return &EnterpriseRanker{store: store, ref: ref}
}

// RankForPatent returns up to limit enterprises that fit the patent, best first,
// each with its reason; none when the registry is empty. A city user is offered its
// city's enterprises only (patentbridge.ScopeCity). Returns ENOTFOUND for an
// unknown patent.
func (r *EnterpriseRanker) RankForPatent(ctx context.Context, appNo string, limit int) ([]patentbridge.EnterpriseMatch, error) {
	p, err := r.store.FindPatent(ctx, appNo)
	if err != nil {
		return nil, err
	}
	m, err := r.matcher(ctx)
	if err != nil || m == nil {
		return nil, err
	}
	city := patentbridge.ScopeCity(patentbridge.UserFrom(ctx))
	if city == "" {
		return m.Rank(p, limit), nil
	}
	if limit <= 0 {
		limit = 10
	}
	var out []patentbridge.EnterpriseMatch
	for _, em := range m.Rank(p, len(m.es)) {
		if patentbridge.InCity(em.Enterprise.RegionCode, city) && len(out) < limit {
			out = append(out, em)
		}
	}
	return out, nil
}

// PushList returns the push list of the patents appNos (a supply list's):
// each enterprise that fits one of them, with at most per patents ranked by
// fit; a city user's list holds its city's enterprises only. Patents no longer
// stored are skipped; none when the registry is empty.
func (r *EnterpriseRanker) PushList(ctx context.Context, appNos []string, per int) ([]patentbridge.EnterprisePush, error) {
	m, err := r.matcher(ctx)
	if err != nil || m == nil {
		return nil, err
	}
	ps := make([]*patentbridge.Patent, 0, len(appNos))
	for _, a := range appNos {
		p, err := r.store.FindPatent(ctx, a)
		if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			continue // a patent of a frozen list no longer stored
		} else if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	var keep func(e *patentbridge.Enterprise) bool
	if city := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); city != "" {
		keep = func(e *patentbridge.Enterprise) bool { return patentbridge.InCity(e.RegionCode, city) }
	}
	return m.Push(ps, per, keep), nil
}

func (r *EnterpriseRanker) matcher(ctx context.Context) (*EnterpriseMatcher, error) {
	version, err := r.store.EnterprisesVersion(ctx)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m != nil && r.version == version {
		return r.m, nil
	}
	var es []*patentbridge.Enterprise
	if err := r.store.EachEnterprise(ctx, func(e *patentbridge.Enterprise) error { es = append(es, e); return nil }); err != nil {
		return nil, err
	}
	if r.m != nil {
		_ = r.m.Close()
		r.m = nil
	}
	if len(es) == 0 {
		r.version = version
		return nil, nil
	}
	m, err := NewEnterpriseMatcher(es, r.ref)
	if err != nil {
		return nil, err
	}
	r.m, r.version = m, version
	return m, nil
}
