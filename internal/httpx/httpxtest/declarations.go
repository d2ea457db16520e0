package httpxtest

import (
	"context"
	"sort"
	"sync"

	"patentbridge"
)

// DeclarationService is an in-memory patentbridge.DeclarationService; with
// Patents set, declarations and ratings of unknown patents return ENOTFOUND.
type DeclarationService struct {
	Patents *PatentService

	mu      sync.Mutex
	decls   []*patentbridge.Declaration
	ratings []*patentbridge.Rating
	lastID  int64 // of ratings
}

// CreateDeclaration validates and stores a copy of the declaration and sets its ID.
func (s *DeclarationService) CreateDeclaration(ctx context.Context, d *patentbridge.Declaration) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if err := s.exists(ctx, d.AppNo); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d.ID, d.CreatedAt = int64(len(s.decls)+1), patentbridge.Now()
	c := *d
	s.decls = append(s.decls, &c)
	return nil
}

func (s *DeclarationService) exists(ctx context.Context, appNo string) error {
	if s.Patents == nil {
		return nil
	}
	_, err := s.Patents.FindPatent(ctx, appNo)
	return err
}

// RevokeDeclaration marks a declaration revoked; ENOTFOUND when unknown or revoked.
func (s *DeclarationService) RevokeDeclaration(ctx context.Context, id int64, userID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id < 1 || id > int64(len(s.decls)) || !s.decls[id-1].RevokedAt.IsZero() {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "声明 %d 不存在或已撤销", id)
	}
	s.decls[id-1].RevokedAt = patentbridge.Now()
	return nil
}

// PatentDeclarations returns copies of a patent's declarations, newest first.
func (s *DeclarationService) PatentDeclarations(ctx context.Context, appNo string) ([]*patentbridge.Declaration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*patentbridge.Declaration
	for i := len(s.decls) - 1; i >= 0; i-- {
		if s.decls[i].AppNo == appNo {
			c := *s.decls[i]
			out = append(out, &c)
		}
	}
	return out, nil
}

// Declarations returns copies of every stored declaration in creation order.
func (s *DeclarationService) Declarations() []*patentbridge.Declaration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*patentbridge.Declaration
	for _, d := range s.decls {
		c := *d
		out = append(out, &c)
	}
	return out
}

// CreateRating stores a rating, replacing the user's earlier one on the patent.
func (s *DeclarationService) CreateRating(ctx context.Context, r *patentbridge.Rating) error {
	for _, v := range []int{r.Prospect, r.Improvement, r.Cooperation} {
		if v < 1 || v > 5 {
			return patentbridge.FieldErrorf("prospect", "评分应为 1 到 5")
		}
	}
	if err := s.exists(ctx, r.AppNo); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastID++
	r.ID, r.CreatedAt = s.lastID, patentbridge.Now()
	c := *r
	kept := s.ratings[:0]
	for _, x := range s.ratings {
		if x.AppNo != r.AppNo || x.UserID != r.UserID {
			kept = append(kept, x)
		}
	}
	s.ratings = append(kept, &c)
	return nil
}

// PatentRatings returns copies of a patent's ratings, newest first.
func (s *DeclarationService) PatentRatings(ctx context.Context, appNo string) ([]*patentbridge.Rating, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*patentbridge.Rating
	for _, r := range s.ratings {
		if r.AppNo == appNo {
			c := *r
			out = append(out, &c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}
