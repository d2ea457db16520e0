package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"patentbridge"
)

// demoFilingServices is what the demo's programme records are filled through: the
// registry, the patents, deals, filings, commissioners and outlets.
type demoFilingServices interface {
	patentbridge.OrganizationService
	patentbridge.PatentService
	patentbridge.DealService
	patentbridge.FilingService
	patentbridge.CommissionerService
	patentbridge.OutletService
}

// demoFilers are the demo's filing enterprises across several 市(州), SMEs and not.
var demoFilers = []patentbridge.Organization{
	{Name: "成都天府锂能新材料有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "成都蓉芯微电子有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "四川川能智慧能源股份有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"},
	{Name: "绵阳九洲智能装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", SME: true},
	{Name: "四川长虹电器股份有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107"},
	{Name: "德阳东汽配套机械有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
	{Name: "宜宾某酒业有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5115", SME: true},
	{Name: "雅安某茶业有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5118", SME: true},
}

// demoFiling is one product of a demo firm: filed on a day, with its
// figures in 万元 of its filing year and, for one filed in 2025, of 2026.
type demoFiling struct {
	firm, product, model, industry string
	filed                          string
	output, sales                  [2]int64 // 万元: the filing year, then 2026 (0: none)
}

var demoFilings = []demoFiling{
	{"成都天府锂能新材料有限公司", "高镍三元正极材料", "NCM-811", "新能源", "2025-03-18", [2]int64{1800, 2600}, [2]int64{1500, 2300}},
	{"成都天府锂能新材料有限公司", "磷酸锰铁锂正极材料", "LMFP-2", "新能源", "2026-04-09", [2]int64{900}, [2]int64{650}},
	{"成都蓉芯微电子有限公司", "车规级电源管理芯片", "RX-PM100", "电子信息", "2025-06-02", [2]int64{3200, 4100}, [2]int64{2900, 3800}},
	{"四川川能智慧能源股份有限公司", "分布式光伏智能运维平台", "CN-EMS3", "能源化工", "2025-09-15", [2]int64{5200, 6100}, [2]int64{4700, 5600}},
	{"绵阳九洲智能装备有限公司", "北斗定位巡检机器人", "JZ-R7", "装备制造", "2025-05-20", [2]int64{760, 1120}, [2]int64{640, 990}},
	{"绵阳九洲智能装备有限公司", "激光雷达避障模组", "JZ-L2", "电子信息", "2026-03-11", [2]int64{420}, [2]int64{300}},
	{"四川长虹电器股份有限公司", "智能变频空调控制器", "CH-K9", "电子信息", "2026-02-27", [2]int64{8800}, [2]int64{8100}},
	{"德阳东汽配套机械有限公司", "燃气轮机叶片冷却组件", "DQ-B3", "装备制造", "2025-11-03", [2]int64{1350, 1980}, [2]int64{1200, 1750}},
	{"宜宾某酒业有限公司", "固态发酵智能控温窖池", "YB-J1", "食品饮料", "2025-08-08", [2]int64{560, 730}, [2]int64{510, 700}},
	{"雅安某茶业有限公司", "藏茶低温杀青生产线", "YA-T2", "食品饮料", "2026-05-16", [2]int64{280}, [2]int64{240}},
}

// demoCommissioner is a demo 知识产权专员 and the services it rendered.
type demoCommissioner struct {
	name, org, city, registered, left string
	services                          []demoService
}

type demoService struct {
	firm, day string
	kind      patentbridge.ServiceType
	outcome   string
}

var demoCommissioners = []demoCommissioner{
	{"王芳", "四川省知识产权服务促进中心", "5101", "2025-01-10", "", []demoService{
		{"成都天府锂能新材料有限公司", "2025-02-20", patentbridge.ServiceConversion, "协助受让四川大学正极材料专利，完成转让备案"},
		{"成都蓉芯微电子有限公司", "2025-04-11", patentbridge.ServiceValuation, "完成 3 件专利的价值评估，出具评估报告"},
		{"成都天府锂能新材料有限公司", "2026-03-02", patentbridge.ServiceFiling, "指导新产品专利布局，提交发明专利申请 2 件"},
	}},
	{"刘洋", "成都高新区知识产权服务中心", "5101", "2025-03-01", "", []demoService{
		{"四川川能智慧能源股份有限公司", "2025-07-08", patentbridge.ServiceNegotiation, "组织与光电所对接谈判，达成普通许可意向"},
		{"成都蓉芯微电子有限公司", "2026-06-19", patentbridge.ServiceDisclosure, "推送高校芯片领域沉睡专利清单 20 件"},
	}},
	{"张敏", "绵阳科技城知识产权运营中心", "5107", "2025-02-15", "", []demoService{
		{"绵阳九洲智能装备有限公司", "2025-04-22", patentbridge.ServiceNegotiation, "促成巡检机器人专利许可，许可费 30 万元"},
		{"四川长虹电器股份有限公司", "2026-01-15", patentbridge.ServiceValuation, "开展质押融资前的专利价值评估"},
	}},
	{"李强", "绵阳市知识产权保护中心", "5107", "2025-05-10", "2026-06-30", []demoService{
		{"绵阳九洲智能装备有限公司", "2025-10-09", patentbridge.ServiceFiling, "协助办理专利年费缓减"},
	}},
	{"陈静", "德阳市知识产权服务站", "5106", "2025-04-01", "", []demoService{
		{"德阳东汽配套机械有限公司", "2025-09-12", patentbridge.ServiceConversion, "对接东方电气叶片冷却专利许可"},
		{"德阳东汽配套机械有限公司", "2026-04-20", patentbridge.ServiceDisclosure, "解读专利产品备案政策并完成备案"},
	}},
	{"赵雪", "宜宾市知识产权服务中心", "5115", "2026-01-05", "", []demoService{
		{"宜宾某酒业有限公司", "2026-02-26", patentbridge.ServiceValuation, "评估窖池控温专利组合价值"},
	}},
	{"孙磊", "雅安市知识产权服务站", "5118", "2026-02-01", "", []demoService{
		{"雅安某茶业有限公司", "2026-04-03", patentbridge.ServiceConversion, "对接四川农业大学杀青工艺专利"},
	}},
}

// demoOutlets are the demo's service agencies and outlets (网点).
var demoOutlets = []patentbridge.ServiceOutlet{
	{Name: "四川省知识产权服务促进中心", Kind: patentbridge.OutletAgency, City: "5101"},
	{Name: "成都高新区知识产权服务网点", Kind: patentbridge.OutletPoint, City: "5101"},
	{Name: "天府新区知识产权服务网点", Kind: patentbridge.OutletPoint, City: "5101"},
	{Name: "绵阳科技城知识产权运营中心", Kind: patentbridge.OutletAgency, City: "5107"},
	{Name: "德阳装备产业知识产权服务网点", Kind: patentbridge.OutletPoint, City: "5106"},
	{Name: "宜宾三江新区知识产权服务网点", Kind: patentbridge.OutletPoint, City: "5115"},
	{Name: "雅安藏茶产业知识产权服务网点", Kind: patentbridge.OutletPoint, City: "5118"},
}

var demoOutletOpened = []string{"2025-01-06", "2025-03-15", "2026-02-10", "2025-04-28", "2025-08-01", "2026-03-20", "2026-05-08"}

// demoTechManagers are the demo's 技术经理人: name, organization, city, registered.
var demoTechManagers = [][4]string{
	{"周婷", "四川大学", "5101", "2025-03-20"}, {"吴昊", "中国科学院光电技术研究所", "5101", "2025-06-18"},
	{"郑凯", "西南科技大学", "5107", "2025-09-05"}, {"冯丽", "东方电气集团东方电机有限公司", "5106", "2026-01-12"},
	{"何涛", "四川轻化工大学", "5115", "2026-04-22"}, {"罗佳", "四川农业大学", "5118", "2026-05-30"},
}

// loadDemoFilings fills, through the services, once (nothing when filings
// exist), the programme records of 2025 and 2026: the demo firms' product
// filings (each using a university or institute patent assigned or licensed
// to it by a deal the demo records, and for those filed in 2025 the yearly
// update of 2026), commissioners and their services, agencies and outlets,
// and technology managers. Records dated after today are left out.
func loadDemoFilings(ctx context.Context, m demoFilingServices, today time.Time, logger *slog.Logger) error {
	ctx = platform(ctx)
	if fs, _, err := m.ListFilings(ctx, patentbridge.FilingFilter{Limit: 1}); err != nil || len(fs) > 0 {
		return err
	}
	for _, o := range demoFilers {
		if _, err := demoOrganization(ctx, m, o); err != nil {
			return fmt.Errorf("demo firm %s: %w", o.Name, err)
		}
	}
	day := func(s string) (time.Time, bool) {
		t, err := patentbridge.ParseDate(s)
		return t, err == nil && !t.After(today)
	}
	sources, err := demoSourcePatents(ctx, m)
	if err != nil {
		return err
	}
	var filed int
	for i, d := range demoFilings {
		on, ok := day(d.filed)
		if !ok {
			continue
		}
		f := &patentbridge.ProductFiling{OrgName: d.firm, Product: d.product, Model: d.model, Industry: d.industry, FiledOn: on,
			Years: []patentbridge.FilingYear{{Year: on.Year(), OutputFen: d.output[0] * 1_000_000, SalesFen: d.sales[0] * 1_000_000}}}
		if p := demoSourceFiledBy(sources, i, on.AddDate(0, -2, 0)); p != nil {
			src := []patentbridge.PatentSource{patentbridge.SourceAssigned, patentbridge.SourceLicensed}[i%2]
			if err := demoSourceDeal(ctx, m, p, d.firm, src, on.AddDate(0, -2, 0)); err != nil {
				return err
			}
			f.Patents = append(f.Patents, patentbridge.FiledPatent{AppNo: p.AppNo, Source: src})
		}
		if len(f.Patents) == 0 {
			continue // a demo without university patents files nothing
		}
		if err := m.CreateFiling(ctx, f); err != nil {
			return fmt.Errorf("demo filing %s: %w", d.product, err)
		}
		filed++
		if y := on.Year() + 1; d.output[1] > 0 && y <= today.Year() {
			if _, err := m.SetFilingYear(ctx, f.ID, patentbridge.FilingYear{Year: y, OutputFen: d.output[1] * 1_000_000, SalesFen: d.sales[1] * 1_000_000}); err != nil {
				return fmt.Errorf("demo filing %s: %w", d.product, err)
			}
		}
	}
	var services int
	for _, dc := range demoCommissioners {
		reg, ok := day(dc.registered)
		if !ok {
			continue
		}
		c := &patentbridge.Commissioner{Name: dc.name, OrgName: dc.org, City: dc.city, RegisteredOn: reg}
		if left, ok := day(dc.left); ok {
			c.LeftOn = left
		}
		if err := m.CreateCommissioner(ctx, c); err != nil {
			return fmt.Errorf("demo commissioner %s: %w", dc.name, err)
		}
		for _, s := range dc.services {
			on, ok := day(s.day)
			if !ok {
				continue
			}
			r := &patentbridge.ServiceRecord{CommissionerID: c.ID, OrgName: s.firm, ServedOn: on, Type: s.kind, Outcome: s.outcome}
			if err := m.RecordService(ctx, r); err != nil {
				return fmt.Errorf("demo service of %s: %w", dc.name, err)
			}
			services++
		}
	}
	for i, o := range demoOutlets {
		on, ok := day(demoOutletOpened[i])
		if !ok {
			continue
		}
		o.OpenedOn = on
		if err := m.CreateOutlet(ctx, &o); err != nil {
			return fmt.Errorf("demo outlet %s: %w", o.Name, err)
		}
	}
	for _, tm := range demoTechManagers {
		on, ok := day(tm[3])
		if !ok {
			continue
		}
		if err := m.CreateTechManager(ctx, &patentbridge.TechManager{Name: tm[0], OrgName: tm[1], City: tm[2], RegisteredOn: on}); err != nil {
			return fmt.Errorf("demo technology manager %s: %w", tm[0], err)
		}
	}
	logger.Info("演示专利产品备案与专员服务已生成", "filings", filed, "commissioners", len(demoCommissioners), "services", services,
		"outlets", len(demoOutlets), "tech_managers", len(demoTechManagers))
	return nil
}

// demoSourcePatents picks patents in force owned by a university or an
// institute, the sources of the demo firms' products.
func demoSourcePatents(ctx context.Context, m demoFilingServices) ([]*patentbridge.Patent, error) {
	var out []*patentbridge.Patent
	for _, t := range []patentbridge.PartyType{patentbridge.PartyUniversity, patentbridge.PartyInstitute} {
		ps, _, err := m.ListPatents(ctx, patentbridge.PatentFilter{OwnerType: t, Status: patentbridge.StatusInForce, Sort: "app_no", Limit: 12})
		if err != nil {
			return nil, fmt.Errorf("demo filing patents: %w", err)
		}
		for _, p := range ps {
			if o := p.Owners(); len(o) > 0 && (o[0].Type == patentbridge.PartyUniversity || o[0].Type == patentbridge.PartyInstitute) {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// demoSourceFiledBy returns the first of sources, from the i-th round, filed
// on or before the deal's day on (nil when none is), so that no demo deal
// precedes its patent's 申请日.
func demoSourceFiledBy(sources []*patentbridge.Patent, i int, on time.Time) *patentbridge.Patent {
	for k := range sources {
		if p := sources[(i+k)%len(sources)]; len(filedBy([]*patentbridge.Patent{p}, on)) == 1 {
			return p
		}
	}
	return nil
}

// demoSourceDeal records the transfer (受让) or ordinary licence (许可) of p
// from its first owner to the firm, contracted on the day; the same deal
// recorded before is kept.
func demoSourceDeal(ctx context.Context, m demoFilingServices, p *patentbridge.Patent, firm string, src patentbridge.PatentSource, on time.Time) error {
	kind := patentbridge.DealOrdinary
	if src == patentbridge.SourceAssigned {
		kind = patentbridge.DealTransfer
	}
	owner := p.Owners()[0]
	d := &patentbridge.Deal{AppNo: p.AppNo, Kind: kind, FromName: owner.Name, FromType: owner.Type, ToName: firm,
		ToType: patentbridge.PartyEnterprise, AmountFen: 30_0000_00, ContractDate: on}
	if err := m.CreateDeal(ctx, d); err != nil && patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		return fmt.Errorf("demo deal of %s: %w", p.AppNo, err)
	}
	return nil
}
