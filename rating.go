package patentbridge

import (
	"strings"
	"unicode/utf8"
)

// Validate checks a rating's scores (each 1–5) and comment. Returns EINVALID naming the field.
func (r *Rating) Validate() error {
	for _, s := range []struct {
		field, label string
		v            int
	}{{"prospect", "产业化前景", r.Prospect}, {"improvement", "技术改进需求", r.Improvement}, {"cooperation", "产学研合作意愿", r.Cooperation}} {
		if s.v < 1 || s.v > 5 {
			return FieldErrorf(s.field, "%s的评分应为 1 到 5 之间的整数", s.label)
		}
	}
	if utf8.RuneCountInString(strings.TrimSpace(r.Comment)) > 1000 {
		return FieldErrorf("comment", "评价意见不能超过1000个字")
	}
	return nil
}

// CanRate admits the users who rate pooled patents: enterprise users and
// administrators. Returns EUNAUTHORIZED or EFORBIDDEN.
func CanRate(u *User) error {
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "请先登录")
	case u.Role != RoleEnterprise && u.Role != RoleAdmin:
		return Errorf(EFORBIDDEN, "没有权限：只有企业用户可以对专利进行市场评价")
	}
	return CanPost(u)
}
