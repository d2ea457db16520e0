package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"patentbridge"
)

// programmeRecorder admits the platform, the admin and city users to the
// programme records (events, cases, pilot bases, the 科创板 pipeline).
// Returns EUNAUTHORIZED, EFORBIDDEN.
func programmeRecorder(ctx context.Context, what string) (*patentbridge.User, error) {
	if patentbridge.IsPlatform(ctx) {
		return nil, nil
	}
	u := patentbridge.UserFrom(ctx)
	return u, patentbridge.CityManager(u, what)
}

// storedRef names a stored record in a conflict message: its number when the
// user may open it, else only that another 市(州) registered it, so that a
// refusal discloses no other city's record.
func storedRef(u *patentbridge.User, city string, id int64) string {
	if c := patentbridge.ScopeCity(u); c != "" && c != city {
		return "由其他市（州）登记"
	}
	return "编号 " + strconv.FormatInt(id, 10)
}

// refuseOtherCity keeps a city user to records of its city. Returns EFORBIDDEN.
func refuseOtherCity(u *patentbridge.User, city, what string) error {
	if c := patentbridge.ScopeCity(u); c != "" && city != c {
		return fieldError(patentbridge.EFORBIDDEN, "地区代码", "没有权限：市（州）管理员只能登记本市（州）的%s（本条记录的地区为 %q）", what, city)
	}
	return nil
}

// userID is the id of the acting user, 0 for the platform.
func userID(u *patentbridge.User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

// checkLinkedDeal refuses a deal id that names no stored deal (ENOTFOUND) and,
// for a city user, a deal received in another city (EFORBIDDEN); both name
// the templates' 关联交易编号 column.
func (tx *Tx) checkLinkedDeal(ctx context.Context, u *patentbridge.User, dealID int64) error {
	var city string
	err := tx.queryRow(ctx, tx.q().add("SELECT to_city FROM deals WHERE id = ?", dealID)).Scan(&city)
	if isNoRows(err) {
		return fieldError(patentbridge.ENOTFOUND, "关联交易编号", "交易 %d 不存在，请先登记该交易", dealID)
	} else if err != nil {
		return fmt.Errorf("sqldb: deal %d: %w", dealID, err)
	}
	if c := patentbridge.ScopeCity(u); c != "" && city != c {
		return &patentbridge.Error{Code: patentbridge.EFORBIDDEN, Field: "关联交易编号",
			Message: fmt.Sprintf("没有权限：交易 %d 的受让方不在本市（州），市（州）管理员只能关联本市（州）的交易", dealID)}
	}
	return nil
}

// resolveOrgType resolves an organization name to the registry and returns
// its id (0 when unknown) and its type: the registry's, else classified from
// the name (DESIGN §3.2).
func (tx *Tx) resolveOrgType(ctx context.Context, name string) (int64, patentbridge.PartyType, error) {
	id, err := resolveOrg(ctx, tx.db, tx.tx, name)
	if err != nil || id == 0 {
		return 0, patentbridge.ClassifyParty(name, ""), err
	}
	o, err := findOrg(ctx, tx.db, tx.tx, id)
	if err != nil {
		return 0, "", err
	}
	return id, o.Type, nil
}

// yearRange adds "AND column in year" to q when year is set.
func yearRange(q *query, column string, year int) *query {
	if year != 0 {
		q.add(" AND "+column+" >= ? AND "+column+" <= ?", fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	}
	return q
}

// objectName names a record in the audit log, e.g. "event:12".
func objectName(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// eachID reads one column of int64 ids from q.
func eachID(ctx context.Context, qr queryer, q *query, fn func(owner, id int64)) error {
	return eachRow(ctx, qr, q, func(s scanner) error {
		var owner, id int64
		if err := s.Scan(&owner, &id); err != nil {
			return err
		}
		fn(owner, id)
		return nil
	})
}

// fieldError is an error of the code naming a template column.
func fieldError(code, field, format string, args ...any) error {
	return &patentbridge.Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// The audit rows of the programme records carry their dates, which the
// domain types leave to the API's views.
type (
	eventAudit struct {
		*patentbridge.Event
		HeldOn string `json:"held_on"`
	}
	caseAudit struct {
		*patentbridge.TypicalCase
		PublishedOn string `json:"published_on"`
	}
	pilotBaseAudit struct {
		*patentbridge.PilotBase
		EstablishedOn string `json:"established_on"`
	}
	listingAudit struct {
		*patentbridge.ListingCandidate
		ScreenedOn string `json:"screened_on"`
		FollowedOn string `json:"followed_on"`
		ListedOn   string `json:"listed_on"`
	}
)

func auditListing(c *patentbridge.ListingCandidate) listingAudit {
	return listingAudit{c, formatDay(c.ScreenedOn), formatDay(c.FollowedOn), formatDay(c.ListedOn)}
}
