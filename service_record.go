package patentbridge

import (
	"slices"
	"strings"
	"time"
)

// ServiceType is what a commissioner did for an enterprise.
type ServiceType string

// Service types, in the order of the service template's 服务类型 column.
const (
	ServiceDisclosure  ServiceType = "disclosure"  // 信息披露
	ServiceValuation   ServiceType = "valuation"   // 价值评估
	ServiceFiling      ServiceType = "filing"      // 专利申请与维护
	ServiceConversion  ServiceType = "conversion"  // 转化运用
	ServiceNegotiation ServiceType = "negotiation" // 对接谈判
)

// ServiceTypes lists every service type in display order.
var ServiceTypes = []ServiceType{ServiceDisclosure, ServiceValuation, ServiceFiling, ServiceConversion, ServiceNegotiation}

// Label returns the Chinese name of the service type.
func (s ServiceType) Label() string {
	switch s {
	case ServiceDisclosure:
		return "信息披露"
	case ServiceValuation:
		return "价值评估"
	case ServiceFiling:
		return "专利申请与维护"
	case ServiceConversion:
		return "转化运用"
	case ServiceNegotiation:
		return "对接谈判"
	}
	return string(s)
}

// ParseServiceType reads a service type by its Chinese name or its code. ok
// is false for anything else.
func ParseServiceType(s string) (ServiceType, bool) {
	s = strings.TrimSpace(s)
	for _, t := range ServiceTypes {
		if s == string(t) || s == t.Label() {
			return t, true
		}
	}
	return "", false
}

// ServiceOutcomeMax bounds a service record's 服务成效.
const ServiceOutcomeMax = 2000

// ServiceRecord is one service a commissioner rendered to an enterprise: on
// which day, of which type, with what outcome. It counts in the enterprise's
// 市(州) (the commissioner's when the enterprise is not in the registry).
type ServiceRecord struct {
	ID               int64       `json:"id"`
	CommissionerID   int64       `json:"commissioner_id"`
	CommissionerName string      `json:"commissioner"`              // resolves the commissioner when no id is given
	CommissionerOrg  string      `json:"commissioner_organization"` // tells commissioners of one name apart
	OrgID            int64       `json:"organization_id,omitempty"`
	OrgName          string      `json:"enterprise"`
	CreditCode       string      `json:"credit_code,omitempty"`
	City             string      `json:"city"`
	ServedOn         time.Time   `json:"-"` // API: served_on
	Type             ServiceType `json:"service_type"`
	Outcome          string      `json:"outcome"`
	CreatedBy        int64       `json:"created_by"`
	CreatedAt        time.Time   `json:"created_at"`
}

// Validate trims and checks a service record: a commissioner (id or name),
// the enterprise served, a service type, a day not after today and an
// outcome within its limit. Errors name the service template's columns (EINVALID).
func (r *ServiceRecord) Validate(today time.Time) error {
	r.CommissionerName, r.CommissionerOrg = strings.TrimSpace(r.CommissionerName), NormalizeOrgName(r.CommissionerOrg)
	r.OrgName, r.CreditCode, r.Outcome = NormalizeOrgName(r.OrgName), strings.TrimSpace(r.CreditCode), strings.TrimSpace(r.Outcome)
	switch {
	case r.CommissionerID == 0 && r.CommissionerName == "":
		return FieldErrorf("专员姓名", "请填写专员姓名")
	case r.OrgName == "" && r.CreditCode == "":
		return FieldErrorf("服务企业", "请填写服务企业")
	case !slices.Contains(ServiceTypes, r.Type):
		return FieldErrorf("服务类型", "服务类型 %q 无效：应为信息披露、价值评估、专利申请与维护、转化运用或对接谈判", ClipValue(string(r.Type)))
	case r.ServedOn.IsZero():
		return FieldErrorf("服务日期", "请填写服务日期")
	case DateOf(r.ServedOn).After(DateOf(today)):
		return FieldErrorf("服务日期", "服务日期 %s 晚于今天", FormatDate(r.ServedOn))
	}
	if err := CheckRecordFloor("服务日期", r.ServedOn); err != nil {
		return err
	}
	if r.CreditCode != "" {
		code, err := NormalizeCreditCode(r.CreditCode)
		if err != nil {
			return FieldErrorf("统一社会信用代码", "%s", ErrorMessage(err))
		}
		r.CreditCode = code
	}
	r.ServedOn = DateOf(r.ServedOn)
	if err := CheckText("专员姓名", "专员姓名", r.CommissionerName, PersonNameMax, false); err != nil {
		return err
	}
	if err := CheckText("专员所属机构", "专员所属机构", r.CommissionerOrg, OrgNameMax, false); err != nil {
		return err
	}
	if err := CheckText("服务企业", "服务企业", r.OrgName, OrgNameMax, false); err != nil {
		return err
	}
	return CheckText("服务成效", "服务成效", r.Outcome, ServiceOutcomeMax, true)
}

// ServiceFilter selects service records; zero fields do not filter.
type ServiceFilter struct {
	Year           int    // of the service day
	City           string // 4-digit 市(州)
	CommissionerID int64
	OrgID          int64
	Type           ServiceType
	Limit, Offset  int
}
