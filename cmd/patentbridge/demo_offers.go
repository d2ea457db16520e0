package main

import (
	"context"
	"log/slog"

	"patentbridge"
)

// demoMarket is what the demo's market is seeded through: the registry, the
// patents and the offer and pool services.
type demoMarket interface {
	patentbridge.OrganizationService
	patentbridge.PatentService
	patentbridge.OfferService
	patentbridge.PoolService
}

// demoSOEs are real Sichuan SOEs among the generated patents' owners; the
// registry types them 国有企业 (the generator's export calls them 工矿企业), so
// their patents are SOE-owned in the demo.
var demoSOEs = []*patentbridge.Organization{
	{Name: "东方电气集团东方电机有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
	{Name: "东方电气集团东方汽轮机有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
	{Name: "东方电气集团东方锅炉股份有限公司", Type: patentbridge.PartySOE, CityCode: "5103"},
	{Name: "中国第二重型机械集团有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
	{Name: "攀钢集团研究院有限公司", Type: patentbridge.PartySOE, CityCode: "5104"},
	{Name: "中国五冶集团有限公司", Type: patentbridge.PartySOE, CityCode: "5101"},
	{Name: "中铁二院工程集团有限责任公司", Type: patentbridge.PartySOE, CityCode: "5101"},
}

// demoOffer is one offer the demo publishes: the owner, how many of its
// patents, and the terms. Open-licence offers are not among them: they need an
// announced declaration, and loadDemoOpenOffers publishes them after the
// demo's declarations are announced.
type demoOffer struct {
	owner    string
	patents  int
	kind     patentbridge.OfferKind
	priceFen int64
	terms    string
	trl      int
	shared   bool
}

var demoOffers = []demoOffer{
	{"四川大学", 1, patentbridge.OfferTransfer, 50_0000_00, "", 6, false},
	{"四川大学", 3, patentbridge.OfferExclusive, 0, "", 5, false},
	{"中国科学院光电技术研究所", 1, patentbridge.OfferOrdinary, 20_0000_00, "", 7, false},
	{"中国科学院光电技术研究所", 1, patentbridge.OfferEquity, 120_0000_00, "以专利作价入股，占股不超过 20%", 6, false},
	{"东方电气集团东方电机有限公司", 2, patentbridge.OfferOrdinary, 0, "先使用后付费：前 12 个月免费，此后按净销售额 2% 提成", 8, true},
	{"东方电气集团东方汽轮机有限公司", 1, patentbridge.OfferOrdinary, 30_0000_00, "", 8, true},
	{"中国五冶集团有限公司", 1, patentbridge.OfferTransfer, 0, "", 7, true},
	{"攀钢集团研究院有限公司", 2, patentbridge.OfferSole, 80_0000_00, "", 7, true},
	{"中国第二重型机械集团有限公司", 1, patentbridge.OfferOrdinary, 15_0000_00, "", 9, true},
}

// loadDemoMarket registers the demo's SOEs, then publishes the demo offers (of
// universities, institutes and SOEs, the SOEs' as 成熟专利共享) and two patent
// pools through the services, once: it does nothing when offers exist. An
// owner without patents in a small demo is skipped.
func loadDemoMarket(ctx context.Context, m demoMarket, logger *slog.Logger) error {
	ctx = platform(ctx)
	if n, _, err := m.ListOffers(ctx, patentbridge.OfferFilter{Limit: 1}); err != nil || len(n) > 0 {
		return err
	}
	if _, err := m.UpsertOrganizations(ctx, demoSOEs); err != nil {
		return err
	}
	used := map[string]bool{}
	// patentsOf picks n unused patents of the owner, of the status ("" any);
	// sole ones only when a pool takes them (a co-owned patent enters a pool
	// with all its owners).
	patentsOf := func(owner string, n int, sole bool, status patentbridge.LegalStatus) ([]string, int64) {
		org, err := m.FindOrganizationByName(ctx, owner)
		if err != nil {
			return nil, 0
		}
		ps, _, err := m.ListPatents(ctx, patentbridge.PatentFilter{OrgID: org.ID, Status: status, Limit: 50})
		if err != nil {
			return nil, 0
		}
		var out []string
		for _, p := range ps {
			if len(out) < n && !used[p.AppNo] && (!sole || len(p.Owners()) == 1) {
				used[p.AppNo] = true
				out = append(out, p.AppNo)
			}
		}
		return out, org.ID
	}
	published := 0
	for _, d := range demoOffers {
		nos, orgID := patentsOf(d.owner, d.patents, false, patentbridge.StatusInForce) // no offer on a lapsed patent
		if len(nos) == 0 {
			logger.Info("演示报价跳过：单位没有专利", "organization", d.owner)
			continue
		}
		o := &patentbridge.Offer{OrgID: orgID, Kind: d.kind, AppNos: nos, PriceFen: d.priceFen, Negotiable: d.priceFen == 0 && d.terms == "",
			Terms: d.terms, TRL: d.trl, SOEShared: d.shared, Fields: "装备制造、新材料、电子信息等相关产业",
			Problem: "解决现有工艺效率低、成本高、可靠性不足的问题", Advantage: "已完成样机或中试验证，性能指标优于同类产品",
			Contact: d.owner + "技术转移部门（演示数据）"}
		if err := m.CreateOffer(ctx, o); err != nil {
			return err
		}
		if _, err := m.PublishOffer(ctx, o.ID); err != nil {
			return err
		}
		published++
	}
	pools := []struct {
		name, field, terms string
		fee                *patentbridge.FeeTerms
		members            []string
	}{
		{"四川重大技术装备专利池", "发电设备与重型装备", "对成员以外企业打包普通许可；中小企业可先使用后付费，12 个月后一次性支付 60 万元。",
			&patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 12, Then: &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 60_0000_00}},
			[]string{"东方电气集团东方电机有限公司", "东方电气集团东方汽轮机有限公司", "中国第二重型机械集团有限公司"}},
		{"川渝光电与新材料专利池", "光电技术与先进材料", "打包普通许可，入门费 20 万元加净销售额 1% 提成，每季度报告。",
			&patentbridge.FeeTerms{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 20_0000_00, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 100, ReportMonths: 3},
			[]string{"四川大学", "中国科学院光电技术研究所"}},
	}
	for _, pd := range pools {
		p := &patentbridge.Pool{Name: pd.name, Field: pd.field, Terms: pd.terms, Fee: pd.fee}
		for _, owner := range pd.members {
			nos, orgID := patentsOf(owner, 3, true, "")
			if orgID != 0 && len(nos) > 0 {
				p.Members = append(p.Members, patentbridge.PoolMember{OrgID: orgID})
				p.AppNos = append(p.AppNos, nos...)
			}
		}
		if len(p.Members) < 2 {
			continue
		}
		if err := m.CreatePool(ctx, p); err != nil {
			return err
		}
		if _, err := m.PublishPool(ctx, p.ID); err != nil {
			return err
		}
	}
	logger.Info("演示报价与专利池已发布", "offers", published)
	return nil
}

// demoOpenOffers is how many of the announced declarations the demo also
// offers on the market as 开放许可 offers.
const demoOpenOffers = 2

// loadDemoOpenOffers publishes an open-licence offer on the market for the
// first demoOpenOffers of the announced declarations, by their declaring
// organization, with the declaration's fee as the terms; once: it does nothing
// when an open-licence offer exists.
func loadDemoOpenOffers(ctx context.Context, offers patentbridge.OfferService, announced []*patentbridge.OpenLicence, logger *slog.Logger) error {
	ctx = platform(ctx)
	if os, _, err := offers.ListOffers(ctx, patentbridge.OfferFilter{Kind: patentbridge.OfferOpenLicence, Limit: 1}); err != nil || len(os) > 0 {
		return err
	}
	published := 0
	for _, ol := range announced {
		if published == demoOpenOffers {
			break
		}
		if ol.Status != patentbridge.OpenAnnounced {
			continue
		}
		o := &patentbridge.Offer{OrgID: ol.OrgID, Kind: patentbridge.OfferOpenLicence, AppNos: []string{ol.AppNo}, TRL: 5,
			Terms:  "开放许可：" + patentbridge.FeeTermsText(ol.Fee) + "（以开放许可声明为准）",
			Fields: "装备制造、新材料、电子信息等相关产业", Problem: "解决现有工艺效率低、成本高、可靠性不足的问题",
			Advantage: "已完成样机或中试验证，性能指标优于同类产品", Contact: ol.OrgName + "技术转移部门（演示数据）"}
		if err := offers.CreateOffer(ctx, o); err != nil {
			return err
		}
		if _, err := offers.PublishOffer(ctx, o.ID); err != nil {
			return err
		}
		published++
	}
	logger.Info("演示开放许可报价已发布", "offers", published)
	return nil
}
