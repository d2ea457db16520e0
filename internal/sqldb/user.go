package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
)

// Roles that CreateUser accepts.
var roles = []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity,
	patentbridge.RoleInstitution, patentbridge.RoleEnterprise, patentbridge.RoleAgency,
	patentbridge.RoleFinancier}

// cityCreatableRoles are the roles a city user may give the accounts it creates.
var cityCreatableRoles = []patentbridge.Role{patentbridge.RoleInstitution, patentbridge.RoleEnterprise, patentbridge.RoleAgency}

const userColumns = "id, username, name, role, COALESCE(organization_id,0), org_name, city_code, disabled_at, must_change_password, created_at, registration"

// CreateUser creates an account (see patentbridge.UserService) with the
// password hashed by bcrypt. Returns EINVALID (naming the field), ECONFLICT for
// a taken username, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateUser(ctx context.Context, nu patentbridge.NewUser) (*patentbridge.User, error) {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil && !patentbridge.IsPlatform(ctx) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	u := &patentbridge.User{Username: strings.TrimSpace(nu.Username), Name: strings.TrimSpace(nu.Name),
		Role: nu.Role, CityCode: strings.TrimSpace(nu.CityCode), MustChangePassword: actor != nil}
	if err := validateUser(u); err != nil {
		return nil, err
	}
	if err := patentbridge.CheckPassword(u.Username, nu.Password); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(nu.Password), db.PasswordCost)
	if err != nil {
		return nil, fmt.Errorf("sqldb: hash password: %w", err)
	}
	err = db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.setUserOrg(ctx, u, nu.Organization); err != nil {
			return err
		}
		if err := authorizeAccount(actor, u); err != nil {
			return err
		}
		if err := tx.usernameFree(ctx, u.Username); err != nil {
			return err
		}
		q := tx.q().add(`INSERT INTO users (username, name, role, organization_id, org_name, city_code, password_hash,
			must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Username, u.Name, string(u.Role), nullID(u.OrgID), u.OrgName, u.CityCode, string(hash),
			boolInt(u.MustChangePassword), formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&u.ID); err != nil {
			if isUniqueViolation(err) {
				return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "username",
					Message: fmt.Sprintf("用户名 %q 已被使用", u.Username)}
			}
			return fmt.Errorf("sqldb: create user: %w", err)
		}
		u.CreatedAt = tx.now
		return tx.audit(ctx, "user.create", userObject(u.ID), nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// usernameFree refuses a username that differs from a taken one only in case
// ("ADMIN" beside "admin"), which would pass for it in lists and the audit log.
func (tx *Tx) usernameFree(ctx context.Context, username string) error {
	var n int
	if err := tx.queryRow(ctx, tx.q().add("SELECT COUNT(*) FROM users WHERE LOWER(username) = LOWER(?)", username)).Scan(&n); err != nil {
		return fmt.Errorf("sqldb: check username: %w", err)
	}
	if n > 0 {
		return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "username", Message: fmt.Sprintf("用户名 %q 已被使用（不区分大小写）", username)}
	}
	return nil
}

// validateUser checks an account's own fields.
func validateUser(u *patentbridge.User) error {
	switch {
	case u.Username == "":
		return patentbridge.FieldErrorf("username", "请填写用户名")
	case !patentbridge.ValidUsername(u.Username):
		return patentbridge.FieldErrorf("username", "用户名 %q 应由2到64个英文字母、数字或 . _ - @ 组成", u.Username)
	case patentbridge.CheckText("name", "姓名", u.Name, 100, false) != nil:
		return patentbridge.CheckText("name", "姓名", u.Name, 100, false)
	case !slices.Contains(roles, u.Role):
		return patentbridge.FieldErrorf("role", "角色 %q 无效", u.Role)
	case u.CityCode != "" && !patentbridge.IsCityCode(u.CityCode):
		return patentbridge.FieldErrorf("city_code", "市(州)代码 %q 应为4位数字，如 5101", u.CityCode)
	case u.Role == patentbridge.RoleCity && u.CityCode == "":
		return patentbridge.FieldErrorf("city_code", "市(州)管理员必须指定所属市(州)")
	}
	return nil
}

// authorizeAccount decides whether actor (nil: the platform) may create or
// change the account u: the admin any, a city user the institution, enterprise
// and agency accounts of its own city. Returns EFORBIDDEN.
func authorizeAccount(actor, u *patentbridge.User) error {
	switch {
	case actor == nil || actor.Role == patentbridge.RoleAdmin:
		return nil
	case actor.Role != patentbridge.RoleCity:
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有管理员和市(州)管理员可以管理账号")
	case !slices.Contains(cityCreatableRoles, u.Role):
		return patentbridge.FieldErrorf("role", "市(州)管理员只能创建高校院所、企业和服务机构账号")
	case u.CityCode != actor.CityCode:
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能管理本市(州)单位的账号")
	}
	return nil
}

// setUserOrg resolves ref (an organization's id or exact name or alias) and
// binds u to it, taking its city when u has none. A non-admin, non-city
// account needs an organization. Returns EINVALID naming "organization".
func (tx *Tx) setUserOrg(ctx context.Context, u *patentbridge.User, ref string) error {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		if u.Role != patentbridge.RoleAdmin && u.Role != patentbridge.RoleCity {
			return patentbridge.FieldErrorf("organization", "请选择账号所属单位")
		}
		u.OrgID, u.OrgName = 0, ""
		return nil
	}
	id, ok := parseID(ref)
	if !ok {
		var err error
		if id, err = resolveOrg(ctx, tx.db, tx.tx, patentbridge.NormalizeOrgName(ref)); err != nil {
			return err
		}
	}
	o, err := findOrg(ctx, tx.db, tx.tx, id)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND || id == 0 {
		return patentbridge.FieldErrorf("organization", "单位 %q 不在单位名录中", ref)
	} else if err != nil {
		return err
	}
	u.OrgID, u.OrgName = o.ID, o.Name
	city := o.CityCode
	// An organization's account is of the organization's city, so that a city
	// user cannot bind one of its accounts to another city's organization.
	if city != "" && u.Role != patentbridge.RoleAdmin && u.Role != patentbridge.RoleCity || u.CityCode == "" && u.Role != patentbridge.RoleAdmin {
		u.CityCode = city
	}
	return nil
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: count users: %w", err)
	}
	return n, nil
}
