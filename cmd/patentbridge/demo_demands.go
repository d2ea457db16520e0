package main

import (
	"context"
	"log/slog"

	"patentbridge"
)

// demoDemands are typical needs of Sichuan SMEs, published by `serve --demo` so the
// demand pages and their matches have something to show.
var demoDemands = []patentbridge.Demand{
	{Title: "白酒固态发酵自动控温技术", Industry: "川酒", RegionCode: "511500", BudgetMin: 50, BudgetMax: 200,
		Enterprise: "宜宾某酒业有限公司", Contact: "张经理 0831-0000000",
		Description: "白酒固态发酵过程温度难以控制，窖池升温过快影响出酒率和品质，希望引进自动控温技术或发酵过程监测装置。"},
	{Title: "名优绿茶连续化加工设备", Industry: "川茶", RegionCode: "511800", BudgetMin: 30, BudgetMax: 100,
		Enterprise: "雅安某茶业有限公司", Contact: "李厂长 0835-0000000",
		Description: "现有杀青、揉捻、烘干工序靠人工衔接，茶叶品质不稳定，希望引进名优绿茶连续化、自动化加工生产线技术。"},
	{Title: "退役锂离子电池正极材料回收", Industry: "能源化工", RegionCode: "510900", BudgetMin: 200, BudgetMax: 800,
		Enterprise: "遂宁某新材料有限公司", Contact: "王总工 0825-0000000",
		Description: "需要从退役动力锂离子电池中高效回收镍钴锰锂等正极材料，要求回收率高、污染小，寻求湿法或火法回收工艺专利。"},
	{Title: "丘陵山区小型农业机械", Industry: "农业装备", RegionCode: "511300", BudgetMin: 20, BudgetMax: 80,
		Enterprise: "南充某农机有限公司", Contact: "赵经理 0817-0000000",
		Description: "丘陵山区地块小、坡度大，大型农机无法作业，希望引进适合丘陵山区的小型耕整地、播种和收获机械技术。"},
}

// demoFeatured are the subjects of the demo demands; the demo's generated patents take
// the real titles holding them first, so each demand has patents to match.
var demoFeatured = []string{"酒", "茶", "锂", "农", "播种", "耕"}

// loadDemoDemands publishes the demo demands when the database has none.
func loadDemoDemands(ctx context.Context, demands patentbridge.DemandService, logger *slog.Logger) error {
	if _, total, err := demands.ListDemands(ctx, patentbridge.DemandFilter{Limit: 1}); err != nil || total > 0 {
		return err
	}
	ctx = platform(ctx)
	now := patentbridge.Now().UTC()
	for _, d := range demoDemands {
		d.Deadline = now.AddDate(0, 6, 0)
		if err := demands.CreateDemand(ctx, &d); err != nil {
			return err
		}
		if err := demands.ModerateDemand(ctx, d.ID, true, ""); err != nil {
			return err
		}
	}
	logger.Info("演示技术需求已发布", "demands", len(demoDemands))
	return nil
}
