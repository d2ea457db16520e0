package patentbridge

import "strings"

// Sichuan's industry systems (DESIGN §3.6), by the keys filters and results use.
const (
	System51           = "sichuan_5_1" // “5+1”现代产业体系
	SystemAdvantage6   = "advantage_6" // 六大优势产业 (2023)
	SystemAgri103      = "agri_10_3"   // 农业“10+3”产业体系
	SystemAgricultural = "agricultural"
)

// Systems lists the Sichuan industry systems a user can filter on, in display order.
var Systems = []string{System51, SystemAdvantage6, SystemAgri103}

// systemIndustries are the industries of each system in display order; the
// screening engine's embedded mapping classifies into exactly these (a test there
// holds the two together).
var systemIndustries = map[string][]string{
	System51:           {"电子信息", "装备制造", "食品饮料", "先进材料", "能源化工", "数字经济"},
	SystemAdvantage6:   {"电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康"},
	SystemAgri103:      {"川粮油", "川猪", "川茶", "川菜", "川酒", "川竹", "川果", "川药", "川牛羊", "川鱼", "种业", "农业装备", "烘干冷链物流"},
	SystemAgricultural: {"涉农"},
}

// SystemLabel returns the Chinese name of an industry system, or "" for an unknown one.
func SystemLabel(system string) string {
	switch system {
	case System51:
		return "“5+1”现代产业体系"
	case SystemAdvantage6:
		return "六大优势产业"
	case SystemAgri103:
		return "农业“10+3”产业体系"
	case SystemAgricultural:
		return "涉农专利"
	}
	return ""
}

// SystemChoices names the systems of Systems in Chinese for an error message
// ("“5+1”现代产业体系、六大优势产业、农业“10+3”产业体系").
func SystemChoices() string {
	labels := make([]string, len(Systems))
	for i, s := range Systems {
		labels[i] = SystemLabel(s)
	}
	return strings.Join(labels, "、")
}

// Industries returns the industry names of a system in display order ("川粮油",
// "川猪", … for SystemAgri103), or nil for an unknown system.
func Industries(system string) []string { return systemIndustries[system] }

// IndustryKeyLabel names an industry key ("sichuan_5_1:电子信息") in Chinese
// as its system's name and the industry ("“5+1”现代产业体系·电子信息"); a key
// of an unknown system, or without a system, is returned as it is.
func IndustryKeyLabel(key string) string {
	sys, name, ok := strings.Cut(key, ":")
	if label := SystemLabel(sys); ok && label != "" && name != "" {
		return label + "·" + name
	}
	return key
}
