package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"patentbridge"
)

// demoProgramme is what the demo's programme records are seeded through: the
// registry, the patents, the deals and the event, case, pilot-base and
// 科创板 pipeline services.
type demoProgramme interface {
	patentbridge.OrganizationService
	patentbridge.PatentService
	patentbridge.DealService
	patentbridge.EventService
	patentbridge.CaseService
	patentbridge.PilotBaseService
	patentbridge.ListingService
}

// demoFirms are the SMEs of several 市(州) that the demo's events reach, its
// deals go to and its 科创板 pipeline screens.
var demoFirms = []*patentbridge.Organization{
	{Name: "成都蜀芯微电子有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "成都天府锂电科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "成都蓉光精密仪器有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	{Name: "德阳旌湖重装配件有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
	{Name: "德阳川西清洁能源装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
	{Name: "绵阳涪江智能传感有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", SME: true},
	{Name: "绵阳科城新材料有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", SME: true},
	{Name: "攀枝花钒钛新材料科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5104", SME: true},
	{Name: "自贡盐都生物科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5103", SME: true},
	{Name: "宜宾三江锂能科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5115", SME: true},
	{Name: "泸州酒城酿造装备有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5105", SME: true},
	{Name: "南充嘉陵丝绸科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5113", SME: true},
}

// demoEvent is one matching event the demo records; deals is how many of
// its projects a deal followed.
type demoEvent struct {
	kind         patentbridge.EventKind
	title, city  string
	held         string
	organizer    string
	participants int
	projects     int
	deals        int
}

var demoEvents = []demoEvent{
	{patentbridge.EventCampusShow, "四川大学高价值专利成果展示会", "5101", "2025-04-18", "四川大学", 260, 6, 2},
	{patentbridge.EventRoadshow, "中科院光电所专利技术路演", "5101", "2025-06-20", "中国科学院光电技术研究所", 140, 4, 1},
	{patentbridge.EventParkVisit, "东方电气专利进德阳经开区惠企行", "5106", "2025-09-10", "东方电气集团东方电机有限公司", 90, 3, 1},
	{patentbridge.EventFair, "绵阳科技城专利供需对接会", "5107", "2025-11-06", "绵阳市科学技术局", 180, 5, 0},
	{patentbridge.EventParkVisit, "攀钢研究院钒钛专利入园惠企", "5104", "2025-12-02", "攀钢集团研究院有限公司", 70, 3, 1},
	{patentbridge.EventRoadshow, "成都高新区专利转化路演（春季）", "5101", "2026-03-26", "成都市知识产权局", 210, 5, 1},
	{patentbridge.EventCampusShow, "四川大学专利开放许可推介会", "5101", "2026-04-23", "四川大学", 230, 6, 2},
	{patentbridge.EventParkVisit, "中国二重专利进园区", "5106", "2026-05-15", "中国第二重型机械集团有限公司", 60, 3, 1},
	{patentbridge.EventFair, "川南专利技术对接会", "5105", "2026-06-18", "泸州市市场监督管理局", 120, 4, 0},
	{patentbridge.EventRoadshow, "宜宾锂电产业专利路演", "5115", "2026-07-09", "中国科学院光电技术研究所", 100, 4, 1},
	{patentbridge.EventParkVisit, "东方锅炉专利惠企行（自贡）", "5103", "2026-09-03", "东方电气集团东方锅炉股份有限公司", 80, 3, 1},
	{patentbridge.EventFair, "绵阳军民融合专利对接会", "5107", "2026-10-15", "西南科技大学", 150, 4, 1},
}

// demoDay reads a demo date, moved back to today when it lies ahead (a demo
// started before the date).
func demoDay(s string) time.Time {
	d, err := patentbridge.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return earliest(patentbridge.DateOf(d), patentbridge.DateOf(patentbridge.Now()))
}

// earliest returns the earlier of two times.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// demoTitles stand in for projects when an organizer has too few patents in a small demo.
var demoTitles = []string{"一种锂离子电池正极材料及其制备方法", "一种高速铁路桥梁健康监测装置", "一种川芎提取物的制备方法及其应用",
	"一种页岩气井压裂液返排处理系统", "基于深度学习的中文专利文本分类方法", "一种茶叶杀青机"}

// loadDemoEvents records, through the services and once (nothing when events
// exist), the demo's matching events of 2025 and 2026 across several
// 市(州) with their projects (the organizers' patents), deals that followed
// some of them (created through the deal service and linked), typical cases
// telling of those deals, pilot bases and a 科创板 pipeline of SMEs at every stage.
func loadDemoEvents(ctx context.Context, s demoProgramme, logger *slog.Logger) error {
	ctx = platform(ctx)
	if es, _, err := s.ListEvents(ctx, patentbridge.ProgrammeFilter{Limit: 1}); err != nil || len(es) > 0 {
		return err
	}
	if _, err := s.UpsertOrganizations(ctx, demoFirms); err != nil {
		return err
	}
	firmsOf := map[string][]string{}
	for _, f := range demoFirms {
		firmsOf[f.CityCode] = append(firmsOf[f.CityCode], f.Name)
	}
	var followed []*patentbridge.Deal
	shown := map[string]int{} // patents of each organizer presented so far
	for i, de := range demoEvents {
		ps := demoPatentsOf(ctx, s, de.organizer, shown[de.organizer], de.projects)
		shown[de.organizer] += len(ps)
		e := &patentbridge.Event{Kind: de.kind, Title: de.title, City: de.city, HeldOn: demoDay(de.held), Organizer: de.organizer, Participants: de.participants}
		for j := range de.projects {
			p := &patentbridge.EventProject{Title: demoTitles[(i+j)%len(demoTitles)] + fmt.Sprintf("（项目%d）", j+1), OrgName: de.organizer}
			if j < len(ps) {
				p.Title, p.AppNo = ps[j].Title, ps[j].AppNo
			}
			e.Projects = append(e.Projects, p)
		}
		if err := s.CreateEvent(ctx, e); err != nil {
			return fmt.Errorf("demo event %s: %w", de.title, err)
		}
		firms := firmsOf[de.city]
		for j, made := 0, 0; made < de.deals && j < len(e.Projects) && e.Projects[j].AppNo != "" && len(firms) > 0; j++ {
			on := demoDay(e.HeldOn.AddDate(0, 0, 30+10*j).Format("2006-01-02"))
			if j < len(ps) && len(filedBy(ps[j:j+1], on)) == 0 {
				continue // no contract before the patent's 申请日
			}
			made++
			d := &patentbridge.Deal{AppNo: e.Projects[j].AppNo, Kind: []patentbridge.DealKind{patentbridge.DealOrdinary, patentbridge.DealTransfer, patentbridge.DealExclusive}[(i+j)%3],
				FromName: de.organizer, FromType: patentbridge.ClassifyParty(de.organizer, ""), ToName: firms[j%len(firms)], ToType: patentbridge.PartyEnterprise,
				AmountFen: int64(20+15*((i+j)%6)) * 10_000_00, ContractDate: on, Source: patentbridge.DealFromForm}
			if o, err := s.FindOrganizationByName(ctx, de.organizer); err == nil {
				d.FromType = o.Type
			}
			if err := s.CreateDeal(ctx, d); err != nil {
				return fmt.Errorf("demo deal after %s: %w", de.title, err)
			}
			if err := s.LinkEventDeal(ctx, e.ID, d.ID); err != nil {
				return err
			}
			followed = append(followed, d)
		}
	}
	if err := loadDemoCases(ctx, s, followed); err != nil {
		return err
	}
	if err := loadDemoPilotBases(ctx, s); err != nil {
		return err
	}
	if err := loadDemoPipeline(ctx, s); err != nil {
		return err
	}
	logger.Info("演示对接活动、典型案例、中试基地与科创板培育库已登记", "events", len(demoEvents), "deals", len(followed))
	return nil
}

// demoPatentsOf returns up to n patents of the organization after the first
// skip, none when the registry does not know it.
func demoPatentsOf(ctx context.Context, s demoProgramme, name string, skip, n int) []*patentbridge.Patent {
	o, err := s.FindOrganizationByName(ctx, name)
	if err != nil {
		return nil
	}
	ps, _, err := s.ListPatents(ctx, patentbridge.PatentFilter{OrgID: o.ID, Sort: "app_no", Limit: n, Offset: skip})
	if err != nil {
		return nil
	}
	return ps
}

// loadDemoCases publishes a typical case for every other deal that followed
// an event (in the deal's city, a month after its contract), and one case
// published ahead of today so the public list shows it later.
func loadDemoCases(ctx context.Context, s demoProgramme, deals []*patentbridge.Deal) error {
	for i, d := range deals {
		if i%2 == 1 || d.ToCity == "" {
			continue
		}
		c := &patentbridge.TypicalCase{Title: fmt.Sprintf("%s专利%s%s", d.FromName, d.Kind.Label(), d.ToName),
			Body: fmt.Sprintf("%s在对接活动中展示的专利（申请号 %s）以%s方式转化给%s，合同金额 %s。企业当年完成样机并投入试生产，"+
				"成为校（院、企）地协同推动专利转化运用的典型。", d.FromName, d.AppNo, d.Kind.Label(), d.ToName, patentbridge.FormatFen(d.AmountFen)),
			City: d.ToCity, PublishedOn: demoDay(d.ContractDate.AddDate(0, 1, 0).Format("2006-01-02")), DealIDs: []int64{d.ID}}
		if err := s.CreateCase(ctx, c); err != nil {
			return fmt.Errorf("demo case: %w", err)
		}
	}
	ahead := &patentbridge.TypicalCase{Title: "专利开放许可助力中小企业“先用后付”（待发布）",
		Body: "高校以开放许可方式向中小企业许可专利，企业先使用后付费，降低了技术引进门槛。", City: "5101",
		PublishedOn: patentbridge.DateOf(patentbridge.Now()).AddDate(0, 1, 0)}
	return s.CreateCase(ctx, ahead)
}

// loadDemoPilotBases registers pilot bases (中试熟化基地) of 2025 and 2026.
func loadDemoPilotBases(ctx context.Context, s demoProgramme) error {
	for _, b := range []*patentbridge.PilotBase{
		{Name: "四川大学新材料中试熟化基地", OrgName: "四川大学", City: "5101", EstablishedOn: demoDay("2025-03-15")},
		{Name: "东方电气清洁能源装备中试基地", OrgName: "东方电气集团东方电机有限公司", City: "5106", EstablishedOn: demoDay("2025-07-01")},
		{Name: "攀西钒钛资源综合利用中试基地", OrgName: "攀钢集团研究院有限公司", City: "5104", EstablishedOn: demoDay("2025-10-20")},
		{Name: "绵阳电子信息中试熟化基地", OrgName: "西南科技大学", City: "5107", EstablishedOn: demoDay("2026-02-28")},
		{Name: "宜宾动力电池中试基地", OrgName: "宜宾三江锂能科技有限公司", City: "5115", EstablishedOn: demoDay("2026-06-06")},
		{Name: "光电精密制造中试熟化基地", OrgName: "中国科学院光电技术研究所", City: "5101", EstablishedOn: demoDay("2026-08-18")},
	} {
		if err := s.CreatePilotBase(ctx, b); err != nil {
			return fmt.Errorf("demo pilot base %s: %w", b.Name, err)
		}
	}
	return nil
}

// loadDemoPipeline screens the demo SMEs into the 科创板 pipeline over 2025
// and 2026: every third is followed, and some of those listed.
func loadDemoPipeline(ctx context.Context, s demoProgramme) error {
	for i, f := range demoFirms {
		screened := demoDay(fmt.Sprintf("%d-%02d-10", 2025+i%2, 2+i%9))
		c := &patentbridge.ListingCandidate{OrgName: f.Name, ScreenedOn: screened}
		if err := s.CreateListingCandidate(ctx, c); err != nil {
			return fmt.Errorf("demo listing %s: %w", f.Name, err)
		}
		if i%3 != 0 {
			continue
		}
		if _, err := s.AdvanceListing(ctx, c.ID, patentbridge.ListingFollowed, earliest(screened.AddDate(0, 3, 0), demoDay("2026-10-31"))); err != nil {
			return err
		}
		if i%2 == 0 {
			if _, err := s.AdvanceListing(ctx, c.ID, patentbridge.ListingListed, earliest(screened.AddDate(0, 9, 0), demoDay("2026-11-15"))); err != nil {
				return err
			}
		}
	}
	return nil
}
