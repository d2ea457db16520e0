package patentbridge

import (
	"context"
	"strings"
	"time"
)

// Commissioner limits.
const (
	PersonNameMax = 50
	OrgNameMax    = 200
)

// Commissioner is a 知识产权专员: a person of an organization serving the
// enterprises of a 市(州) from a registration date until the day it left. An
// account (an agency user) may be linked so the commissioner records its own
// services.
type Commissioner struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	OrgID        int64     `json:"organization_id,omitempty"`
	OrgName      string    `json:"organization"`
	City         string    `json:"city"` // 4-digit 市(州); the organization's when not given
	RegisteredOn time.Time `json:"-"`    // API: registered_on
	LeftOn       time.Time `json:"-"`    // zero while serving; API: left_on
	UserID       int64     `json:"user_id,omitempty"`
	CreatedBy    int64     `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate trims and checks a commissioner: a name, a Sichuan 市(州) when given
// (4 or 6 digits, stored as 4), a registration date not after today and a left date not before
// it. Errors name the commissioner template's columns (EINVALID).
func (c *Commissioner) Validate(today time.Time) error {
	c.Name, c.OrgName = strings.TrimSpace(c.Name), NormalizeOrgName(c.OrgName)
	if err := checkCityCode("所在市(州)", &c.City, true); err != nil {
		return err
	}
	switch {
	case c.Name == "":
		return FieldErrorf("专员姓名", "请填写专员姓名")
	case c.RegisteredOn.IsZero():
		return FieldErrorf("登记日期", "请填写登记日期")
	case DateOf(c.RegisteredOn).After(DateOf(today)):
		return FieldErrorf("登记日期", "登记日期 %s 晚于今天", FormatDate(c.RegisteredOn))
	case !c.LeftOn.IsZero() && DateOf(c.LeftOn).Before(DateOf(c.RegisteredOn)):
		return FieldErrorf("离任日期", "离任日期 %s 早于登记日期", FormatDate(c.LeftOn))
	case !c.LeftOn.IsZero() && DateOf(c.LeftOn).After(DateOf(today)):
		return FieldErrorf("离任日期", "离任日期 %s 晚于今天", FormatDate(c.LeftOn))
	}
	if err := CheckRecordFloor("登记日期", c.RegisteredOn); err != nil {
		return err
	}
	c.RegisteredOn = DateOf(c.RegisteredOn)
	if !c.LeftOn.IsZero() {
		c.LeftOn = DateOf(c.LeftOn)
	}
	if err := CheckText("专员姓名", "专员姓名", c.Name, PersonNameMax, false); err != nil {
		return err
	}
	return CheckText("所属机构", "所属机构", c.OrgName, OrgNameMax, false)
}

// Leave records the day the commissioner left, validated as Validate does: a
// leave is recorded once (another day is ECONFLICT naming the stored one; the
// same day again changes nothing, changed false), and not before
// lastServed, the day of its latest stored service (zero when none).
// Errors name 离任日期. Returns EINVALID, ECONFLICT.
func (c *Commissioner) Leave(day, lastServed, today time.Time) (changed bool, err error) {
	if day.IsZero() {
		return false, FieldErrorf("离任日期", "请填写离任日期")
	}
	day = DateOf(day)
	if !c.LeftOn.IsZero() {
		if DateOf(c.LeftOn).Equal(day) {
			return false, nil
		}
		e := Errorf(ECONFLICT, "该专员已于 %s 离任，不能改为 %s", FormatDate(c.LeftOn), FormatDate(day))
		e.Field = "离任日期"
		return false, e
	}
	if !lastServed.IsZero() && day.Before(DateOf(lastServed)) {
		return false, FieldErrorf("离任日期", "离任日期 %s 早于该专员最近一次服务日期 %s", FormatDate(day), FormatDate(lastServed))
	}
	after := *c
	after.LeftOn = day
	if err := after.Validate(today); err != nil {
		return false, err
	}
	*c = after
	return true, nil
}

// ServingOn reports whether the commissioner served on the day.
func (c *Commissioner) ServingOn(day time.Time) bool {
	d := DateOf(day)
	return !d.Before(c.RegisteredOn) && (c.LeftOn.IsZero() || !d.After(c.LeftOn))
}

// CommissionerFilter selects commissioners; zero fields do not filter.
type CommissionerFilter struct {
	Year          int    // registered in the year
	City          string // 4-digit 市(州)
	OrgID         int64
	Name          string // exact
	Serving       bool   // only those who have not left
	Limit, Offset int
}

// CommissionerService keeps the 知识产权专员 and the services they record.
// Every act is authorized against the signed-in user of ctx and audited: the
// admin and city users (for their city) register commissioners and record
// services; an agency user linked to a commissioner records that
// commissioner's services.
type CommissionerService interface {
	// CreateCommissioner validates and registers a commissioner; the same
	// name in the same organization and city, still serving or registered the
	// same day, is refused with c.ID set to the stored one. Returns EINVALID, ECONFLICT, ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	CreateCommissioner(ctx context.Context, c *Commissioner) error
	// LeaveCommissioner records the day a commissioner left, once (the same
	// day again changes nothing), not before its registration or its latest
	// service nor after today. Returns EINVALID, ECONFLICT, ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	LeaveCommissioner(ctx context.Context, id int64, day time.Time) (*Commissioner, error)
	// FindCommissioner returns a commissioner. Returns ENOTFOUND.
	FindCommissioner(ctx context.Context, id int64) (*Commissioner, error)
	// ListCommissioners returns one page of commissioners, latest registered
	// first, and the total. Returns EINVALID.
	ListCommissioners(ctx context.Context, f CommissionerFilter) ([]*Commissioner, int, error)
	// RecordService validates and stores a service a commissioner rendered
	// (the commissioner by id, else by name and organization), resolving the
	// enterprise served to the registry (credit code, else name). The same
	// service recorded again (commissioner, enterprise, day, type) is refused
	// with r.ID set to the stored one. Returns EINVALID, ECONFLICT, ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	RecordService(ctx context.Context, r *ServiceRecord) error
	// FindServiceRecord returns a service record. Returns ENOTFOUND.
	FindServiceRecord(ctx context.Context, id int64) (*ServiceRecord, error)
	// ListServiceRecords returns one page of service records, latest first,
	// and the total. Returns EINVALID.
	ListServiceRecords(ctx context.Context, f ServiceFilter) ([]*ServiceRecord, int, error)
}
