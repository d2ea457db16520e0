package refdata

import (
	"strconv"
	"strings"

	"patentbridge"
)

// wipoPattern is one prefix of the IPC-technology concordance.
type wipoPattern struct {
	prefix string // normalized: "G06F" or, for a main group, "A61K8/"
	field  WIPOField
}

// wipoZh gives the Chinese names of the 35 fields and 5 sectors.
var wipoZh = [...]string{"",
	"电气机械、设备和能源", "音像技术", "电信", "数字通信", "基本通信程序", "计算机技术",
	"管理用信息技术方法", "半导体", "光学", "测量", "生物材料分析", "控制", "医学技术",
	"有机精细化学", "生物技术", "药品", "高分子化学、聚合物", "食品化学", "基础材料化学",
	"材料、冶金", "表面技术、涂层", "微观结构和纳米技术", "化学工程", "环境技术",
	"装卸", "机床", "发动机、泵、涡轮机", "纺织和造纸机械", "其他专用机械",
	"热工过程和器具", "机械零件", "运输", "家具、游戏", "其他消费品", "土木工程"}

var wipoSectorZh = map[string]string{
	"Electrical engineering": "电气工程", "Instruments": "仪器", "Chemistry": "化学",
	"Mechanical engineering": "机械工程", "Other fields": "其他领域",
}

// loadWIPO parses the concordance; a pattern like "A61K   8%" (PATSTAT's padded
// main group) becomes the prefix "A61K8/".
func (d *Data) loadWIPO() error {
	return eachCSV("ipc_wipo35_technology_fields.csv", func(rec []string) error {
		if len(rec) < 4 {
			return errShortRow
		}
		nr, err := strconv.Atoi(rec[0])
		if err != nil || nr < 1 || nr >= len(wipoZh) {
			return errShortRow
		}
		pat := strings.TrimSuffix(rec[3], "%")
		prefix := pat
		if len(pat) > 4 {
			prefix = pat[:4] + strings.TrimSpace(pat[4:]) + "/"
		}
		sector := strings.TrimSpace(rec[1])
		if d.wipo == nil {
			d.wipo = map[string][]wipoPattern{}
		}
		d.wipo[pat[:4]] = append(d.wipo[pat[:4]], wipoPattern{prefix: prefix, field: WIPOField{
			Nr: nr, Sector: sector, Name: strings.TrimSpace(rec[2]),
			SectorZh: wipoSectorZh[sector], NameZh: wipoZh[nr],
		}})
		return nil
	})
}

// WIPOFieldFor returns the WIPO technology field of an IPC code (subclass level or
// finer), chosen by the longest matching concordance prefix.
func (d *Data) WIPOFieldFor(code string) (WIPOField, bool) {
	n, err := patentbridge.NormalizeIPC(code)
	if err != nil || len(n) < 4 {
		return WIPOField{}, false
	}
	var best wipoPattern
	for _, p := range d.wipo[n[:4]] {
		if len(p.prefix) > len(best.prefix) && strings.HasPrefix(n, p.prefix) {
			best = p
		}
	}
	return best.field, best.prefix != ""
}
