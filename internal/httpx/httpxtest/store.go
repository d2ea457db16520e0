package httpxtest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// MustStorePatents upserts the patents into the real store of s and links their
// owners to the registry's organizations (creating the missing ones), as the
// platform does after an import.
func (s *UserService) MustStorePatents(tb testing.TB, ps ...*patentbridge.Patent) {
	tb.Helper()
	if _, err := s.UpsertPatents(platform(), ps); err != nil {
		tb.Fatalf("upsert patents: %v", err)
	}
	if _, err := s.SyncOrganizations(platform()); err != nil {
		tb.Fatalf("sync organizations: %v", err)
	}
}

// MustDeclarations returns the stored declarations of the patents, revoked ones
// included, oldest first.
func (s *UserService) MustDeclarations(tb testing.TB, ps ...*patentbridge.Patent) []*patentbridge.Declaration {
	tb.Helper()
	var out []*patentbridge.Declaration
	for _, p := range ps {
		ds, err := s.PatentDeclarations(context.Background(), p.AppNo)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, ds...)
	}
	slices.SortFunc(out, func(a, b *patentbridge.Declaration) int { return int(a.ID - b.ID) })
	return out
}

// MustAuditLines returns the store's audit entries, oldest first, one
// "actor action object after" line each.
func MustAuditLines(tb testing.TB, db *sqldb.DB) []string {
	tb.Helper()
	admin := patentbridge.WithUser(platform(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		out = append(out, fmt.Sprintf("%s %s %s %s", e.Actor, e.Action, e.Object, e.After))
	}
	return out
}
