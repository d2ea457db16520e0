package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"
)

// demoDealer is what the demo's deals are recorded through: the registry,
// the patents and the deal service.
type demoDealer interface {
	patentbridge.OrganizationService
	patentbridge.PatentService
	patentbridge.DealService
}

// demoDeal is one deal the demo records as a city official would type it
// from a contract: the giver (whose n-th patent it is), the receiver with its
// region and SME flag, the kind, the amount in 万元 and the date.
type demoDeal struct {
	from     string
	nth      int
	to       string
	region   string
	sme      bool
	kind     patentbridge.DealKind
	wan      int64
	y, m, d  int
	recorded string // 备案号, "" when not filed
}

// demoDeals spread over 2025 and 2026 and several 市(州): universities and
// institutes to SMEs (the programme's core indicator), an SOE's licences, a
// university's transfer to a large enterprise, and one enterprise-to-enterprise
// transfer that no university indicator counts.
var demoDeals = []demoDeal{
	{"四川大学", 0, "成都锂能新材料科技有限公司", "510116", true, patentbridge.DealTransfer, 60, 2025, 4, 18, "2025510000012345"},
	{"四川大学", 1, "眉山天府储能科技有限公司", "511402", true, patentbridge.DealOrdinary, 15, 2025, 9, 2, ""},
	{"电子科技大学", 0, "绵阳九州微波电子有限公司", "510703", true, patentbridge.DealExclusive, 80, 2025, 6, 30, "2025510000023456"},
	{"西南交通大学", 0, "中车眉山车辆有限公司", "511402", false, patentbridge.DealTransfer, 120, 2025, 11, 12, ""},
	{"四川大学", 2, "成都锂能新材料科技有限公司", "510116", true, patentbridge.DealEquity, 300, 2026, 3, 8, ""},
	{"四川大学", 3, "德阳旌城智能装备有限公司", "510603", true, patentbridge.DealTransfer, 45, 2026, 5, 20, "2026510000034567"},
	{"电子科技大学", 1, "绵阳九州微波电子有限公司", "510703", true, patentbridge.DealOrdinary, 20, 2026, 6, 1, ""},
	{"电子科技大学", 2, "宜宾叙州智造科技有限公司", "511503", true, patentbridge.DealSole, 35, 2026, 7, 15, ""},
	{"西南石油大学", 0, "南充顺庆油气技术服务有限公司", "511302", true, patentbridge.DealTransfer, 28, 2026, 8, 9, ""},
	{"四川农业大学", 0, "雅安茶业科技有限公司", "511802", true, patentbridge.DealOrdinary, 8, 2026, 4, 25, ""},
	{"中国科学院光电技术研究所", 0, "成都光启精密仪器有限公司", "510107", true, patentbridge.DealExclusive, 150, 2026, 9, 3, "2026510000045678"},
	{"东方电气集团东方电机有限公司", 0, "德阳旌城智能装备有限公司", "510603", true, patentbridge.DealOrdinary, 12, 2026, 10, 10, ""},
	{"攀钢集团研究院有限公司", 0, "攀枝花钒钛新材料有限公司", "510402", true, patentbridge.DealSole, 40, 2025, 10, 20, ""},
	{"攀钢集团研究院有限公司", 1, "攀枝花钒钛新材料有限公司", "510402", true, patentbridge.DealTransfer, 55, 2026, 11, 5, ""},
	{"成都锂能新材料科技有限公司", -1, "遂宁锂电设备有限公司", "510903", true, patentbridge.DealTransfer, 18, 2026, 6, 18, ""},
}

// loadDemoDeals records the demo deals through the deal service, once: it
// does nothing when deals other than the platform's licences exist. Each
// deal takes the giver's n-th patent filed by the contract date and not
// traded by an earlier demo deal (no contract precedes its patent's 申请日);
// a giver without enough such patents in a small demo is skipped; the
// enterprise-to-enterprise transfer passes on a patent it received.
func loadDemoDeals(ctx context.Context, m demoDealer, logger *slog.Logger) error {
	ctx = platform(ctx)
	ds, _, err := m.ListDeals(ctx, patentbridge.DealFilter{Limit: 200})
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.Source != patentbridge.DealFromPlatform {
			return nil
		}
	}
	received, used := map[string]string{}, map[string]bool{}
	n := 0
	for _, dd := range demoDeals {
		on := time.Date(dd.y, time.Month(dd.m), dd.d, 0, 0, 0, 0, patentbridge.Beijing)
		appNo, fromType := received[dd.from], patentbridge.PartyEnterprise
		if dd.nth >= 0 {
			org, err := m.FindOrganizationByName(ctx, dd.from)
			if err != nil {
				continue
			}
			ps, _, err := m.ListPatents(ctx, patentbridge.PatentFilter{OrgID: org.ID, Status: patentbridge.StatusInForce, Sort: "app_date", Limit: 50})
			if err != nil {
				return err
			}
			var fresh []*patentbridge.Patent
			for _, p := range filedBy(ps, on) {
				if !used[p.AppNo] {
					fresh = append(fresh, p)
				}
			}
			if len(fresh) <= dd.nth {
				continue
			}
			appNo, fromType = fresh[dd.nth].AppNo, org.Type
		}
		if appNo == "" {
			continue
		}
		sme := dd.sme
		d := &patentbridge.Deal{AppNo: appNo, Kind: dd.kind, FromName: dd.from, FromType: fromType, ToName: dd.to,
			ToType: patentbridge.PartyEnterprise, ToSME: &sme, ToRegionCode: dd.region, AmountFen: dd.wan * 1_000_000,
			ContractDate: on, RecordationNo: dd.recorded}
		if err := m.CreateDeal(ctx, d); err != nil {
			return err
		}
		received[dd.to], used[appNo] = appNo, true
		n++
	}
	logger.Info("demo: deals recorded", "deals", n)
	return nil
}

// filedBy returns the patents of ps filed (申请日) on or before the day on,
// those a contract of that day may trade.
func filedBy(ps []*patentbridge.Patent, on time.Time) []*patentbridge.Patent {
	var out []*patentbridge.Patent
	for _, p := range ps {
		if !p.AppDate.IsZero() && !patentbridge.DateOf(p.AppDate).After(patentbridge.DateOf(on)) {
			out = append(out, p)
		}
	}
	return out
}
