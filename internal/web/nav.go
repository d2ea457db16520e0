package web

import (
	"slices"

	"patentbridge"
)

// navItem is one entry of the top navigation; an item without Href is a
// capability still being built and is shown greyed out, never as a fake page.
type navItem struct {
	Key    string
	Label  string
	Href   string
	Active bool
	Also   []string            // the keys of the pages under it, which mark it active too
	Roles  []patentbridge.Role // nil: everyone
	Needs  func(d *Deps) bool  // nil: always; else shown only when it reports the feature configured
}

// navigation lists the program's capabilities in the order the plan presents them.
var navigation = []navItem{
	{Key: "home", Label: "首页", Href: "/"},
	{Key: "patents", Label: "专利检索", Href: "/patents"},
	{Key: "search", Label: "全文检索", Href: "/search", Needs: func(d *Deps) bool { return d.Search != nil }},
	{Key: "sleeping", Label: "沉睡专利库", Href: "/sleeping", Needs: func(d *Deps) bool { return d.Sleeping != nil && d.Screening != nil }},
	{Label: "沉睡专利库", Needs: func(d *Deps) bool { return d.Sleeping == nil || d.Screening == nil }},
	{Key: "supply", Label: "供给清单", Href: "/supply", Needs: func(d *Deps) bool { return d.Supply != nil }},
	{Key: "demands", Label: "技术需求", Href: "/demands", Needs: func(d *Deps) bool { return d.Demands != nil }},
	{Label: "技术需求", Needs: func(d *Deps) bool { return d.Demands == nil }},
	{Key: "organizations", Label: "单位名录", Href: "/organizations", Needs: func(d *Deps) bool { return d.Organizations != nil }},
	{Key: "open_licences", Label: "开放许可", Href: "/open-licences", Needs: func(d *Deps) bool { return d.OpenLicences != nil }},
	{Label: "开放许可", Needs: func(d *Deps) bool { return d.OpenLicences == nil }},
	{Key: "market", Label: "转化交易", Href: "/market", Needs: func(d *Deps) bool { return d.Offers != nil }},
	{Label: "转化交易", Needs: func(d *Deps) bool { return d.Offers == nil }},
	{Key: "programme", Label: "运营记录", Href: "/programme", Also: []string{"deals", "loans", "events", "services"}, Roles: []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity},
		Needs: func(d *Deps) bool {
			return d.Deals != nil || d.Loans != nil || d.Events != nil || d.Filings != nil || d.Commissioners != nil || d.Outlets != nil
		}},
	{Key: "kpi", Label: "绩效评价", Href: "/kpi", Roles: []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity}, Needs: func(d *Deps) bool { return d.KPIs != nil }},
	{Key: "cases", Label: "典型案例", Href: "/cases", Needs: func(d *Deps) bool { return d.Cases != nil }},
	{Key: "ledger", Label: "公共账本", Href: "/ledger", Needs: func(d *Deps) bool { return d.Ledger != nil }},
	{Label: "公共账本", Needs: func(d *Deps) bool { return d.Ledger == nil }},
	{Key: "mypatents", Label: "我的专利", Href: "/my/patents", Roles: []patentbridge.Role{patentbridge.RoleInstitution}},
	{Key: "myoffers", Label: "我的报价", Href: "/my/offers", Roles: []patentbridge.Role{patentbridge.RoleInstitution, patentbridge.RoleEnterprise, patentbridge.RoleAdmin}, Needs: func(d *Deps) bool { return d.OfferQuestions != nil }},
	{Key: "mydemands", Label: "我的需求", Href: "/my/demands", Roles: []patentbridge.Role{patentbridge.RoleEnterprise}, Needs: func(d *Deps) bool { return d.Demands != nil }},
	{Key: "screening", Label: "沉睡专利筛查", Href: "/admin/screening", Roles: []patentbridge.Role{patentbridge.RoleAdmin}, Needs: func(d *Deps) bool { return d.Screening != nil }},
	{Key: "demand_admin", Label: "需求审核", Href: "/admin/demands", Roles: []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity}, Needs: func(d *Deps) bool { return d.Demands != nil }},
	{Key: "enterprises", Label: "企业名录", Href: "/admin/enterprises", Roles: []patentbridge.Role{patentbridge.RoleAdmin}, Needs: func(d *Deps) bool { return d.Enterprises != nil }},
	{Key: "import", Label: "数据导入", Href: "/admin/import", Roles: []patentbridge.Role{patentbridge.RoleAdmin}},
	{Key: "users", Label: "账号管理", Href: "/admin/users", Roles: []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity}},
	{Key: "audit", Label: "操作日志", Href: "/admin/audit", Roles: []patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity}, Needs: func(d *Deps) bool { return d.AuditLog != nil }},
}

// navFor returns the navigation the user may see, with the active item marked.
func navFor(d *Deps, u *patentbridge.User, active string) []navItem {
	var out []navItem
	for _, it := range navigation {
		if it.Needs != nil && !it.Needs(d) {
			continue
		}
		if it.Roles != nil && (u == nil || !slices.Contains(it.Roles, u.Role)) {
			continue
		}
		it.Active = it.Key != "" && (it.Key == active || slices.Contains(it.Also, active))
		out = append(out, it)
	}
	return out
}
