package patentbridge

import (
	"context"
	"slices"
	"strings"
	"time"
)

// EventKind is the form of a matching event (对接活动).
type EventKind string

// Event kinds, in the order of the event template's 活动类型 column.
const (
	EventRoadshow   EventKind = "roadshow"    // 路演
	EventFair       EventKind = "fair"        // 对接会
	EventParkVisit  EventKind = "park_visit"  // 入园惠企
	EventCampusShow EventKind = "campus_show" // 高校专利展示
)

// EventKinds lists every event kind in display order.
var EventKinds = []EventKind{EventRoadshow, EventFair, EventParkVisit, EventCampusShow}

// Label returns the Chinese name of the kind.
func (k EventKind) Label() string {
	switch k {
	case EventRoadshow:
		return "路演"
	case EventFair:
		return "对接会"
	case EventParkVisit:
		return "入园惠企"
	case EventCampusShow:
		return "高校专利展示"
	}
	return string(k)
}

// ParseEventKind reads a kind by its Chinese name or its code; ok is false for anything else.
func ParseEventKind(s string) (EventKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range EventKinds {
		if s == string(k) || s == k.Label() {
			return k, true
		}
	}
	return "", false
}

// EventProject is one project presented at an event: its title, the patent's
// application number when it is one, and the presenting organization
// (resolved to the registry when it knows the name).
type EventProject struct {
	ID      int64  `json:"id"`
	EventID int64  `json:"event_id"`
	Title   string `json:"title"`
	AppNo   string `json:"app_no,omitempty"`
	OrgName string `json:"organization,omitempty"`
	OrgID   int64  `json:"organization_id,omitempty"`
}

// Validate trims and checks a project; errors name the event template's columns (EINVALID).
func (p *EventProject) Validate() error {
	p.OrgName = NormalizeOrgName(p.OrgName)
	if p.Title = strings.TrimSpace(p.Title); p.Title == "" {
		return FieldErrorf("项目名称", "请填写项目名称")
	}
	if err := CheckText("项目名称", "项目名称", p.Title, MaxTitle, false); err != nil { // a patent's title may be the project's
		return err
	}
	if p.AppNo = strings.TrimSpace(p.AppNo); p.AppNo != "" {
		no, _, err := NormalizeAppNo(p.AppNo)
		if err != nil {
			return FieldErrorf("申请号", "申请号 %q 无效", ClipValue(p.AppNo))
		}
		p.AppNo = no
	}
	return CheckText("项目单位", "项目单位", p.OrgName, DealNameMax, false)
}

// SameAs reports whether two projects are one: the same application number
// when both have one, else the same title.
func (p *EventProject) SameAs(o *EventProject) bool {
	if p.AppNo != "" && o.AppNo != "" {
		return p.AppNo == o.AppNo
	}
	return p.Title == o.Title
}

// Event is one matching event (路演, 对接会, 入园惠企, 高校专利展示) held in a
// 市(州): its organizer (resolved to the registry, whose type makes it an event
// of a university, institute or SOE), the participants, the projects presented
// and the deals that followed (DESIGN §3.10).
type Event struct {
	ID            int64           `json:"id"`
	Kind          EventKind       `json:"kind"`
	Title         string          `json:"title"`
	City          string          `json:"city"`
	HeldOn        time.Time       `json:"-"` // API: held_on
	Organizer     string          `json:"organizer"`
	OrganizerID   int64           `json:"organizer_id,omitempty"`
	OrganizerType PartyType       `json:"organizer_type"` // the registry's type, else classified from the name
	Participants  int             `json:"participants"`
	Projects      []*EventProject `json:"projects"`
	DealIDs       []int64         `json:"deal_ids"`
	CreatedBy     int64           `json:"created_by"`
	CreatedAt     time.Time       `json:"created_at"`
}

// Validate trims and checks an event and its projects: a kind, a title, a
// Sichuan 市(州) (4 or 6 digits, stored as 4), a date not after today, an organizer, participants within
// range. Errors name the event template's columns (EINVALID).
func (e *Event) Validate(today time.Time) error {
	e.Organizer = NormalizeOrgName(e.Organizer)
	if !slices.Contains(EventKinds, e.Kind) {
		return FieldErrorf("活动类型", "活动类型 %q 无效：应为路演、对接会、入园惠企或高校专利展示", ClipValue(string(e.Kind)))
	}
	if err := checkTitle("活动名称", &e.Title); err != nil {
		return err
	}
	if err := checkCityCode("地区代码", &e.City, false); err != nil {
		return err
	}
	var err error
	if e.HeldOn, err = checkRecordDate("活动日期", e.HeldOn, today); err != nil {
		return err
	}
	if e.Organizer == "" {
		return FieldErrorf("主办单位", "请填写主办单位")
	}
	if err := CheckText("主办单位", "主办单位", e.Organizer, DealNameMax, false); err != nil {
		return err
	}
	if e.Participants < 0 || e.Participants > EventParticipantsMax {
		return FieldErrorf("参与人数", "参与人数应在 0 至 %d 之间", EventParticipantsMax)
	}
	if len(e.Projects) > EventProjectsMax {
		return FieldErrorf("项目名称", "一场活动最多登记 %d 个项目", EventProjectsMax)
	}
	for _, p := range e.Projects {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// CheckFollowingDeal refuses a deal whose contract predates the event: a deal
// linked to an event followed it. Errors name 关联交易编号 (EINVALID).
func (e *Event) CheckFollowingDeal(dealID int64, contractDate time.Time) error {
	if DateOf(contractDate).Before(DateOf(e.HeldOn)) {
		return FieldErrorf("关联交易编号", "交易 %d 的合同日期 %s 早于活动日期 %s，不能作为活动后达成的交易",
			dealID, FormatDate(contractDate), FormatDate(e.HeldOn))
	}
	return nil
}

// ByInstitution reports whether a university, research institute or SOE
// organized the event: such events held for SMEs are one of the KPIs.
func (e *Event) ByInstitution() bool {
	return e.OrganizerType.IsInstitution() || e.OrganizerType == PartySOE
}

// EventRecorded is what recording one row of an event file did.
type EventRecorded int

// What RecordEventProject did.
const (
	EventCreated      EventRecorded = iota // a new event with the row's project
	EventProjectAdded                      // the project added to the event already stored
	EventProjectKnown                      // the event already has the project: nothing written
)

// EventService keeps matching events. Acts are the admin's and the city
// users' (for events held in their city), each audited.
type EventService interface {
	// CreateEvent validates and stores an event with its projects, resolving
	// its organizer and the projects' organizations. Returns EINVALID,
	// ECONFLICT (an event of the same title and date), EUNAUTHORIZED, EFORBIDDEN.
	CreateEvent(ctx context.Context, e *Event) error
	// RecordEventProject stores e with its one project, or, when an event of
	// the same title and date is stored, adds the project to it (unless the
	// event has it already); the row's other columns must agree with the
	// stored event. Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	RecordEventProject(ctx context.Context, e *Event) (EventRecorded, error)
	// AddEventProject adds a project to an event. Returns EINVALID, ENOTFOUND,
	// ECONFLICT (presented already), EUNAUTHORIZED, EFORBIDDEN.
	AddEventProject(ctx context.Context, eventID int64, p *EventProject) error
	// LinkEventDeal records that a deal followed the event (its contract not
	// before the event). Returns EINVALID, ENOTFOUND (no such event or deal),
	// ECONFLICT (linked already), EUNAUTHORIZED, EFORBIDDEN.
	LinkEventDeal(ctx context.Context, eventID, dealID int64) error
	// UnlinkEventDeal removes a deal from the event. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	UnlinkEventDeal(ctx context.Context, eventID, dealID int64) error
	// FindEvent returns an event with its projects and deals. Returns ENOTFOUND.
	FindEvent(ctx context.Context, id int64) (*Event, error)
	// ListEvents returns one page of events, latest first, and the total. Returns EINVALID.
	ListEvents(ctx context.Context, f ProgrammeFilter) ([]*Event, int, error)
}
