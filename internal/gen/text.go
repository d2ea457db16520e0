package gen

import (
	"slices"
	"strconv"
	"strings"
)

// family is the shape of an invention, which sets the prose of abstract and claim.
type family int

const (
	famDevice family = iota
	famMethod
	famComposition
	famSystem
)

// titleInfo is a real title prepared for generation.
type titleInfo struct {
	title string
	core  string // the title without its leading 一种
	fam   family
	subs  []string
}

func prepareTitle(t string, subs []string) titleInfo {
	core := strings.TrimPrefix(strings.TrimPrefix(t, "一种"), "一类")
	fam := famDevice
	switch {
	case strings.Contains(core, "方法") || strings.Contains(core, "工艺"):
		fam = famMethod
	case slices.ContainsFunc(deviceHeads, func(h string) bool { return strings.HasSuffix(core, h) }):
		// 酿酒用发酵设备 is a device although it names 酒
	case containsAny(core, "组合物", "材料", "制剂", "剂", "组方", "配方", "合金", "涂料", "肥", "酒", "茶"):
		fam = famComposition
	case containsAny(core, "系统", "平台", "网络", "算法", "模型"):
		fam = famSystem
	}
	return titleInfo{title: t, core: core, fam: fam, subs: subs}
}

// deviceHeads end the titles of devices.
var deviceHeads = []string{"设备", "装置", "机", "器", "仪", "机构", "结构", "工装", "组件", "生产线"}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var (
	parts = []string{"壳体", "底座", "支撑架", "驱动电机", "传动轴", "连接板", "固定座", "控制器",
		"传感器", "导轨", "滑块", "电磁阀", "进料口", "出料口", "过滤网", "冷却管", "密封圈", "安装槽",
		"检测单元", "显示屏", "储液箱", "清洗组件", "夹持机构", "升降机构", "旋转盘", "复位弹簧", "挡板",
		"卡扣", "通风孔", "加热模块", "缓冲垫", "防护罩", "连接管", "支撑柱", "输送带"}
	modules = []string{"数据采集模块", "数据预处理模块", "通信模块", "存储模块", "特征提取模块",
		"分析模块", "预警模块", "控制模块", "显示模块", "模型训练模块", "调度模块", "定位模块"}
	dataSteps = []string{"获取原始数据并进行清洗和归一化处理", "提取多尺度特征并构建特征向量",
		"构建深度神经网络模型并进行训练", "根据预测结果生成控制指令", "对识别结果进行融合与校正",
		"建立评价指标体系并计算权重", "采集运行参数并上传至服务器", "输出检测结果并进行可视化展示"}
	chemSteps = []string{"将原料按配比混合均匀", "在60-120℃下搅拌反应2-6小时", "过滤、洗涤后真空干燥",
		"经球磨、过筛得到粉体", "在惰性气氛中于500-900℃煅烧", "加入助剂后调节pH至6.5-7.5",
		"冷却至室温后陈化处理"}
	fermentSteps = []string{"原料粉碎后润粮、蒸煮", "摊晾至25-30℃后加曲拌匀", "入池低温发酵15-30天",
		"发酵结束后蒸馏取酒", "按发酵液体积接种3-5%菌种", "陈酿后勾调、过滤"}
	mechSteps = []string{"将工件固定于夹持机构上", "启动驱动电机带动传动轴转动", "通过传感器实时检测运行状态",
		"调整升降机构至预定高度", "完成加工后自动复位", "对设备进行清洗和维护"}
	chemIngredients = []string{"去离子水", "无水乙醇", "氢氧化钠", "纳米二氧化硅", "聚乙烯醇", "硅烷偶联剂",
		"石墨烯", "环氧树脂", "碳酸钙", "聚丙烯", "碳纤维", "氧化铝", "柠檬酸"}
	// bioIngredients make the compositions of food, drink, medicine and farming titles.
	bioIngredients = []string{"黄芪", "当归", "茶多酚", "玉米淀粉", "高粱", "小麦", "糯米", "壳聚糖",
		"海藻酸钠", "川芎", "花椒提取物", "柠檬酸", "去离子水"}
	benefits = []string{"结构简单、操作方便", "有效提高了生产效率", "显著降低了生产成本",
		"检测精度高、响应速度快", "稳定性好，适合大规模推广应用", "具有良好的经济效益和社会效益",
		"解决了现有技术中效率低、能耗高的问题", "安全可靠，使用寿命长", "绿色环保，无二次污染"}
)

// pickN returns n distinct items of list.
func (g *generator) pickN(list []string, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		x := list[g.r.IntN(len(list))]
		dup := false
		for _, y := range out {
			dup = dup || y == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// body returns the technical content for a title's family; abstract and claim share it.
func (g *generator) body(t titleInfo) string {
	var b strings.Builder
	switch t.fam {
	case famMethod:
		steps := mechSteps
		switch {
		case containsAny(t.core, "数据", "信号", "识别", "监测", "网络", "智能", "算法", "图像", "系统", "预测", "控制"):
			steps = dataSteps
		case containsAny(t.core, "发酵", "酿", "酒", "醋", "酱"):
			steps = fermentSteps
		case containsAny(t.core, "制备", "合成", "材料", "组合物", "提取", "催化", "茶", "药"):
			steps = chemSteps
		}
		b.WriteString("包括以下步骤：")
		for i, s := range g.pickN(steps, 3) {
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString("S" + strconv.Itoa(i+1) + "、" + s)
		}
		b.WriteString("。")
	case famComposition:
		b.WriteString("按重量份计，由以下原料制成：")
		ingredients := chemIngredients
		if bioSubclass(t.subs) {
			ingredients = bioIngredients
		}
		for i, s := range g.pickN(ingredients, 3+g.r.IntN(3)) {
			if i > 0 {
				b.WriteString("、")
			}
			lo := 1 + g.r.IntN(40)
			b.WriteString(s + strconv.Itoa(lo) + "-" + strconv.Itoa(lo+5+g.r.IntN(30)) + "份")
		}
		b.WriteString("。")
	case famSystem:
		m := g.pickN(modules, 3)
		b.WriteString("包括" + m[0] + "、" + m[1] + "和" + m[2] + "，所述" + m[0] + "与所述" + m[1] + "通信连接。")
	default:
		p := g.pickN(parts, 4)
		b.WriteString("包括" + p[0] + "、" + p[1] + "、" + p[2] + "和" + p[3] + "，所述" + p[1] + "设置在所述" +
			p[0] + "上，所述" + p[2] + "与所述" + p[3] + "连接。")
	}
	return b.String()
}

// abstract writes the 申请摘要 of an invention or utility model.
func (g *generator) abstract(t titleInfo, kindWord string, ipc ipcPick, body string) string {
	var b strings.Builder
	b.WriteString("本" + kindWord + "公开了一种" + t.core)
	if ipc.mainTitle != "" {
		b.WriteString("，属于" + ipc.mainTitle + "技术领域")
	}
	b.WriteString("。")
	if ipc.title != "" && ipc.title != ipc.mainTitle {
		b.WriteString("具体涉及" + ipc.title + "。")
	}
	b.WriteString("所述" + t.core + body)
	ben := g.pickN(benefits, 2)
	b.WriteString("本" + kindWord + ben[0] + "，" + ben[1] + "。")
	return b.String()
}

// claim writes 主权项, claim 1.
func claim(t titleInfo, body string) string {
	return "1.一种" + t.core + "，其特征在于，" + body
}

// designProduct is a product for design patents with its Locarno class.
type designProduct struct{ name, loc, use string }

var designProducts = []designProduct{
	{"包装盒", "09-03", "茶叶、食品的包装"}, {"酒瓶", "09-01", "盛装白酒"}, {"智能音箱", "14-01", "播放音频"},
	{"环境监测仪", "10-04", "环境参数监测"}, {"充电桩", "13-03", "电动汽车充电"}, {"无人机", "12-07", "航拍与巡检"},
	{"医用推车", "24-01", "医院物品转运"}, {"座椅", "06-01", "休息乘坐"}, {"灯具", "26-05", "照明"},
	{"机器人", "15-99", "自动化作业"}, {"茶杯", "07-01", "饮茶"}, {"控制柜", "13-02", "电气控制"},
	{"服务器机箱", "14-02", "安装计算机部件"}, {"检测仪", "10-05", "样品检测"}, {"手环", "10-02", "健康监测"},
}

var designVariants = []string{"", "", "1", "2", "熊猫", "竹韵", "蜀绣", "窖藏", "便携式", "智能型", "三星堆"}

// design returns the title, Locarno class, abstract of a design patent.
func (g *generator) design() (title, loc, abstract string) {
	p := designProducts[g.r.IntN(len(designProducts))]
	title = p.name
	if v := designVariants[g.r.IntN(len(designVariants))]; v != "" {
		title += "（" + v + "）"
	}
	abstract = "1.本外观设计产品的名称：" + title + "。2.本外观设计产品的用途：用于" + p.use +
		"。3.本外观设计产品的设计要点：在于形状与图案的结合。4.最能表明设计要点的图片或照片：立体图。"
	return title, p.loc, abstract
}

// bioSubclass reports whether a title's first subclass is food, drink, medicine or
// farming, whose compositions are made of plant and food ingredients.
func bioSubclass(subs []string) bool {
	return len(subs) > 0 && slices.ContainsFunc([]string{"A01", "A21", "A23", "A61", "C12"},
		func(p string) bool { return strings.HasPrefix(subs[0], p) })
}
