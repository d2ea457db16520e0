package patentbridge

// CanModerateDemands admits the users who moderate demands: administrators, and
// city users who have a city. Returns EUNAUTHORIZED or EFORBIDDEN.
func CanModerateDemands(u *User) error { return CityManager(u, "审核技术需求") }

// CanModerateDemand admits administrators to every demand and city users to the
// demands of their own city (by the demand's region code). Returns
// EUNAUTHORIZED or EFORBIDDEN.
func CanModerateDemand(u *User, d *Demand) error {
	if err := CanModerateDemands(u); err != nil {
		return err
	}
	if u.Role == RoleCity && d.CityCode() != u.CityCode[:min(4, len(u.CityCode))] {
		return Errorf(EFORBIDDEN, "没有权限：只能审核本市（州）的技术需求")
	}
	return nil
}

// IsDemandPoster reports whether u belongs to the organization that posted d
// (by registry id, or by name for an unregistered one), or posted d itself.
func IsDemandPoster(u *User, d *Demand) bool {
	if u == nil {
		return false
	}
	if d.CreatedBy != 0 && u.ID == d.CreatedBy || d.OrgID != 0 && u.OrgID == d.OrgID {
		return true
	}
	if d.OrgID != 0 {
		return false
	}
	return u.OrgName != "" && NormalizeOrgName(u.OrgName) == NormalizeOrgName(d.Enterprise)
}

// CanSeeDemand reports whether u may read d: everyone reads published demands,
// the others only their posting organization and its moderators.
func CanSeeDemand(u *User, d *Demand) bool {
	return d.Status == DemandPublished || IsDemandPoster(u, d) || CanModerateDemand(u, d) == nil
}

// CanUseDemandFeedback reports whether u may give and read the verdicts on d's
// matches (感兴趣 / 不相关): the posting organization's users and administrators.
func CanUseDemandFeedback(u *User, d *Demand) bool {
	return u != nil && (u.Role == RoleAdmin || IsDemandPoster(u, d))
}
