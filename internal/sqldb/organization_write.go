package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"patentbridge"
)

// authorizeOrg checks that the caller of ctx may write organizations of the city:
// the admin and the platform itself (no user, origin "cli" or "system") anything,
// a city user its own city's unless adminOnly. Returns EUNAUTHORIZED, EFORBIDDEN.
func authorizeOrg(ctx context.Context, city string, adminOnly bool) error {
	u := patentbridge.UserFrom(ctx)
	switch {
	case u == nil:
		if a := patentbridge.OriginFrom(ctx).Address; a == "cli" || a == "system" {
			return nil
		}
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	case u.Role == patentbridge.RoleAdmin:
		return nil
	case adminOnly:
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：此操作仅限省级管理员")
	case u.Role == patentbridge.RoleCity && u.CityCode != "" && city == u.CityCode:
		return nil
	case u.Role == patentbridge.RoleCity:
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能维护本市(州)（%s）的单位", u.CityCode)
	}
	return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：单位信息仅限管理员维护")
}

// normalizeOrg normalizes the name, aliases and credit code of o and validates
// its fields. Returns EINVALID naming the field.
func normalizeOrg(o *patentbridge.Organization) error {
	o.Name = patentbridge.NormalizeOrgName(o.Name)
	if o.Name == "" {
		return patentbridge.FieldErrorf("name", "请填写单位名称")
	}
	if err := patentbridge.CheckText("name", "单位名称", o.Name, 100, false); err != nil {
		return err
	}
	for _, a := range o.Aliases {
		if err := patentbridge.CheckText("aliases", "单位别名", a, 100, false); err != nil {
			return err
		}
	}
	aliases := []string{}
	for _, a := range o.Aliases {
		if a = patentbridge.NormalizeOrgName(a); a != "" && a != o.Name && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	o.Aliases = aliases
	if strings.TrimSpace(o.CreditCode) != "" {
		code, err := patentbridge.NormalizeCreditCode(o.CreditCode)
		if err != nil {
			return err
		}
		o.CreditCode = code
	} else {
		o.CreditCode = ""
	}
	if err := patentbridge.CheckOrganizationType(o.Type); err != nil {
		return err
	}
	o.CityCode = strings.TrimSpace(o.CityCode)
	if o.CityCode != "" && (len(o.CityCode) != 4 || strings.Trim(o.CityCode, "0123456789") != "") {
		return patentbridge.FieldErrorf("city_code", "所属市(州)代码 %q 应为4位数字（如 5101）", o.CityCode)
	}
	if o.ParentID != 0 && o.ParentID == o.ID {
		return patentbridge.FieldErrorf("parent_id", "上级单位不能是单位本身")
	}
	return nil
}

// checkOrg returns ECONFLICT when o's name, an alias or its credit code belongs
// to another organization, and EINVALID when its parent is missing or o's child.
func (tx *Tx) checkOrg(ctx context.Context, o *patentbridge.Organization) error {
	for i, n := range append([]string{o.Name}, o.Aliases...) {
		id, err := resolveOrg(ctx, tx.db, tx.tx, n)
		if err != nil {
			return err
		}
		if id != 0 && id != o.ID {
			field := "aliases"
			if i == 0 {
				field = "name"
			}
			return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: field,
				Message: fmt.Sprintf("单位名称 %q 已是另一单位（编号 %d）的名称或别名", n, id)}
		}
	}
	if o.CreditCode != "" {
		var id int64
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ? AND id <> ?", o.CreditCode, o.ID)).Scan(&id)
		if err == nil {
			return &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "credit_code",
				Message: fmt.Sprintf("统一社会信用代码 %s 已属于另一单位（编号 %d）", o.CreditCode, id)}
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: check credit code: %w", err)
		}
	}
	if o.ParentID != 0 {
		var grand int64
		err := tx.queryRow(ctx, tx.q().add("SELECT COALESCE(parent_id, 0) FROM organizations WHERE id = ?", o.ParentID)).Scan(&grand)
		switch {
		case isNoRows(err):
			return patentbridge.FieldErrorf("parent_id", "上级单位 %d 不存在", o.ParentID)
		case err != nil:
			return fmt.Errorf("sqldb: check parent: %w", err)
		case o.ID != 0 && grand == o.ID:
			return patentbridge.FieldErrorf("parent_id", "上级单位 %d 是本单位的下级单位，不能互为上级", o.ParentID)
		}
	}
	return nil
}

// insertOrg checks and inserts o with its aliases and sets its id and times.
func (tx *Tx) insertOrg(ctx context.Context, o *patentbridge.Organization) error {
	o.ID = 0
	if err := tx.checkOrg(ctx, o); err != nil {
		return err
	}
	now := formatTime(tx.now)
	q := tx.q().add(`INSERT INTO organizations (name, type, credit_code, city_code, sme, parent_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, o.Name, string(o.Type), nullString(o.CreditCode), o.CityCode,
		boolInt(o.SME), nullID(o.ParentID), now, now)
	if err := tx.queryRow(ctx, q).Scan(&o.ID); err != nil {
		return fmt.Errorf("sqldb: insert organization %q: %w", o.Name, err)
	}
	o.CreatedAt, o.UpdatedAt = tx.now, tx.now
	return tx.writeAliases(ctx, o)
}

// updateOrg checks and writes o's fields and aliases, and its users' organization name.
func (tx *Tx) updateOrg(ctx context.Context, o *patentbridge.Organization) error {
	if err := tx.checkOrg(ctx, o); err != nil {
		return err
	}
	q := tx.q().add(`UPDATE organizations SET name = ?, type = ?, credit_code = ?, city_code = ?, sme = ?, parent_id = ?,
		updated_at = ? WHERE id = ?`, o.Name, string(o.Type), nullString(o.CreditCode), o.CityCode, boolInt(o.SME),
		nullID(o.ParentID), formatTime(tx.now), o.ID)
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: update organization %d: %w", o.ID, err)
	}
	if _, err := tx.exec(ctx, orgUsersUpdate(tx.q(), o.ID, o)); err != nil {
		return fmt.Errorf("sqldb: update organization %d users: %w", o.ID, err)
	}
	o.UpdatedAt = tx.now
	return tx.writeAliases(ctx, o)
}

// writeAliases replaces the stored aliases of o with o.Aliases.
func (tx *Tx) writeAliases(ctx context.Context, o *patentbridge.Organization) error {
	if _, err := tx.exec(ctx, tx.q().add("DELETE FROM organization_aliases WHERE org_id = ?", o.ID)); err != nil {
		return fmt.Errorf("sqldb: organization aliases: %w", err)
	}
	for _, a := range o.Aliases {
		if _, err := tx.exec(ctx, tx.q().add("INSERT INTO organization_aliases (alias, org_id) VALUES (?, ?)", a, o.ID)); err != nil {
			return fmt.Errorf("sqldb: organization alias %q: %w", a, err)
		}
	}
	return nil
}

// nullString is s, or NULL when it is empty.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullID is id, or NULL when it is 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
