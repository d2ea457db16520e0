package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
)

// Roles that CreateUser accepts.
var roles = []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity,
	patentbridge.RoleInstitution, patentbridge.RoleEnterprise, patentbridge.RoleAgency,
	patentbridge.RoleFinancier}

// MinPasswordLength is the shortest password CreateUser accepts, in characters.
const MinPasswordLength = 8

const userColumns = "id, username, name, role, org_name, city_code, created_at"

// CreateUser stores a new user with the password hashed by bcrypt and sets u.ID
// and u.CreatedAt. Returns EINVALID (naming the field), ECONFLICT for a taken
// username.
func (db *DB) CreateUser(ctx context.Context, u *patentbridge.User, password string) error {
	u.Username = strings.TrimSpace(u.Username)
	u.Name = strings.TrimSpace(u.Name)
	if err := validateUser(u, password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), db.PasswordCost)
	if err != nil {
		return fmt.Errorf("sqldb: hash password: %w", err)
	}
	now := db.now()
	q := db.dialect.newQuery().add(`INSERT INTO users (username, name, role, org_name, city_code, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		u.Username, u.Name, string(u.Role), u.OrgName, u.CityCode, string(hash), formatTime(now))
	if err := db.write.QueryRowContext(ctx, q.String(), q.args...).Scan(&u.ID); err != nil {
		if isUniqueViolation(err) {
			return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "username",
				Message: fmt.Sprintf("用户名 %q 已被使用", u.Username)}
		}
		return fmt.Errorf("sqldb: create user: %w", err)
	}
	u.CreatedAt = now
	return nil
}

func validateUser(u *patentbridge.User, password string) error {
	switch {
	case u.Username == "":
		return patentbridge.FieldErrorf("username", "请填写用户名")
	case utf8.RuneCountInString(u.Username) > 64:
		return patentbridge.FieldErrorf("username", "用户名不能超过64个字符")
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return patentbridge.FieldErrorf("password", "密码至少需要%d个字符", MinPasswordLength)
	case len(password) > 72:
		return patentbridge.FieldErrorf("password", "密码过长（不超过72字节）")
	case !slices.Contains(roles, u.Role):
		return patentbridge.FieldErrorf("role", "角色 %q 无效", u.Role)
	case u.CityCode != "" && !isCityCode(u.CityCode):
		return patentbridge.FieldErrorf("city_code", "市(州)代码 %q 应为4位数字，如 5101", u.CityCode)
	case u.Role == patentbridge.RoleCity && u.CityCode == "":
		return patentbridge.FieldErrorf("city_code", "市(州)管理员必须指定所属市(州)")
	}
	return nil
}

func isCityCode(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: count users: %w", err)
	}
	return n, nil
}

// errBadLogin is the one answer for an unknown user and a wrong password alike.
var errBadLogin = patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "用户名或密码错误")

// dummyHash is compared against when the user does not exist, so that a wrong
// username costs as much time as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("patentbridge-dummy"), bcrypt.MinCost)

// Authenticate checks a username and password. Returns EUNAUTHORIZED.
func (db *DB) Authenticate(ctx context.Context, username, password string) (*patentbridge.User, error) {
	q := db.dialect.newQuery().add("SELECT "+userColumns+", password_hash FROM users WHERE username = ?",
		strings.TrimSpace(username))
	var hash string
	u, err := scanUser(db.read.QueryRowContext(ctx, q.String(), q.args...), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return nil, errBadLogin
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: authenticate: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return nil, errBadLogin
	}
	return u, nil
}

// FindUser returns the user with the ID. Returns ENOTFOUND.
func (db *DB) FindUser(ctx context.Context, id int64) (*patentbridge.User, error) {
	q := db.dialect.newQuery().add("SELECT "+userColumns+" FROM users WHERE id = ?", id)
	u, err := scanUser(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "用户不存在")
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find user: %w", err)
	}
	return u, nil
}

// scanUser reads userColumns and then any extra destinations.
func scanUser(s scanner, extra ...any) (*patentbridge.User, error) {
	var u patentbridge.User
	var role, created string
	dest := append([]any{&u.ID, &u.Username, &u.Name, &role, &u.OrgName, &u.CityCode, &created}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	u.Role = patentbridge.Role(role)
	var err error
	if u.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	return &u, nil
}
