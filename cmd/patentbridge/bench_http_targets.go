package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// loadQueries are searches as users of the platform type them: Sichuan's
// industries (白酒, 川茶, 钒钛, 页岩气, 轨道交通, 电子信息), one to four words.
var loadQueries = []string{
	"锂离子电池", "白酒 酿造", "白酒 固态发酵 温度", "茶叶 加工", "绿茶 杀青", "中药 提取",
	"页岩气 压裂", "钒钛 冶炼", "钒电池", "轨道交通 减振", "无人机", "工业机器人",
	"光伏组件", "光伏组件 缺陷检测", "5G 天线", "集成电路 封装", "传感器", "图像识别 深度学习",
	"数据处理 方法", "污水处理", "土壤 修复", "农业机械 播种", "丘陵 收获机", "生猪 养殖",
	"猕猴桃", "花椒 烘干", "川菜 调味料", "医疗器械", "抗体", "疫苗",
	"新能源汽车 电池管理", "氢燃料电池", "电解液", "正极材料 回收", "天然气 管道", "核电 阀门",
	"航空发动机 叶片", "数控机床", "高铁 轴承", "钢结构 桥梁", "混凝土 外加剂", "建筑 装配式",
}

// loadDemands are technology needs as SMEs post them, 23–66 characters.
var loadDemands = func() []string {
	out := []string{
		"我公司是成都的一家锂电池材料企业，希望引进退役动力电池正极材料湿法回收技术，要求镍钴锰回收率在95%以上。",
		"眉山某食品企业需要川菜复合调味料的工业化生产技术，解决风味稳定性差、保质期短的问题。",
		"攀枝花某钒钛企业寻求钒钛磁铁矿综合利用和高炉渣提钛的新工艺，降低能耗与污染。",
		"德阳装备制造企业需要大型铸锻件无损检测技术，能够在线识别内部裂纹和气孔缺陷。",
		"绵阳电子企业寻求柔性电路板自动光学检测设备，检测精度达到10微米。",
		"宜宾某企业希望引进页岩气压裂返排液处理与回用技术。",
		"寻求丘陵山区果园用小型履带式运输机和植保无人机。",
		"我们需要医院污水消毒和医疗废物无害化处理的成套设备技术。",
		"寻找猕猴桃采后保鲜与冷链物流技术，延长货架期。",
		"希望合作开发基于深度学习的工业视觉缺陷检测系统，应用于光伏组件生产线。",
	}
	for _, d := range demoDemands {
		out = append(out, d.Title+"。"+d.Description)
	}
	return out
}()

// loadTargets are the three endpoints of the load figures: the search page,
// the search API and matching, each cycling through its texts.
func loadTargets(base, token string, queries, demands []string) []loadTarget {
	auth := func(r *http.Request) *http.Request {
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return r
	}
	get := func(path string, extra string) func(ctx context.Context, i int) (*http.Request, error) {
		return func(ctx context.Context, i int) (*http.Request, error) {
			q := url.Values{"q": {queries[i%len(queries)]}}
			r, err := http.NewRequestWithContext(ctx, "GET", base+path+"?"+q.Encode()+extra, nil)
			if err != nil {
				return nil, err
			}
			return auth(r), nil
		}
	}
	match := func(ctx context.Context, i int) (*http.Request, error) {
		body, _ := json.Marshal(map[string]any{"text": demands[i%len(demands)], "limit": 10})
		r, err := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/match", strings.NewReader(string(body)))
		if err != nil {
			return nil, err
		}
		r.Header.Set("Content-Type", "application/json")
		return auth(r), nil
	}
	return []loadTarget{
		{"GET /search (page)", get("/search", "")},
		{"GET /api/v1/patents/search", get("/api/v1/patents/search", "&limit=20")},
		{"POST /api/v1/match", match},
	}
}
