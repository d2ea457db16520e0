package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
)

var _ patentbridge.RegistrationService = (*DB)(nil)

// RegisterAttempts is how many registration forms one address may submit
// (accepted or refused) within LockoutWindow before it waits LockoutDuration:
// the public form is the login page's kin and is throttled like it.
const RegisterAttempts = 10

// addressGuard counts one kind of attempt per client address in memory, per
// process, like loginGuard.
type addressGuard struct {
	mu sync.Mutex
	m  map[string]*failures
}

// attempt records an attempt from addr and returns how long addr must wait
// before this one is taken, 0 when it may go on.
func (g *addressGuard) attempt(addr string, limit int, now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]*failures{}
	}
	if f := g.m[addr]; f != nil && f.lockedUntil.After(now) {
		return f.lockedUntil.Sub(now)
	}
	record(g.m, addr, limit, now)
	return 0
}

// Register stores a self-registration and its account, pending review (see
// patentbridge.RegistrationService), audited as the new account's act.
// Returns EINVALID, ECONFLICT, ETOOMANY.
func (db *DB) Register(ctx context.Context, nr patentbridge.NewRegistration) (*patentbridge.Registration, error) {
	if wait := db.regGuard.attempt(patentbridge.OriginFrom(ctx).Address, RegisterAttempts, db.now()); wait > 0 {
		mins := int((wait + time.Minute - 1) / time.Minute)
		return nil, &patentbridge.Error{Code: patentbridge.ETOOMANY, RetryAfter: wait,
			Message: fmt.Sprintf("提交注册申请过于频繁，请%d分钟后再试", mins)}
	}
	if err := nr.Validate(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(nr.Password), db.PasswordCost)
	if err != nil {
		return nil, fmt.Errorf("sqldb: hash password: %w", err)
	}
	u := &patentbridge.User{Username: nr.Username, Name: nr.Contact, Role: patentbridge.RegistrationRole(nr.OrgType),
		CityCode: nr.CityCode, Registration: patentbridge.RegistrationPending}
	r := &patentbridge.Registration{OrgName: nr.OrgName, OrgType: nr.OrgType, CreditCode: nr.CreditCode, Contact: nr.Contact,
		Phone: nr.Phone, Email: nr.Email, CityCode: nr.CityCode, Username: nr.Username, Status: patentbridge.RegistrationPending}
	err = db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.usernameFree(ctx, u.Username); err != nil {
			return err
		}
		q := tx.q().add(`INSERT INTO users (username, name, role, org_name, city_code, password_hash, must_change_password,
			created_at, registration) VALUES (?, ?, ?, '', ?, ?, 0, ?, ?) RETURNING id`,
			u.Username, u.Name, string(u.Role), u.CityCode, string(hash), formatTime(tx.now), u.Registration)
		if err := tx.queryRow(ctx, q).Scan(&u.ID); err != nil {
			if isUniqueViolation(err) {
				return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "username", Message: fmt.Sprintf("用户名 %q 已被使用", u.Username)}
			}
			return fmt.Errorf("sqldb: register user: %w", err)
		}
		u.CreatedAt, r.UserID, r.CreatedAt = tx.now, u.ID, tx.now
		q = tx.q().add(`INSERT INTO registrations (org_name, org_type, credit_code, contact, phone, email, city_code, user_id,
			status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.OrgName, string(r.OrgType), r.CreditCode, r.Contact, r.Phone, r.Email, r.CityCode, r.UserID, r.Status, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&r.ID); err != nil {
			if isUniqueViolation(err) {
				return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "credit_code",
					Message: fmt.Sprintf("统一社会信用代码 %s 已有一份注册申请正在审核，请勿重复提交", r.CreditCode)}
			}
			return fmt.Errorf("sqldb: register: %w", err)
		}
		if err := tx.auditAs(ctx, u, "user.register", userObject(u.ID), nil, u); err != nil {
			return err
		}
		return tx.auditAs(ctx, u, "registration.create", registrationObject(r.ID), nil, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// registrationObject names a registration in the audit log.
func registrationObject(id int64) string { return "registration:" + strconv.FormatInt(id, 10) }

const registrationColumns = "g.id, g.org_name, g.org_type, g.credit_code, g.contact, g.phone, g.email, g.city_code, g.user_id, " +
	"COALESCE(u.username, ''), g.status, g.reject_reason, COALESCE(g.org_id, 0), g.created_at, g.decided_at, g.decided_by"

// registrationFrom joins a registration with its account.
const registrationFrom = " FROM registrations g LEFT JOIN users u ON u.id = g.user_id"

func scanRegistration(s scanner) (*patentbridge.Registration, error) {
	var r patentbridge.Registration
	var typ, created, decided string
	if err := s.Scan(&r.ID, &r.OrgName, &typ, &r.CreditCode, &r.Contact, &r.Phone, &r.Email, &r.CityCode, &r.UserID,
		&r.Username, &r.Status, &r.RejectReason, &r.OrgID, &created, &decided, &r.DecidedBy); err != nil {
		return nil, err
	}
	r.OrgType = patentbridge.PartyType(typ)
	var err error
	if r.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if r.DecidedAt, err = parseTime(decided); err != nil {
		return nil, err
	}
	return &r, nil
}
