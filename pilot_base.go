package patentbridge

import (
	"context"
	"time"
)

// PilotBase is one 中试熟化基地 (pilot and maturation base): its name, the
// organization running it (resolved to the registry when it knows the name),
// its 市(州) and the date it was established (DESIGN §3.10).
type PilotBase struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	OrgName       string    `json:"organization"`
	OrgID         int64     `json:"organization_id,omitempty"`
	City          string    `json:"city"`
	EstablishedOn time.Time `json:"-"` // API: established_on
	CreatedBy     int64     `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// Validate trims and checks a base; errors name the template's columns (EINVALID).
func (b *PilotBase) Validate(today time.Time) error {
	b.OrgName = NormalizeOrgName(b.OrgName)
	if err := checkTitle("基地名称", &b.Name); err != nil {
		return err
	}
	if err := checkTitle("依托单位", &b.OrgName); err != nil {
		return err
	}
	if err := checkCityCode("地区代码", &b.City, false); err != nil {
		return err
	}
	var err error
	b.EstablishedOn, err = checkRecordDate("成立日期", b.EstablishedOn, today)
	return err
}

// PilotBaseService keeps pilot bases; writes are the admin's and the city
// users' (bases in their city), each audited.
type PilotBaseService interface {
	// CreatePilotBase validates and stores a base. Returns EINVALID, ECONFLICT
	// (a base of that name, b.ID set to it), EUNAUTHORIZED, EFORBIDDEN.
	CreatePilotBase(ctx context.Context, b *PilotBase) error
	// FindPilotBase returns a base. Returns ENOTFOUND.
	FindPilotBase(ctx context.Context, id int64) (*PilotBase, error)
	// ListPilotBases returns one page of bases, latest first, and the total. Returns EINVALID.
	ListPilotBases(ctx context.Context, f ProgrammeFilter) ([]*PilotBase, int, error)
}
