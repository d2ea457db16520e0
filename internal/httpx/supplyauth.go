package httpx

import "patentbridge"

// SupplyManagers is the access of the routes that build supply lists:
// administrators and city users, each city user on its own city's lists.
var SupplyManagers = Roles(patentbridge.RoleCity).In(ScopeOwnCity)

// AuthorizeSupply admits the users who build supply lists: administrators, and
// city users who have a city. Returns EUNAUTHORIZED or EFORBIDDEN.
func AuthorizeSupply(u *patentbridge.User) error {
	if err := Roles(patentbridge.RoleCity).Check(u); err != nil {
		return err
	}
	if u.Role == patentbridge.RoleCity && u.CityCode == "" {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "您的账号未设置所属市（州），不能编制供给清单")
	}
	return nil
}

// ScopeSupplyList fixes a new list's city for its author: a city user's list is
// its city's and selects only its city's patents, whatever was asked.
func ScopeSupplyList(u *patentbridge.User, l *patentbridge.SupplyList) error {
	if err := AuthorizeSupply(u); err != nil {
		return err
	}
	if u.Role == patentbridge.RoleCity {
		l.CityCode = u.CityCode[:min(4, len(u.CityCode))]
		l.Filter.City = l.CityCode
	}
	l.CreatedBy = u.ID
	return nil
}

// AuthorizeSupplyList admits administrators to every list and city users to
// their own city's lists. Returns EUNAUTHORIZED or EFORBIDDEN.
func AuthorizeSupplyList(u *patentbridge.User, l *patentbridge.SupplyList) error {
	if err := AuthorizeSupply(u); err != nil {
		return err
	}
	if u.Role == patentbridge.RoleCity && (l.CityCode == "" || l.CityCode[:min(4, len(l.CityCode))] != u.CityCode[:min(4, len(u.CityCode))]) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能管理本市（州）编制的供给清单")
	}
	return nil
}

// CanSeeSupplyList reports whether u may read l: everyone may read published and
// withdrawn lists; drafts only those who may manage them.
func CanSeeSupplyList(u *patentbridge.User, l *patentbridge.SupplyList) bool {
	return l.Status != patentbridge.ListDraft || AuthorizeSupplyList(u, l) == nil
}
