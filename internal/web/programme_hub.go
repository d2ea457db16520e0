package web

import (
	"net/http"

	"patentbridge/internal/httpx"

	"patentbridge"
)

// hubLink is one link of the programme records hub.
type hubLink struct{ Label, Href string }

// hubSection is one kind of programme record and the pages it has.
type hubSection struct {
	Title, Note string
	Links       []hubLink
	Needs       func(s *Server) bool
}

// hubSections are the programme's records (DESIGN §3.10) in the plan's order;
// each shows only when its service is configured.
var hubSections = []hubSection{
	{"转移转化（交易）", "转让、许可和作价入股；平台上的许可、导入专利的法律事件自动成为交易，同一交易多路来源自动合并。",
		[]hubLink{{"交易列表", "/deals"}, {"登记交易", "/deals/new"}, {"批量导入", "/deals/import"}, {"模板（XLSX）", "/deals/template.xlsx"}},
		func(s *Server) bool { return s.Deals != nil }},
	{"专利权质押融资", "申请→评估→审批→质押登记→放款→还款或违约→代偿；风险补偿资金池。",
		[]hubLink{{"贷款列表", "/loans"}, {"贷款申请", "/loans/new"}, {"风险补偿资金池", "/risk-pools"}, {"批量导入", "/loans/import"}, {"模板（XLSX）", "/loans/template.xlsx"}},
		func(s *Server) bool { return s.Loans != nil }},
	{"对接活动", "路演、对接会、入园惠企、高校专利展示，及推介项目和促成的交易。",
		[]hubLink{{"活动列表与导入", "/events"}, {"登记活动", "/events/new"}, {"模板（XLSX）", "/events/template.xlsx"}},
		func(s *Server) bool { return s.Events != nil }},
	{"典型案例", "发布日起向公众公开。",
		[]hubLink{{"案例列表与导入", "/cases"}, {"登记案例", "/cases/new"}, {"模板（XLSX）", "/cases/template.xlsx"}},
		func(s *Server) bool { return s.Cases != nil }},
	{"中试熟化基地与科创板培育", "",
		[]hubLink{{"中试熟化基地（列表、登记与导入）", "/pilot-bases"}, {"科创板后备企业（列表、入库与导入）", "/listings"},
			{"基地模板（XLSX）", "/pilot-bases/template.xlsx"}, {"科创板模板（XLSX）", "/listings/template.xlsx"}},
		func(s *Server) bool { return s.PilotBases != nil && s.Listings != nil }},
	{"专利产品备案", "企业使用自有、许可或受让专利的产品及其逐年产值、销售额；许可、受让的专利关联其来源交易。",
		[]hubLink{{"备案列表", "/filings"}, {"登记备案", "/filings/new"}, {"批量导入", "/filings/import"}, {"模板（XLSX）", "/filings/template.xlsx"}},
		func(s *Server) bool { return s.Filings != nil }},
	{"知识产权专员与服务记录", "专员名册（登记、离任）和专员为企业提供的每一次服务。",
		[]hubLink{{"专员列表", "/commissioners"}, {"登记专员", "/commissioners/new"}, {"服务记录", "/service-records"},
			{"批量导入专员", "/commissioners/import"}, {"批量导入服务记录", "/service-records/import"},
			{"专员模板（XLSX）", "/commissioners/template.xlsx"}, {"服务记录模板（XLSX）", "/service-records/template.xlsx"}},
		func(s *Server) bool { return s.Commissioners != nil }},
	{"服务机构、网点与技术经理人", "",
		[]hubLink{{"服务机构与网点（列表、登记与导入）", "/service-outlets"}, {"技术经理人（列表、登记与导入）", "/tech-managers"},
			{"机构网点模板（XLSX）", "/service-outlets/template.xlsx"}, {"技术经理人模板（XLSX）", "/tech-managers/template.xlsx"}},
		func(s *Server) bool { return s.Outlets != nil }},
}

// programmeView is the data of /programme.
type programmeView struct{ Sections []hubSection }

// programmeHub serves /programme: every kind of programme record with its
// list, form, bulk upload and template, one entry of the navigation.
func (s *Server) programmeHub(w http.ResponseWriter, r *http.Request) {
	var v programmeView
	for _, sec := range hubSections {
		if sec.Needs(s) {
			v.Sections = append(v.Sections, sec)
		}
	}
	s.render(w, r, http.StatusOK, "programme", "运营记录", "programme", v)
}

// hubRoutes is the hub's route, for the admin and city users.
func (s *Server) hubRoutes() []httpx.Route {
	return []httpx.Route{httpx.NewRoute("GET /programme", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), s.programmeHub)}
}
