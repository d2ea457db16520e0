package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"patentbridge"
)

// ListRegistrations returns one page of registrations, newest first, and the
// total: every one for the admin, its city's for a city user. Returns
// EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListRegistrations(ctx context.Context, f patentbridge.RegistrationFilter) ([]*patentbridge.Registration, int, error) {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CityManager(u, "审核注册申请"); err != nil {
		return nil, 0, err
	}
	if u.Role == patentbridge.RoleCity {
		f.City = u.CityCode
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !slices.Contains([]string{patentbridge.RegistrationPending, patentbridge.RegistrationApproved, patentbridge.RegistrationRejected}, f.Status) {
		return nil, 0, patentbridge.FieldErrorf("status", "审核状态 %q 无效（可选：%s、%s、%s）", patentbridge.ClipValue(f.Status),
			patentbridge.RegistrationStatusLabel(patentbridge.RegistrationPending),
			patentbridge.RegistrationStatusLabel(patentbridge.RegistrationApproved),
			patentbridge.RegistrationStatusLabel(patentbridge.RegistrationRejected))
	}
	where := func(q *query) *query {
		q.add(" WHERE 1 = 1")
		if f.Status != "" {
			q.add(" AND g.status = ?", f.Status)
		}
		if f.City != "" {
			q.add(" AND g.city_code = ?", f.City)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*)" + registrationFrom))
	list := where(db.dialect.newQuery().add("SELECT "+registrationColumns+registrationFrom)).add(" ORDER BY g.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "registrations", count, list, scanRegistration)
}

// FindRegistration returns a registration its reviewer may see. Returns
// ENOTFOUND (also another city's), EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindRegistration(ctx context.Context, id int64) (*patentbridge.Registration, error) {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CityManager(u, "审核注册申请"); err != nil {
		return nil, err
	}
	r, err := findRegistration(ctx, db, db.read, "g.id = ?", id)
	if err != nil {
		return nil, err
	}
	return r, patentbridge.CanReviewRegistration(u, r)
}

// MyRegistration returns the signed-in user's latest registration. Returns
// ENOTFOUND, EUNAUTHORIZED.
func (db *DB) MyRegistration(ctx context.Context) (*patentbridge.Registration, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	return findRegistration(ctx, db, db.read, "g.user_id = ? ORDER BY g.id DESC LIMIT 1", u.ID)
}

func findRegistration(ctx context.Context, db *DB, qr queryer, cond string, arg any) (*patentbridge.Registration, error) {
	q := db.dialect.newQuery().add("SELECT "+registrationColumns+registrationFrom+" WHERE "+cond, arg)
	r, err := scanRegistration(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "注册申请不存在")
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find registration: %w", err)
	}
	return r, nil
}

// MatchRegistration returns the registry organization an approval would bind
// the registration to. Returns ENOTFOUND when it would create one, and
// FindRegistration's errors.
func (db *DB) MatchRegistration(ctx context.Context, id int64) (*patentbridge.Organization, error) {
	r, err := db.FindRegistration(ctx, id)
	if err != nil {
		return nil, err
	}
	var o *patentbridge.Organization
	err = db.WithTx(ctx, func(tx *Tx) error { // a read; the writer keeps it consistent with the approval
		o, err = tx.matchOrg(ctx, &patentbridge.Organization{Name: r.OrgName, CreditCode: r.CreditCode})
		return err
	})
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "单位名录中没有 %s（%s），通过后将新建", r.OrgName, r.CreditCode)
	}
	return o, nil
}

// ApproveRegistration binds the account to the registry organization with the
// registration's credit code, else its name or alias (taking the credit code
// when it has none), else a new one of the registration's type and city, and
// lets it post — in one transaction with the audit rows of the registration,
// the account and a created organization. Returns ENOTFOUND, ECONFLICT, EFORBIDDEN.
func (db *DB) ApproveRegistration(ctx context.Context, id int64) (*patentbridge.Registration, error) {
	u := patentbridge.UserFrom(ctx)
	var r *patentbridge.Registration
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.pendingRegistration(ctx, u, id); err != nil {
			return err
		}
		before := *r
		o, err := tx.approvedOrg(ctx, r)
		if err != nil {
			return err
		}
		account, err := findUser(ctx, tx.tx, tx.db.dialect, r.UserID)
		if err != nil {
			return err
		}
		was := *account
		account.OrgID, account.OrgName, account.Registration = o.ID, o.Name, ""
		if o.CityCode != "" {
			account.CityCode = o.CityCode
		}
		if slices.Contains(patentbridge.RegistrationTypes, o.Type) {
			account.Role = patentbridge.RegistrationRole(o.Type) // the registry's type is the reviewed one
		}
		q := tx.q().add("UPDATE users SET organization_id = ?, org_name = ?, city_code = ?, role = ?, registration = '' WHERE id = ?",
			o.ID, o.Name, account.CityCode, string(account.Role), account.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: approve registration %d: %w", id, err)
		}
		if err := tx.decideRegistration(ctx, u, r, patentbridge.RegistrationApproved, "", o.ID); err != nil {
			return err
		}
		if err := tx.audit(ctx, "user.update", userObject(account.ID), &was, account); err != nil {
			return err
		}
		return tx.audit(ctx, "registration.approve", registrationObject(r.ID), &before, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// RejectRegistration refuses a pending registration with the reason its
// account sees; the account stays unable to post. Returns EINVALID, ENOTFOUND,
// ECONFLICT, EFORBIDDEN.
func (db *DB) RejectRegistration(ctx context.Context, id int64, reason string) (*patentbridge.Registration, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, patentbridge.FieldErrorf("reason", "请填写不通过的原因")
	}
	if err := patentbridge.CheckText("reason", "不通过的原因", reason, patentbridge.MaxRegReason, true); err != nil {
		return nil, err
	}
	u := patentbridge.UserFrom(ctx)
	var r *patentbridge.Registration
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.pendingRegistration(ctx, u, id); err != nil {
			return err
		}
		before := *r
		q := tx.q().add("UPDATE users SET registration = ? WHERE id = ?", patentbridge.RegistrationRejected, r.UserID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: reject registration %d: %w", id, err)
		}
		if err := tx.decideRegistration(ctx, u, r, patentbridge.RegistrationRejected, reason, 0); err != nil {
			return err
		}
		return tx.audit(ctx, "registration.reject", registrationObject(r.ID), &before, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// pendingRegistration reads a registration u may review and refuses one
// already decided. Returns ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (tx *Tx) pendingRegistration(ctx context.Context, u *patentbridge.User, id int64) (*patentbridge.Registration, error) {
	if err := patentbridge.CityManager(u, "审核注册申请"); err != nil {
		return nil, err
	}
	r, err := findRegistration(ctx, tx.db, tx.tx, "g.id = ?", id)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.CanReviewRegistration(u, r); err != nil {
		return nil, err
	}
	if r.Status != patentbridge.RegistrationPending {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "注册申请 %d 已审核（%s），不能再次审核", id, patentbridge.RegistrationStatusLabel(r.Status))
	}
	return r, nil
}

// decideRegistration records the decision on a pending registration; a
// concurrent decision makes it ECONFLICT.
func (tx *Tx) decideRegistration(ctx context.Context, u *patentbridge.User, r *patentbridge.Registration, status, reason string, orgID int64) error {
	q := tx.q().add("UPDATE registrations SET status = ?, reject_reason = ?, org_id = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = ?",
		status, reason, nullID(orgID), formatTime(tx.now), u.ID, r.ID, patentbridge.RegistrationPending)
	n, err := affected(tx.exec(ctx, q))
	if err != nil {
		return fmt.Errorf("sqldb: decide registration %d: %w", r.ID, err)
	}
	if n != 1 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "注册申请 %d 已被他人审核", r.ID)
	}
	r.Status, r.RejectReason, r.OrgID, r.DecidedAt, r.DecidedBy = status, reason, orgID, tx.now, u.ID
	return nil
}

// approvedOrg returns the registry organization of an approved registration:
// the one with its credit code, else with its name or alias (given the credit
// code when it has none; refused when it has another), else a new one.
// Returns ECONFLICT.
func (tx *Tx) approvedOrg(ctx context.Context, r *patentbridge.Registration) (*patentbridge.Organization, error) {
	o, err := tx.matchOrg(ctx, &patentbridge.Organization{Name: r.OrgName, CreditCode: r.CreditCode})
	switch {
	case err != nil:
		return nil, err
	case o == nil:
		o = &patentbridge.Organization{Name: r.OrgName, Type: r.OrgType, CreditCode: r.CreditCode, CityCode: r.CityCode}
		if err := tx.insertOrg(ctx, o); err != nil {
			return nil, err
		}
		return o, tx.audit(ctx, "organization.create", orgObject(o.ID), nil, o)
	case o.CreditCode == r.CreditCode:
		return o, nil
	case o.CreditCode != "":
		return nil, &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "credit_code",
			Message: fmt.Sprintf("单位名录中的 %s 登记的统一社会信用代码为 %s，与申请中的 %s 不符：请核实后驳回，或先更正单位名录", o.Name, o.CreditCode, r.CreditCode)}
	}
	before := *o
	o.CreditCode = r.CreditCode
	if o.CityCode == "" {
		o.CityCode = r.CityCode
	}
	if err := tx.updateOrg(ctx, o); err != nil {
		return nil, err
	}
	return o, tx.audit(ctx, "organization.update", orgObject(o.ID), &before, o)
}
