package patentbridge

import (
	"context"
	"strings"
	"time"
)

// OutletKind tells a service agency (服务机构) from an outlet (网点).
type OutletKind string

// Outlet kinds.
const (
	OutletAgency OutletKind = "agency" // 服务机构
	OutletPoint  OutletKind = "outlet" // 网点
)

// Label returns the Chinese name of the kind.
func (k OutletKind) Label() string {
	switch k {
	case OutletAgency:
		return "服务机构"
	case OutletPoint:
		return "网点"
	}
	return string(k)
}

// ParseOutletKind reads a kind by its Chinese name or its code. ok is false
// for anything else.
func ParseOutletKind(s string) (OutletKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range []OutletKind{OutletAgency, OutletPoint} {
		if s == string(k) || s == k.Label() {
			return k, true
		}
	}
	return "", false
}

// ServiceOutlet is a service agency or an outlet (网点) of the programme in a
// 市(州), open from one day until the day it closed.
type ServiceOutlet struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Kind      OutletKind `json:"kind"`
	OrgID     int64      `json:"organization_id,omitempty"`
	OrgName   string     `json:"organization"`
	City      string     `json:"city"` // the organization's when not given
	OpenedOn  time.Time  `json:"-"`    // API: opened_on
	ClosedOn  time.Time  `json:"-"`    // zero while open; API: closed_on
	CreatedBy int64      `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
}

// Validate trims and checks an outlet: a name, a kind, a Sichuan 市(州)
// when given (4 or 6 digits, stored as 4), an opening day not after today and a closing day not before
// it. Errors name the outlet template's columns (EINVALID).
func (o *ServiceOutlet) Validate(today time.Time) error {
	o.Name, o.OrgName = strings.TrimSpace(o.Name), NormalizeOrgName(o.OrgName)
	if err := checkCityCode("所在市(州)", &o.City, true); err != nil {
		return err
	}
	switch {
	case o.Name == "":
		return FieldErrorf("名称", "请填写服务机构或网点名称")
	case o.Kind != OutletAgency && o.Kind != OutletPoint:
		return FieldErrorf("类型", "类型 %q 无效：应为服务机构或网点", ClipValue(string(o.Kind)))
	case o.OpenedOn.IsZero():
		return FieldErrorf("设立日期", "请填写设立日期")
	case DateOf(o.OpenedOn).After(DateOf(today)):
		return FieldErrorf("设立日期", "设立日期 %s 晚于今天", FormatDate(o.OpenedOn))
	case !o.ClosedOn.IsZero() && DateOf(o.ClosedOn).Before(DateOf(o.OpenedOn)):
		return FieldErrorf("撤销日期", "撤销日期 %s 早于设立日期", FormatDate(o.ClosedOn))
	case !o.ClosedOn.IsZero() && DateOf(o.ClosedOn).After(DateOf(today)):
		return FieldErrorf("撤销日期", "撤销日期 %s 晚于今天", FormatDate(o.ClosedOn))
	}
	if err := CheckRecordFloor("设立日期", o.OpenedOn); err != nil {
		return err
	}
	o.OpenedOn = DateOf(o.OpenedOn)
	if !o.ClosedOn.IsZero() {
		o.ClosedOn = DateOf(o.ClosedOn)
	}
	if err := CheckText("名称", "名称", o.Name, OrgNameMax, false); err != nil {
		return err
	}
	return CheckText("依托单位", "依托单位", o.OrgName, OrgNameMax, false)
}

// Close records the day the agency or outlet closed, validated as Validate
// does: a closing is recorded once (another day is ECONFLICT naming the
// stored one; the same day again changes nothing, changed false). Errors
// name 撤销日期. Returns EINVALID, ECONFLICT.
func (o *ServiceOutlet) Close(day, today time.Time) (changed bool, err error) {
	if day.IsZero() {
		return false, FieldErrorf("撤销日期", "请填写撤销日期")
	}
	day = DateOf(day)
	if !o.ClosedOn.IsZero() {
		if DateOf(o.ClosedOn).Equal(day) {
			return false, nil
		}
		e := Errorf(ECONFLICT, "该%s已于 %s 撤销，不能改为 %s", o.Kind.Label(), FormatDate(o.ClosedOn), FormatDate(day))
		e.Field = "撤销日期"
		return false, e
	}
	after := *o
	after.ClosedOn = day
	if err := after.Validate(today); err != nil {
		return false, err
	}
	*o = after
	return true, nil
}

// OutletFilter selects outlets; zero fields do not filter.
type OutletFilter struct {
	Year          int // opened in the year
	City          string
	Kind          OutletKind
	Open          bool // only those not closed
	Limit, Offset int
}

// TechManager is a 技术经理人 registered in a 市(州).
type TechManager struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	OrgID        int64     `json:"organization_id,omitempty"`
	OrgName      string    `json:"organization"`
	City         string    `json:"city"` // the organization's when not given
	RegisteredOn time.Time `json:"-"`    // API: registered_on
	CreatedBy    int64     `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate trims and checks a technology manager: a name, a Sichuan 市(州)
// when given (4 or 6 digits, stored as 4) and a registration date not after today (EINVALID).
func (m *TechManager) Validate(today time.Time) error {
	m.Name, m.OrgName = strings.TrimSpace(m.Name), NormalizeOrgName(m.OrgName)
	if err := checkCityCode("所在市(州)", &m.City, true); err != nil {
		return err
	}
	switch {
	case m.Name == "":
		return FieldErrorf("姓名", "请填写技术经理人姓名")
	case m.RegisteredOn.IsZero():
		return FieldErrorf("登记日期", "请填写登记日期")
	case DateOf(m.RegisteredOn).After(DateOf(today)):
		return FieldErrorf("登记日期", "登记日期 %s 晚于今天", FormatDate(m.RegisteredOn))
	}
	if err := CheckRecordFloor("登记日期", m.RegisteredOn); err != nil {
		return err
	}
	m.RegisteredOn = DateOf(m.RegisteredOn)
	if err := CheckText("姓名", "姓名", m.Name, PersonNameMax, false); err != nil {
		return err
	}
	return CheckText("所属机构", "所属机构", m.OrgName, OrgNameMax, false)
}

// TechManagerFilter selects technology managers; zero fields do not filter.
type TechManagerFilter struct {
	Year          int // registered in the year
	City          string
	OrgID         int64
	Limit, Offset int
}

// OutletService keeps service agencies, outlets (网点) and technology
// managers (技术经理人). Writes are the admin's and city users' (for their
// city), audited; city users read only their city's.
type OutletService interface {
	// CreateOutlet validates and stores an agency or outlet; its organization
	// resolves to the registry when named, and gives the city when none is.
	// One of the same name open in the city, or the same one (its opening
	// day) closed since, is refused with o.ID set to it.
	// Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	CreateOutlet(ctx context.Context, o *ServiceOutlet) error
	// CloseOutlet records the day an agency or outlet closed, once (the same
	// day again changes nothing), not before it opened nor after today.
	// Returns EINVALID, ECONFLICT, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	CloseOutlet(ctx context.Context, id int64, day time.Time) (*ServiceOutlet, error)
	// FindOutlet returns an agency or outlet. Returns ENOTFOUND.
	FindOutlet(ctx context.Context, id int64) (*ServiceOutlet, error)
	// ListOutlets returns one page of outlets, latest opened first, and the total. Returns EINVALID.
	ListOutlets(ctx context.Context, f OutletFilter) ([]*ServiceOutlet, int, error)
	// CreateTechManager validates and registers a technology manager; the
	// same name in the same organization and city is refused with m.ID set to
	// the stored one. Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	CreateTechManager(ctx context.Context, m *TechManager) error
	// ListTechManagers returns one page of technology managers, latest
	// registered first, and the total. Returns EINVALID.
	ListTechManagers(ctx context.Context, f TechManagerFilter) ([]*TechManager, int, error)
}
