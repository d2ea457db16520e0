package patentbridge

// The indicator groups, as the report's sheets and the dashboard's sections.
const (
	KPIGroupConversion = "转移转化"
	KPIGroupFinance    = "质押融资"
	KPIGroupSupply     = "供需对接"
	KPIGroupService    = "服务体系"
)

// KPIGroups lists the groups in the order pages show them.
var KPIGroups = []string{KPIGroupConversion, KPIGroupFinance, KPIGroupSupply, KPIGroupService}

// KPIs is the indicator set of the plan (DESIGN §3.11), seeded with its
// targets; the admin may set another target for a year (KPITarget). A deal
// counts for the 市(州) of its receiving party and the year of its contract.
var KPIs = []KPI{
	{ID: "sme_received_conversions", Name: "中小企业受让高校院所和国企专利", Unit: "件", Group: KPIGroupConversion, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 20,
		Definition: "当年合同日期的转移转化记录中，让与方为大专院校、科研单位或国有企业，受让方为中小微企业（记录未填写时按机构名录）的转让、各类许可和作价入股件数，计入受让方所在市（州）。"},
	{ID: "univ_conversions", Name: "高校院所专利转让许可", Unit: "件", Group: KPIGroupConversion, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 20,
		Definition: "当年合同日期的转移转化记录中，让与方为大专院校或科研单位的转让、许可和作价入股件数。"},
	{ID: "univ_to_sme_conversions", Name: "高校院所向中小企业转让许可", Unit: "件", Group: KPIGroupConversion, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 300,
		Definition: "当年合同日期的转移转化记录中，让与方为大专院校或科研单位、受让方为中小微企业的件数（全省每年300件以上）。"},
	{ID: "licences_transfers", Name: "专利许可转让总数", Unit: "件", Group: KPIGroupConversion, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 25,
		Definition: "当年合同日期的全部转移转化记录（转让、独占/排他/普通/开放许可、作价入股）件数。"},
	{ID: "sme_product_filings", Name: "中小企业专利产品备案", Unit: "件", Group: KPIGroupConversion, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 30,
		Definition: "当年备案日期的专利产品备案中，备案企业为中小微企业（机构名录）的件数，计入企业所在市（州）。"},
	{ID: "pledge_amount", Name: "专利质押融资金额", Unit: "万元", Group: KPIGroupFinance, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 30, Money: true,
		Definition: "当年放款的专利权质押贷款（已放款、已还清、已违约、已代偿）金额合计，计入借款企业所在市（州）。"},
	{ID: "pledge_projects", Name: "专利质押融资项目", Unit: "项", Group: KPIGroupFinance, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 15,
		Definition: "当年放款的专利权质押贷款笔数。"},
	{ID: "smes_reached", Name: "政策惠及中小企业", Unit: "家", Group: KPIGroupService, Measure: MeasureYear,
		TargetType: TargetGrowth, Target: 15,
		Definition: "当年受让或获许可专利、备案专利产品、获得质押贷款或接受知识产权专员服务的中小微企业家数（同一企业只计一次）。"},
	{ID: "sleeping_pool_size", Name: "沉睡专利数据库入库", Unit: "件", Group: KPIGroupSupply, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 10000,
		Definition: "年末前最近一次完成的沉睡专利筛查中判定为沉睡的专利件数，计入专利所在市（州）。"},
	{ID: "supply_lists_published", Name: "发布专利供给清单", Unit: "份", Group: KPIGroupSupply, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 20,
		Definition: "当年发布的专利供给清单份数（发布后撤回的仍计入发布年份）。"},
	{ID: "soe_shared_patents", Name: "国企共享成熟专利", Unit: "件", Group: KPIGroupSupply, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 100,
		Definition: "当年发布的国有企业成熟专利共享信息所含专利件数。"},
	{ID: "supply_demand_items", Name: "发布供需信息", Unit: "条", Group: KPIGroupSupply, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 30000,
		Definition: "当年发布的专利转让许可信息与企业技术需求条数。"},
	{ID: "matching_events", Name: "供需对接活动", Unit: "场", Group: KPIGroupSupply, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 10,
		Definition: "当年举办的路演、对接会、入园惠企和高校专利展示活动场次，计入举办地市（州）。"},
	{ID: "matching_projects", Name: "对接活动推介项目", Unit: "项", Group: KPIGroupSupply, Measure: MeasureYear,
		TargetType: TargetAbsolute, Target: 500,
		Definition: "当年举办的对接活动上推介的项目数。"},
	{ID: "sme_visit_events", Name: "高校院所和国企进中小企业活动", Unit: "场", Group: KPIGroupSupply, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 50,
		Definition: "截至年末，由大专院校、科研单位或国有企业主办的入园惠企活动累计场次。"},
	{ID: "enterprises_served", Name: "服务企业", Unit: "家", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 2000,
		Definition: "截至年末，知识产权专员服务记录中的服务企业累计家数（同一企业只计一次）。"},
	{ID: "commissioners", Name: "知识产权专员", Unit: "人", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 1000,
		Definition: "年末在册的知识产权专员人数（登记日期不晚于年末且未离任）。"},
	{ID: "service_outlets", Name: "服务机构和网点", Unit: "个", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 10,
		Definition: "年末在运营的知识产权服务机构和网点个数。"},
	{ID: "patent_pools", Name: "专利池", Unit: "个", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 10,
		Definition: "截至年末在平台发布的专利池个数，计入牵头成员所在市（州）。"},
	{ID: "pilot_bases", Name: "中试熟化基地", Unit: "个", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 5,
		Definition: "截至年末认定的专利中试熟化基地个数。"},
	{ID: "typical_cases", Name: "发布典型案例", Unit: "个", Group: KPIGroupService, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 50,
		Definition: "截至年末发布的专利转化典型案例累计个数。"},
	{ID: "kcb_screened", Name: "科创板后备企业（筛选）", Unit: "家", Group: KPIGroupFinance, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 200,
		Definition: "截至年末筛选入库的科创板上市后备企业累计家数。"},
	{ID: "kcb_followed", Name: "科创板后备企业（重点跟踪）", Unit: "家", Group: KPIGroupFinance, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 30,
		Definition: "截至年末进入重点跟踪的科创板后备企业累计家数。"},
	{ID: "kcb_listed", Name: "科创板上市企业", Unit: "家", Group: KPIGroupFinance, Measure: MeasureStock,
		TargetType: TargetAbsolute, Target: 20,
		Definition: "截至年末在科创板上市的后备企业累计家数。"},
}

// FindKPI returns the indicator with the id.
func FindKPI(id string) (KPI, bool) {
	for _, k := range KPIs {
		if k.ID == id {
			return k, true
		}
	}
	return KPI{}, false
}
