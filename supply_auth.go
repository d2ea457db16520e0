package patentbridge

// AuthorizeSupplyList is the rule of who manages supply lists: administrators
// every list, city users (who must have a city) only their own city's lists.
// With l nil it decides whether u may build lists at all. The store applies it
// to every act on a list and to what drafts it shows; pages call it for their
// buttons. Returns EUNAUTHORIZED or EFORBIDDEN.
func AuthorizeSupplyList(u *User, l *SupplyList) error {
	switch err := CityManager(u, "编制供给清单"); {
	case err != nil:
		return err
	case u.Role == RoleCity && l != nil && cityOf(l.CityCode) != cityOf(u.CityCode):
		return Errorf(EFORBIDDEN, "没有权限：只能管理本市（州）编制的供给清单")
	}
	return nil
}

// cityOf returns the 4-digit city part of a region code ("" for none).
func cityOf(code string) string { return code[:min(4, len(code))] }
