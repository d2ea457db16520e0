package patentbridge

import (
	"slices"
	"strings"
)

// DemandAct is something done to a stored demand.
type DemandAct string

// The acts on a demand, each one service method.
const (
	DemandActEdit     DemandAct = "edit"     // the poster changes a draft or a returned demand
	DemandActSubmit   DemandAct = "submit"   // the poster sends a draft or a returned demand to review
	DemandActModerate DemandAct = "moderate" // a moderator publishes or returns a pending demand
	DemandActClose    DemandAct = "close"    // the poster closes a demand that is not closed yet
	DemandActFeedback DemandAct = "feedback" // the poster marks a matched patent 感兴趣 or 不相关
)

// demandActFrom lists the states each act applies to.
var demandActFrom = map[DemandAct][]string{
	DemandActEdit:     {DemandDraft, DemandRejected},
	DemandActSubmit:   {DemandDraft, DemandRejected},
	DemandActModerate: {DemandPending},
	DemandActClose:    {DemandDraft, DemandPending, DemandPublished, DemandRejected},
	DemandActFeedback: {DemandDraft, DemandPending, DemandPublished, DemandRejected},
}

// CanDemand reports whether act applies to a demand in d's state.
func (d *Demand) CanDemand(act DemandAct) bool { return slices.Contains(demandActFrom[act], d.Status) }

// CheckDemandAct refuses an act the demand's state does not allow, with a
// Chinese message saying why. Returns ECONFLICT.
func CheckDemandAct(d *Demand, act DemandAct) error {
	if d.CanDemand(act) {
		return nil
	}
	state := DemandStatusLabel(d.Status)
	switch act {
	case DemandActEdit, DemandActSubmit:
		return Errorf(ECONFLICT, "需求 %d 当前为“%s”，只有草稿和已退回的需求可以修改或提交审核", d.ID, state)
	case DemandActModerate:
		return Errorf(ECONFLICT, "需求 %d 当前为“%s”，不在待审核状态，不能审核", d.ID, state)
	case DemandActClose:
		return Errorf(ECONFLICT, "需求 %d 已关闭，不能重复关闭", d.ID)
	case DemandActFeedback:
		return Errorf(ECONFLICT, "需求 %d 已关闭，不再匹配专利，不能再反馈", d.ID)
	}
	return Errorf(ECONFLICT, "需求 %d 当前为“%s”，不能进行此操作", d.ID, state)
}

// DemandCloseNoteMax is the longest outcome note a poster may leave on closing.
const DemandCloseNoteMax = 500

// CheckCloseNote trims and checks the optional outcome note of closing a
// demand. Returns EINVALID naming the field "note".
func CheckCloseNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if err := CheckText("note", "关闭说明", note, DemandCloseNoteMax, true); err != nil {
		return "", err
	}
	return note, nil
}

// CanPostDemands reports whether u may own demands as their poster: an
// enterprise user of an organization, or an administrator or city user
// recording a demand collected offline. Returns EUNAUTHORIZED or EFORBIDDEN.
func CanPostDemands(u *User) error {
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "请先登录")
	case CanPost(u) != nil:
		return CanPost(u)
	case u.Role == RoleAdmin || u.Role == RoleCity:
		return nil
	case u.Role != RoleEnterprise:
		return Errorf(EFORBIDDEN, "没有权限：只有企业用户和管理员可以发布技术需求")
	case u.OrgName == "":
		return Errorf(EFORBIDDEN, "您的账号没有登记所属单位，请联系管理员补充后再发布需求")
	}
	return nil
}

// CanManageDemand admits the poster of d (IsDemandPoster) and administrators
// to edit, resubmit and close it. Returns EUNAUTHORIZED or EFORBIDDEN.
func CanManageDemand(u *User, d *Demand) error {
	if u == nil {
		return Errorf(EUNAUTHORIZED, "请先登录")
	}
	if u.Role == RoleAdmin || IsDemandPoster(u, d) {
		return nil
	}
	return Errorf(EFORBIDDEN, "没有权限：只有发布该需求的单位可以修改或关闭它")
}
