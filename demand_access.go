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

// CanSeeDemand reports whether u may read d: everyone reads published demands;
// a draft only its posting organization (IsDemandPoster; not the moderators,
// not even the admin, for a draft is not submitted yet); the other states its
// posting organization and its moderators (CanModerateDemand).
func CanSeeDemand(u *User, d *Demand) bool {
	switch d.Status {
	case DemandPublished:
		return true
	case DemandDraft:
		return IsDemandPoster(u, d)
	}
	return IsDemandPoster(u, d) || CanModerateDemand(u, d) == nil
}

// DemandNotFound is the answer for a demand that does not exist and for one
// the user may not see, the same for both so that it reveals nothing.
func DemandNotFound(id int64) error { return Errorf(ENOTFOUND, "技术需求 %d 不存在", id) }

// CheckSeeDemand refuses u a demand it may not see (CanSeeDemand) as not
// found; every read of and act on a stored demand checks it first. Returns ENOTFOUND.
func CheckSeeDemand(u *User, d *Demand) error {
	if !CanSeeDemand(u, d) {
		return DemandNotFound(d.ID)
	}
	return nil
}

// ListsDrafts reports whether a list of demands selected by f may hold drafts:
// only the poster's own list (f.Mine), as CanSeeDemand shows a draft to its
// posting organization alone.
func (f DemandFilter) ListsDrafts() bool { return f.Mine }

// CanUseDemandFeedback reports whether u may give and read the verdicts on d's
// matches (感兴趣 / 不相关): the posting organization's users and administrators,
// of a demand they may see.
func CanUseDemandFeedback(u *User, d *Demand) bool {
	return u != nil && CanSeeDemand(u, d) && (u.Role == RoleAdmin || IsDemandPoster(u, d))
}
