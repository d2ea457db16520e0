package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// outOfScope refuses a city user's act on a record of another city, naming
// field, the template column the city comes from. Returns EFORBIDDEN.
func outOfScope(u *patentbridge.User, city, what, field string) error {
	if c := patentbridge.ScopeCity(u); c != "" && city != c {
		return fieldError(patentbridge.EFORBIDDEN, field, "没有权限：市（州）管理员只能%s本市（州）的记录（所在地 %q）", what, city)
	}
	return nil
}

// orgByCodeOrName returns the registry's organization with the credit code,
// else the one with the name or alias, or nil when neither is registered.
func (tx *Tx) orgByCodeOrName(ctx context.Context, code, name string) (*patentbridge.Organization, error) {
	var id int64
	if code != "" {
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", code)).Scan(&id)
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("sqldb: organization by credit code: %w", err)
		}
	}
	if id == 0 && name != "" {
		var err error
		if id, err = resolveOrg(ctx, tx.db, tx.tx, name); err != nil {
			return nil, err
		}
	}
	if id == 0 {
		return nil, nil
	}
	return findOrg(ctx, tx.db, tx.tx, id)
}

// orgCity resolves a named organization (nil when unnamed or unregistered)
// and returns the record's city: the given one, else the organization's when
// it is one of Sichuan's 市(州) (patentbridge.SichuanCities), else "".
func (tx *Tx) orgCity(ctx context.Context, name, city string) (orgID int64, _ string, err error) {
	if name == "" {
		return 0, city, nil
	}
	o, err := tx.orgByCodeOrName(ctx, "", name)
	if err != nil || o == nil {
		return 0, city, err
	}
	if city == "" && patentbridge.SichuanCityName(o.CityCode) != "" {
		city = o.CityCode
	}
	return o.ID, city, nil
}

// The audit rows of filings, commissioners, services, outlets and managers
// carry their dates, which the domain types leave to the API's views.
type (
	filingAudit struct {
		*patentbridge.ProductFiling
		FiledOn string `json:"filed_on"`
	}
	commissionerAudit struct {
		*patentbridge.Commissioner
		RegisteredOn string `json:"registered_on"`
		LeftOn       string `json:"left_on"`
	}
	serviceAudit struct {
		*patentbridge.ServiceRecord
		ServedOn string `json:"served_on"`
	}
	outletAudit struct {
		*patentbridge.ServiceOutlet
		OpenedOn string `json:"opened_on"`
		ClosedOn string `json:"closed_on"`
	}
	techManagerAudit struct {
		*patentbridge.TechManager
		RegisteredOn string `json:"registered_on"`
	}
)

func auditCommissioner(c *patentbridge.Commissioner) commissionerAudit {
	return commissionerAudit{c, patentbridge.FormatDate(c.RegisteredOn), patentbridge.FormatDate(c.LeftOn)}
}

func auditOutlet(o *patentbridge.ServiceOutlet) outletAudit {
	return outletAudit{o, patentbridge.FormatDate(o.OpenedOn), patentbridge.FormatDate(o.ClosedOn)}
}
