package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// surnames are common Chinese surnames, most frequent first (weighted by position).
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
	"何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
	"肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
	"任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
	"韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
	"龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
	"莫", "孔", "向", "汤", "文", "伍", "牟", "母", "敬", "蒲", "税", "苟", "冉", "巫",
}

// givenChars are characters common in given names.
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文辉鹏飞斌宇浩凯" +
	"婷雪琳晨博翔波帆欣怡佳瑞涵宁锐毅彬琦睿蕾婧川蜀渝茂林松柏海峰云雨阳光鑫晶磊" +
	"德成俊杰兴旺春梅兰竹菊龙虎庆祥福贵昌盛安康健永长江河山川秋冬晓天")

// personName returns a random Chinese name of 2 or 3 characters.
func personName(r *rand.Rand) string {
	// Square the uniform draw so that frequent surnames come first.
	u := r.Float64()
	s := surnames[int(u*u*float64(len(surnames)))]
	var b strings.Builder
	b.WriteString(s)
	b.WriteRune(givenChars[r.IntN(len(givenChars))])
	if r.IntN(10) < 7 {
		b.WriteRune(givenChars[r.IntN(len(givenChars))])
	}
	return b.String()
}

// sichuanCity is a 市(州) with its share of applicants (per mille) and districts.
type sichuanCity struct {
	code   string // 4 digits
	weight int
}

var sichuanCities = []sichuanCity{
	{"5101", 500}, {"5103", 25}, {"5104", 20}, {"5105", 35}, {"5106", 60}, {"5107", 80},
	{"5108", 10}, {"5109", 20}, {"5110", 18}, {"5111", 28}, {"5113", 30}, {"5114", 30},
	{"5115", 40}, {"5116", 15}, {"5117", 20}, {"5118", 15}, {"5119", 10}, {"5120", 10},
	{"5132", 4}, {"5133", 4}, {"5134", 16},
}

var streetNames = []string{
	"人民南路", "天府大道", "蜀都大道", "科华北路", "府城大道", "益州大道", "剑南大道", "交子大道",
	"建设路", "解放路", "滨江路", "长江路", "文化路", "新华路", "迎宾大道", "工业园区", "科技园路",
	"创新路", "学府路", "高新大道", "春熙路", "临江路", "沿江路", "西部大道", "龙泉大道",
}

var brandChars = []rune("天华蜀川锦宏瑞鑫盛达源泰嘉和信恒通宇航新康安博远中兴联创志睿科智云海峰润德")

var industryWords = []string{
	"科技", "智能科技", "新材料科技", "生物科技", "电子科技", "机械制造", "环保科技", "信息技术",
	"农业科技", "食品", "医疗器械", "能源科技", "航空科技", "建设工程", "自动化设备", "化工",
	"药业", "茶业", "酒业", "光电科技", "软件", "检测技术", "电力设备", "精密机械",
}

var companySuffixes = []string{"有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"}

// street returns a random street address part: "天府大道中段123号".
func street(r *rand.Rand) string {
	s := streetNames[r.IntN(len(streetNames))]
	switch r.IntN(3) {
	case 0:
		s += []string{"一段", "二段", "三段", "中段", "北段", "南段"}[r.IntN(6)]
	}
	return s + strconv.Itoa(1+r.IntN(999)) + "号"
}
