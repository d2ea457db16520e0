package httpx

import (
	"context"
	"fmt"
	"net/http"

	"patentbridge"
)

// DemandView is a demand as the API returns it and the pages show it: dates as
// YYYY-MM-DD, the region and status in Chinese, and the contact only for
// signed-in users.
type DemandView struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Industry    string `json:"industry,omitempty"`
	RegionCode  string `json:"region_code,omitempty"`
	RegionName  string `json:"region_name,omitempty"`
	BudgetMin   int64  `json:"budget_min,omitempty"`
	BudgetMax   int64  `json:"budget_max,omitempty"`
	Budget      string `json:"budget,omitempty"` // "50–300万元"
	Deadline    string `json:"deadline,omitempty"`
	Contact     string `json:"contact,omitempty"`
	Enterprise  string `json:"enterprise"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	RejectNote  string `json:"reject_note,omitempty"`
	CloseNote   string `json:"close_note,omitempty"`
	ClosedAt    string `json:"closed_at,omitempty"`
	CreatedBy   int64  `json:"created_by,omitempty"`
	CreatedAt   string `json:"created_at"`
	PublishedAt string `json:"published_at,omitempty"`
}

// NewDemandView presents d to u: anonymous visitors never get the contact, and
// only the posting organization and moderators see the return and closing
// notes and the author's id.
func NewDemandView(d *patentbridge.Demand, u *patentbridge.User, ref RefData) DemandView {
	v := DemandView{ID: d.ID, Title: d.Title, Description: d.Description, Industry: d.Industry,
		RegionCode: d.RegionCode, BudgetMin: d.BudgetMin, BudgetMax: d.BudgetMax, Budget: BudgetLabel(d.BudgetMin, d.BudgetMax),
		Deadline: patentbridge.FormatDate(d.Deadline), Enterprise: d.Enterprise, Status: d.Status,
		StatusLabel: patentbridge.DemandStatusLabel(d.Status), CreatedAt: d.CreatedAt.Format("2006-01-02T15:04:05Z07:00")}
	v.RegionName = RegionName(ref, d.RegionCode) // "四川省成都市" for a whole city (4 digits or 510100), as for a county
	if !d.PublishedAt.IsZero() {
		v.PublishedAt = patentbridge.FormatDate(d.PublishedAt)
	}
	if !d.ClosedAt.IsZero() {
		v.ClosedAt = patentbridge.FormatDate(d.ClosedAt)
	}
	if u != nil {
		v.Contact = d.Contact
	}
	if patentbridge.IsDemandPoster(u, d) || patentbridge.CanModerateDemand(u, d) == nil {
		v.RejectNote, v.CloseNote, v.CreatedBy = d.RejectNote, d.CloseNote, d.CreatedBy
	}
	return v
}

// BudgetLabel renders a budget range in 万元, "" when there is none.
func BudgetLabel(lo, hi int64) string {
	switch {
	case lo > 0 && hi > 0 && lo != hi:
		return fmt.Sprintf("%d–%d万元", lo, hi)
	case hi > 0:
		return fmt.Sprintf("%d万元以内", hi)
	case lo > 0:
		return fmt.Sprintf("%d万元以上", lo)
	}
	return ""
}

// DemandPosters is the access of the routes that post demands: enterprise
// users (and administrators), each enterprise on its own demands.
var DemandPosters = Roles(patentbridge.RoleEnterprise).In(ScopeOwnOrg)

// DemandModerators is the access of the moderation routes: administrators, and
// city users on their own city's demands.
var DemandModerators = Roles(patentbridge.RoleCity).In(ScopeOwnCity)

// DemandFinder loads demands by id.
type DemandFinder interface {
	// FindDemand returns one demand. Returns ENOTFOUND.
	FindDemand(ctx context.Context, id int64) (*patentbridge.Demand, error)
}

// FindVisibleDemand loads the demand of the request's {id} if the signed-in user
// may see it (patentbridge.CheckSeeDemand); a demand one may not see is "not
// found" like one that does not exist.
func FindVisibleDemand(r *http.Request, demands DemandFinder) (*patentbridge.Demand, error) {
	id, ok := PathID(r, "id")
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "技术需求 %q 不存在", r.PathValue("id"))
	}
	d, err := demands.FindDemand(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.CheckSeeDemand(patentbridge.UserFrom(r.Context()), d); err != nil {
		return nil, err
	}
	return d, nil
}
