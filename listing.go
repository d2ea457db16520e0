package patentbridge

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ListingStage is where an enterprise stands in the 科创板 pipeline.
type ListingStage string

// Pipeline stages, in order.
const (
	ListingScreened ListingStage = "screened" // 入库培育
	ListingFollowed ListingStage = "followed" // 重点跟踪
	ListingListed   ListingStage = "listed"   // 成功上市
)

// ListingStages lists the stages in order.
var ListingStages = []ListingStage{ListingScreened, ListingFollowed, ListingListed}

// ListingMoves is the one table of the pipeline's allowed moves: only
// forward, one stage at a time.
var ListingMoves = map[ListingStage]ListingStage{
	ListingScreened: ListingFollowed,
	ListingFollowed: ListingListed,
}

// Label returns the Chinese name of the stage.
func (s ListingStage) Label() string {
	switch s {
	case ListingScreened:
		return "入库培育"
	case ListingFollowed:
		return "重点跟踪"
	case ListingListed:
		return "成功上市"
	}
	return string(s)
}

// ParseListingStage reads a stage by its Chinese name or its code.
func ParseListingStage(s string) (ListingStage, bool) {
	s = strings.TrimSpace(s)
	for _, st := range ListingStages {
		if s == string(st) || s == st.Label() {
			return st, true
		}
	}
	return "", false
}

// ListingCandidate is one enterprise of the 科创板 pipeline: the organization
// (of the registry), its 市(州), its stage and the date it reached each
// stage (DESIGN §3.10: 200 screened, 30 followed, 20 listed).
type ListingCandidate struct {
	ID         int64        `json:"id"`
	OrgID      int64        `json:"organization_id"`
	OrgName    string       `json:"organization"`
	City       string       `json:"city"`
	Stage      ListingStage `json:"stage"`
	ScreenedOn time.Time    `json:"-"` // API: screened_on
	FollowedOn time.Time    `json:"-"` // API: followed_on, "" before
	ListedOn   time.Time    `json:"-"` // API: listed_on, "" before
	CreatedBy  int64        `json:"created_by"`
	CreatedAt  time.Time    `json:"created_at"`
}

// Validate checks a new candidate: an enterprise named, a city when given
// (else the registry's), a screening date not after today. Errors name the
// template's columns (EINVALID).
func (c *ListingCandidate) Validate(today time.Time) error {
	c.OrgName = NormalizeOrgName(c.OrgName)
	if err := checkTitle("企业名称", &c.OrgName); err != nil {
		return err
	}
	if err := checkCityCode("地区代码", &c.City, true); err != nil {
		return err
	}
	var err error
	c.ScreenedOn, err = checkRecordDate("入库日期", c.ScreenedOn, today)
	c.Stage, c.FollowedOn, c.ListedOn = ListingScreened, time.Time{}, time.Time{}
	return err
}

// ListingEligible reports whether an organization of type t may enter the
// 科创板 pipeline: an enterprise (企业 or 国有企业), never a university,
// institute, hospital, office or person.
func ListingEligible(t PartyType) bool { return t == PartyEnterprise || t == PartySOE }

// Advance moves the candidate to stage to on the day, by ListingMoves: a
// move the table does not allow, or a day before the current stage's or
// after today, is refused (EINVALID, ECONFLICT for a stage reached already).
func (c *ListingCandidate) Advance(to ListingStage, on, today time.Time) error {
	if !slices.Contains(ListingStages, to) {
		return FieldErrorf("stage", "阶段 %q 无效：应为重点跟踪或成功上市", ClipValue(string(to)))
	}
	if slices.Index(ListingStages, to) <= slices.Index(ListingStages, c.Stage) {
		return Errorf(ECONFLICT, "%s 已处于“%s”阶段，不能退回或重复进入“%s”", c.OrgName, c.Stage.Label(), to.Label())
	}
	if ListingMoves[c.Stage] != to {
		return FieldErrorf("stage", "%s 处于“%s”阶段，只能进入下一阶段“%s”", c.OrgName, c.Stage.Label(), ListingMoves[c.Stage].Label())
	}
	field := map[ListingStage]string{ListingFollowed: "跟踪日期", ListingListed: "上市日期"}[to]
	on, err := checkRecordDate(field, on, today)
	if err != nil {
		return err
	}
	if prev := c.StageDate(c.Stage); on.Before(prev) {
		return FieldErrorf(field, "%s %s 早于进入“%s”的日期 %s", field, FormatDate(on), c.Stage.Label(), FormatDate(prev))
	}
	c.Stage = to
	if to == ListingFollowed {
		c.FollowedOn = on
	} else {
		c.ListedOn = on
	}
	return nil
}

// StageDate returns the day the candidate reached the stage, zero when it has not.
func (c *ListingCandidate) StageDate(s ListingStage) time.Time {
	switch s {
	case ListingScreened:
		return c.ScreenedOn
	case ListingFollowed:
		return c.FollowedOn
	case ListingListed:
		return c.ListedOn
	}
	return time.Time{}
}

// ListingService keeps the 科创板 pipeline; acts are the admin's and the city
// users' (enterprises of their city), each audited.
type ListingService interface {
	// CreateListingCandidate screens an enterprise of the registry into the
	// pipeline. Returns EINVALID, ENOTFOUND (not in the registry), ECONFLICT
	// (in the pipeline already, c.ID set to it), EUNAUTHORIZED, EFORBIDDEN.
	CreateListingCandidate(ctx context.Context, c *ListingCandidate) error
	// AdvanceListing moves a candidate to the next stage on the day
	// (ListingMoves). Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	AdvanceListing(ctx context.Context, id int64, to ListingStage, on time.Time) (*ListingCandidate, error)
	// FindListingCandidate returns a candidate. Returns ENOTFOUND.
	FindListingCandidate(ctx context.Context, id int64) (*ListingCandidate, error)
	// ListListingCandidates returns one page of candidates and the total
	// (filter Kind: a stage; Year: of the screening). Returns EINVALID.
	ListListingCandidates(ctx context.Context, f ProgrammeFilter) ([]*ListingCandidate, int, error)
}
