package patentbridge

// CanPost is the one rule on who may post (demands, declarations, ratings,
// match feedback, interest, and whatever a role or an organization does): an
// account that registered itself may sign in and browse at once, but posts
// only once the city office (or the admin) has approved its registration and
// bound it to its organization. Returns EUNAUTHORIZED or EFORBIDDEN.
func CanPost(u *User) error {
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "请先登录")
	case u.Registration == RegistrationPending:
		return Errorf(EFORBIDDEN, "账号待审核，审核通过后可发布")
	case u.Registration == RegistrationRejected:
		return Errorf(EFORBIDDEN, "账号注册申请未通过审核，不能发布；请查看“我的账号”中的原因，或联系所在市（州）知识产权局")
	}
	return nil
}
