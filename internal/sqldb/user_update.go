package sqldb

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
)

// UpdateUser changes an account; disabling it ends every session and token in
// the same transaction. The admin changes any account, a city user its city's
// institution, enterprise and agency accounts (and may not move them to another
// city or role beyond those). Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) UpdateUser(ctx context.Context, id int64, up patentbridge.UserUpdate) (*patentbridge.User, error) {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil && !patentbridge.IsPlatform(ctx) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	var out *patentbridge.User
	err := db.WithTx(ctx, func(tx *Tx) error {
		before, err := findUser(ctx, tx.tx, db.dialect, id)
		if err != nil {
			return err
		}
		if err := authorizeAccount(actor, before); err != nil {
			return err
		}
		u := *before
		if up.Name != nil {
			u.Name = strings.TrimSpace(*up.Name)
		}
		if up.Role != nil {
			if *up.Role != u.Role && actor != nil && actor.ID == u.ID {
				return patentbridge.FieldErrorf("role", "不能修改自己的角色")
			}
			u.Role = *up.Role
		}
		if up.CityCode != nil {
			u.CityCode = strings.TrimSpace(*up.CityCode)
		}
		if up.Organization != nil {
			if err := tx.setUserOrg(ctx, &u, *up.Organization); err != nil {
				return err
			}
		}
		if up.Disabled != nil {
			if *up.Disabled && actor != nil && actor.ID == u.ID {
				return patentbridge.FieldErrorf("disabled", "不能停用自己的账号")
			}
			u.Disabled = *up.Disabled
		}
		if err := validateUser(&u); err != nil {
			return err
		}
		if err := authorizeAccount(actor, &u); err != nil {
			return err
		}
		if before.Role == patentbridge.RoleAdmin && !before.Disabled && (u.Role != patentbridge.RoleAdmin || u.Disabled) {
			if err := tx.anotherAdmin(ctx, u.ID); err != nil {
				return err
			}
		}
		q := tx.q().add("UPDATE users SET name = ?, role = ?, organization_id = ?, org_name = ?, city_code = ?",
			u.Name, string(u.Role), nullID(u.OrgID), u.OrgName, u.CityCode)
		switch {
		case u.Disabled && !before.Disabled:
			q.add(", disabled_at = ?", formatTime(tx.now))
		case !u.Disabled:
			q.add(", disabled_at = ''")
		}
		if _, err := tx.exec(ctx, q.add(" WHERE id = ?", id)); err != nil {
			return fmt.Errorf("sqldb: update user %d: %w", id, err)
		}
		if u.Disabled && !before.Disabled {
			if err := tx.endLogins(ctx, id); err != nil {
				return err
			}
		}
		out = &u
		return tx.audit(ctx, userAction(before, &u), userObject(id), before, &u)
	})
	return out, err
}

// anotherAdmin refuses to demote or disable the last enabled administrator:
// nobody could then create accounts or read the whole audit log.
func (tx *Tx) anotherAdmin(ctx context.Context, id int64) error {
	var n int
	q := tx.q().add("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at = '' AND id <> ?", id)
	if err := tx.queryRow(ctx, q).Scan(&n); err != nil {
		return fmt.Errorf("sqldb: count administrators: %w", err)
	}
	if n == 0 {
		return patentbridge.FieldErrorf("role", "这是最后一个有效的省级管理员账号，不能改为其他角色或停用")
	}
	return nil
}

// userAction names an account change in the audit log.
func userAction(before, after *patentbridge.User) string {
	switch {
	case after.Disabled && !before.Disabled:
		return "user.disable"
	case !after.Disabled && before.Disabled:
		return "user.enable"
	}
	return "user.update"
}

// endLogins deletes the user's sessions and revokes its API tokens.
func (tx *Tx) endLogins(ctx context.Context, userID int64) error {
	for _, q := range []*query{
		tx.q().add("DELETE FROM sessions WHERE user_id = ?", userID),
		tx.q().add("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = ''", formatTime(tx.now), userID),
	} {
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: end logins of user %d: %w", userID, err)
		}
	}
	return nil
}

// ResetPassword sets a new initial password, which must be changed at the next
// login, and ends the user's logins. Returns EINVALID,
// ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ResetPassword(ctx context.Context, id int64, password string) error {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil && !patentbridge.IsPlatform(ctx) {
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		u, err := findUser(ctx, tx.tx, db.dialect, id)
		if err != nil {
			return err
		}
		if err := authorizeAccount(actor, u); err != nil {
			return err
		}
		if err := patentbridge.CheckPassword(u.Username, password); err != nil {
			return err
		}
		hash, err := bcrypt.GenerateFromPassword([]byte(password), db.PasswordCost)
		if err != nil {
			return fmt.Errorf("sqldb: hash password: %w", err)
		}
		q := tx.q().add("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?", string(hash), boolInt(actor != nil), id)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: reset password of user %d: %w", id, err)
		}
		if err := tx.endLogins(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, "user.reset_password", userObject(id), nil, map[string]any{"must_change_password": actor != nil})
	})
}

// ChangePassword changes the signed-in user's own password after checking the
// current one, and ends every session and API token of the user (a user who
// changes a password because it leaked must lock the intruder out): the caller
// signs in again with the new password. Wrong current passwords count towards
// the login lockout and are audited. Returns EINVALID, EUNAUTHORIZED, ETOOMANY.
func (db *DB) ChangePassword(ctx context.Context, current, next string) error {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil {
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	key, addr := strings.ToLower(actor.Username), patentbridge.OriginFrom(ctx).Address
	if wait := db.guard.wait(key, addr, db.now()); wait > 0 {
		return tooMany(wait)
	}
	var hash string
	q := db.dialect.newQuery().add("SELECT password_hash FROM users WHERE id = ?", actor.ID)
	if err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&hash); err != nil {
		return fmt.Errorf("sqldb: change password: %w", err)
	}
	if len(current) > 200 || bcrypt.CompareHashAndPassword([]byte(hash), []byte(current)) != nil {
		wait := db.guard.fail(key, addr, db.now())
		err := db.WithTx(ctx, func(tx *Tx) error {
			return tx.audit(ctx, "user.change_password.failed", userObject(actor.ID), nil, map[string]any{"locked": wait > 0})
		})
		switch {
		case err != nil:
			return err
		case wait > 0:
			return tooMany(wait)
		}
		return &patentbridge.Error{Code: patentbridge.EINVALID, Field: "current", Message: "当前密码不正确"}
	}
	if err := patentbridge.CheckPassword(actor.Username, next); err != nil {
		return err
	}
	if next == current {
		return patentbridge.FieldErrorf("password", "新密码不能与当前密码相同")
	}
	newHash, err := bcrypt.GenerateFromPassword([]byte(next), db.PasswordCost)
	if err != nil {
		return fmt.Errorf("sqldb: hash password: %w", err)
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", string(newHash), actor.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: change password: %w", err)
		}
		if err := tx.endLogins(ctx, actor.ID); err != nil {
			return err
		}
		return tx.audit(ctx, "user.change_password", userObject(actor.ID), nil, map[string]any{"logins_ended": true})
	})
}
