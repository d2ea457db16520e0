package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// helpRoutes are the help page, for everyone.
func (s *Server) helpRoutes() []httpx.Route {
	return []httpx.Route{httpx.NewRoute("GET /help", httpx.Anyone, s.helpPage)}
}

// helpView is the data of the help page: one section per role, the states
// of each kind of record with the labels the pages show, and 联系我们.
type helpView struct {
	Roles       []helpRole
	Statuses    []statusGroup
	Operator    string
	Contact     string
	CanRegister bool
}

// helpRole is what one kind of user does first, in order.
type helpRole struct {
	ID    string
	Title string
	Steps []helpStep
}

// helpStep is one step, with the page that does it ("" when none).
type helpStep struct {
	Text string
	Href string
	Link string
}

// statusGroup lists the states of one kind of record.
type statusGroup struct {
	ID    string
	Title string
	Items []statusItem
}

// statusItem is one state: the label the pages show (from the code's own
// label function, so it cannot drift) and what it means.
type statusItem struct {
	Label   string
	Meaning string
}

// helpPage serves /help.
func (s *Server) helpPage(w http.ResponseWriter, r *http.Request) {
	v := helpView{Roles: helpRoles(), Statuses: helpStatuses(), Operator: s.Operator, Contact: s.Contact, CanRegister: s.Registrations != nil}
	s.render(w, r, http.StatusOK, "help", "帮助", "", v)
}

func helpRoles() []helpRole {
	return []helpRole{
		{ID: "help-public", Title: "公众", Steps: []helpStep{
			{Text: "无需登录即可检索专利、浏览沉睡专利库、已发布的供给清单和技术需求。", Href: "/patents", Link: "专利检索"},
			{Text: "在沉睡专利库按等级、市（州）和产业筛选，等级 A 表示优先推广。", Href: "/sleeping", Link: "沉睡专利库"},
			{Text: "供给清单一经发布即固定，可导出和打印。", Href: "/supply", Link: "供给清单"},
		}},
		{ID: "help-enterprise", Title: "企业", Steps: []helpStep{
			{Text: "先注册：填写单位名称、统一社会信用代码、联系人和所在市（州），由所在市（州）知识产权局审核；审核通过前可以登录浏览，不能发布。", Href: "/register", Link: "单位注册"},
			{Text: "审核通过后发布技术需求；需求经市（州）或省级管理员审核后公开，并推荐匹配的专利。", Href: "/demands/new", Link: "发布技术需求"},
			{Text: "对匹配结果标记“感兴趣”或“不相关”，对入库专利进行市场评价，帮助改进推荐。", Href: "/demands", Link: "技术需求"},
		}},
		{ID: "help-institution", Title: "高校/科研院所", Steps: []helpStep{
			{Text: "注册或由管理员开通账号，账号须绑定本单位（单位名录中的名称）。", Href: "/register", Link: "单位注册"},
			{Text: "在“我的专利”查看本单位专利及其筛查结果。", Href: "/my/patents", Link: "我的专利"},
			{Text: "对已实施的专利登记“已实施”，对有正当理由不实施的登记理由（保密/国防、标准必要、正在洽谈、防御性布局或其他）；登记在下一次筛查时生效。", Href: "/my/declarations/import", Link: "批量登记"},
			{Text: "在“我的报价”发布转让、许可或作价入股信息（价格提前公开）：先保存草稿，核对后发布；已发布的可填写原因撤回，发布和撤回均记入公共账本。多家成员单位可在同一页面组建专利池。", Href: "/my/offers", Link: "我的报价"},
		}},
		{ID: "help-city", Title: "市州知识产权局", Steps: []helpStep{
			{Text: "审核本市（州）单位的注册申请：通过后并入单位名录（按统一社会信用代码或名称匹配已有单位），或填写原因驳回。", Href: "/admin/registrations", Link: "注册审核"},
			{Text: "审核本市（州）的技术需求，可批量导入线下征集的需求。", Href: "/admin/demands", Link: "需求审核"},
			{Text: "编制并发布本市（州）的专利技术供给清单；发布后不可修改，只能撤回。", Href: "/supply", Link: "供给清单"},
			{Text: "为本市（州）的高校院所、企业和服务机构开通账号。", Href: "/admin/users", Link: "账号管理"},
		}},
		{ID: "help-admin", Title: "省级管理员", Steps: []helpStep{
			{Text: "导入专利数据（CSV、XLSX、JSON Lines），查看每个导入任务的拒绝行。", Href: "/admin/import", Link: "数据导入"},
			{Text: "运行沉睡专利筛查，查看入库、排除和分级结果。", Href: "/admin/screening", Link: "沉睡专利筛查"},
			{Text: "编制并发布全省供给清单，审核需求和注册申请，维护单位名录和企业名录，查看操作日志。", Href: "/admin/audit", Link: "操作日志"},
		}},
	}
}

// helpStatuses lists the states users meet, each labelled by the code's own
// label function.
func helpStatuses() []statusGroup {
	job := func(st, meaning string) statusItem { return statusItem{patentbridge.JobStatusLabel(st), meaning} }
	imp := func(st, meaning string) statusItem { return statusItem{patentbridge.ImportStatusLabel(st), meaning} }
	list := func(st, meaning string) statusItem {
		return statusItem{(&patentbridge.SupplyList{Status: st}).StatusLabel(), meaning}
	}
	demand := func(st, meaning string) statusItem { return statusItem{patentbridge.DemandStatusLabel(st), meaning} }
	reg := func(st, meaning string) statusItem {
		return statusItem{patentbridge.RegistrationStatusLabel(st), meaning}
	}
	offer := func(st, meaning string) statusItem {
		return statusItem{(&patentbridge.Offer{Status: st}).StatusLabel(), meaning}
	}
	groups := []statusGroup{
		{ID: "status-import", Title: "数据导入任务", Items: []statusItem{
			imp(patentbridge.JobQueued, "已上传，等待后台处理。"),
			imp(patentbridge.JobRunning, "正在读取和写入专利数据，页面显示进度。"),
			imp(patentbridge.JobInterrupted, "服务重启或进程退出使任务中断，可继续导入或放弃。"),
			imp(patentbridge.JobDone, "全部行已导入，没有拒绝行。"),
			imp(patentbridge.JobDoneWithRejects, "任务已完成，合格的行已导入，但有行被拒绝（如申请号无效、缺少必填列）；可在任务页下载被拒绝行清单，修正后重新导入。"),
			imp(patentbridge.JobFailed, "任务出错停止，原因见任务页。"),
			imp(patentbridge.JobDiscarded, "管理员放弃了中断的任务，上传文件已删除。"),
		}},
		{ID: "status-screening", Title: "沉睡专利筛查", Items: []statusItem{
			job(patentbridge.JobQueued, "已提交，等待后台运行。"),
			job(patentbridge.JobRunning, "正在逐件评估，结果尚不可用。"),
			job(patentbridge.JobInterrupted, "运行中断，可重新运行或放弃；中断批次的结果从不使用。"),
			job(patentbridge.JobDone, "已完成，沉睡专利库显示最近一次完成的筛查。"),
			job(patentbridge.JobFailed, "运行出错，可重新运行。"),
		}},
		{ID: "status-demand", Title: "技术需求", Items: []statusItem{
			demand(patentbridge.DemandDraft, "草稿，只有发布单位可见（审核人员和管理员也看不到，提交后才进入审核），可继续填写后提交审核。"),
			demand(patentbridge.DemandPending, "已提交，等待市（州）或省级管理员审核，仅发布单位和审核人可见。"),
			demand(patentbridge.DemandPublished, "审核通过，公开展示并推荐匹配专利。"),
			demand(patentbridge.DemandRejected, "审核退回，退回原因对发布单位可见；修改后可在“我的需求”中重新提交审核。"),
			demand(patentbridge.DemandClosed, "需求已解决或不再征集，由发布单位关闭；不再公开、不再匹配，本单位仍可查看。"),
		}},
		{ID: "status-supply", Title: "供给清单", Items: []statusItem{
			list(patentbridge.ListDraft, "编制中，只有编制单位可见，可修改。"),
			list(patentbridge.ListPublished, "已按期号发布并固定，任何人可查看、导出。"),
			list(patentbridge.ListWithdrawn, "发布后撤回，保留记录和撤回原因。"),
		}},
		{ID: "status-declaration", Title: "实施声明与正当理由", Items: []statusItem{
			{httpx.DeclarationKindLabel(patentbridge.DeclImplemented), "权利人登记专利已实施（自行实施、许可、转让等），下一次筛查起不再列为沉睡专利。"},
			{httpx.DeclarationKindLabel(patentbridge.DeclReason), "权利人登记不实施的正当理由，下一次筛查起列为“排除”并注明理由。"},
		}},
		{ID: "status-offer", Title: "转让/许可报价", Items: []statusItem{
			offer(patentbridge.OfferDraft, "草稿，只有报价单位和管理员可见，核对后在“我的报价”或报价页发布。"),
			offer(patentbridge.OfferPublished, "已在转化交易公开，记入公共账本；企业可提问或表达意向。"),
			offer(patentbridge.OfferWithdrawn, "报价单位填写原因撤回，保留记录、撤回原因和账本序号。"),
		}},
		{ID: "status-registration", Title: "单位注册申请", Items: []statusItem{
			reg(patentbridge.RegistrationPending, "等待所在市（州）知识产权局审核；账号可登录浏览，不能发布。"),
			reg(patentbridge.RegistrationApproved, "已并入单位名录，账号可以发布信息。"),
			reg(patentbridge.RegistrationRejected, "未通过，原因在“我的账号”中显示。"),
		}},
	}
	reasons := statusGroup{ID: "status-reason", Title: "正当理由类别"}
	for _, c := range patentbridge.ReasonCodes {
		reasons.Items = append(reasons.Items, statusItem{patentbridge.ReasonLabel(c), ""})
	}
	grades := statusGroup{ID: "status-grade", Title: "沉睡专利等级", Items: []statusItem{
		{"A", "优先推广（默认：本次筛查得分前 10%）。"}, {"B", "其后 30%（默认）。"}, {"C", "其后 40%（默认）。"}, {"D", "最后 20%（默认），可考虑不再维持。"},
	}}
	return append(groups, reasons, grades)
}
