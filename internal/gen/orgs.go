package gen

// org is a named applicant with its registered address.
type org struct {
	name   string
	label  string // 申请人类型 as the export writes it
	cat    category
	addr   string // full address, province first
	prov   string // 国省代码 cell
	weight int    // relative patent volume within its category
}

// category groups applicants by how they file and deal.
type category int

const (
	catUniversity category = iota
	catInstitute
	catSOE
	catEnterprise
	catIndividual
	catHospital
	catGovernment
	catOutside // applicants from outside Sichuan
	numCategories
)

// categoryWeights is each category's share of rows, in per mille.
var categoryWeights = [numCategories]int{400, 120, 100, 290, 40, 20, 5, 25}

const sichuan = "四川(51)"

// namedOrgs are real Sichuan (and a few outside) applicants with their registered
// addresses; volumes are rough relative weights.
var namedOrgs = []org{
	{"四川大学", "大专院校", catUniversity, "610065 四川省成都市武侯区一环路南一段24号", sichuan, 100},
	{"电子科技大学", "大专院校", catUniversity, "611731 四川省成都市高新区（西区）西源大道2006号", sichuan, 90},
	{"西南交通大学", "大专院校", catUniversity, "610031 四川省成都市二环路北一段111号", sichuan, 60},
	{"西南石油大学", "大专院校", catUniversity, "610500 四川省成都市新都区新都大道8号", sichuan, 45},
	{"成都理工大学", "大专院校", catUniversity, "610059 四川省成都市成华区二仙桥东三路1号", sichuan, 35},
	{"四川农业大学", "大专院校", catUniversity, "625014 四川省雅安市雨城区新康路46号", sichuan, 30},
	{"西南科技大学", "大专院校", catUniversity, "621010 四川省绵阳市涪城区青龙大道中段59号", sichuan, 25},
	{"成都信息工程大学", "大专院校", catUniversity, "610225 四川省成都市双流区学府路一段24号", sichuan, 20},
	{"西华大学", "大专院校", catUniversity, "610039 四川省成都市郫都区金周路999号", sichuan, 20},
	{"四川轻化工大学", "大专院校", catUniversity, "643000 四川省自贡市自流井区汇兴路学苑街180号", sichuan, 14},
	{"成都大学", "大专院校", catUniversity, "610106 四川省成都市龙泉驿区成洛大道2025号", sichuan, 12},
	{"西南民族大学", "大专院校", catUniversity, "610041 四川省成都市武侯区一环路南四段16号", sichuan, 8},
	{"四川师范大学", "大专院校", catUniversity, "610066 四川省成都市锦江区静安路5号", sichuan, 8},
	{"成都中医药大学", "大专院校", catUniversity, "611137 四川省成都市温江区柳台大道1166号", sichuan, 8},
	{"西南医科大学", "大专院校", catUniversity, "646000 四川省泸州市江阳区香林路一段1号", sichuan, 6},
	{"攀枝花学院", "大专院校", catUniversity, "617000 四川省攀枝花市东区机场路10号", sichuan, 6},
	{"成都工业学院", "大专院校", catUniversity, "611730 四川省成都市郫都区中信大道二段1号", sichuan, 5},
	{"宜宾学院", "大专院校", catUniversity, "644000 四川省宜宾市翠屏区酒圣路8号", sichuan, 4},
	{"川北医学院", "大专院校", catUniversity, "637000 四川省南充市顺庆区涪江路234号", sichuan, 3},
	{"西南财经大学", "大专院校", catUniversity, "611130 四川省成都市温江区柳台大道555号", sichuan, 1},
	{"乐山师范学院", "大专院校", catUniversity, "614000 四川省乐山市市中区滨河路778号", sichuan, 2},
	{"绵阳师范学院", "大专院校", catUniversity, "621000 四川省绵阳市涪城区仙人路一段30号", sichuan, 2},
	{"内江师范学院", "大专院校", catUniversity, "641100 四川省内江市东兴区东桐路705号", sichuan, 2},
	{"四川文理学院", "大专院校", catUniversity, "635000 四川省达州市通川区塔石路519号", sichuan, 2},
	{"西昌学院", "大专院校", catUniversity, "615000 四川省凉山彝族自治州西昌市安宁镇", sichuan, 2},
	{"中国民用航空飞行学院", "大专院校", catUniversity, "618307 四川省德阳市广汉市南昌路四段46号", sichuan, 3},

	{"中国科学院成都生物研究所", "科研单位", catInstitute, "610041 四川省成都市武侯区人民南路四段九号", sichuan, 12},
	{"中国科学院光电技术研究所", "科研单位", catInstitute, "610209 四川省成都市双流350信箱", sichuan, 20},
	{"中国工程物理研究院化工材料研究所", "科研单位", catInstitute, "621900 四川省绵阳市游仙区绵山路64号", sichuan, 12},
	{"中国工程物理研究院激光聚变研究中心", "科研单位", catInstitute, "621900 四川省绵阳市游仙区绵山路64号", sichuan, 10},
	{"中国工程物理研究院流体物理研究所", "科研单位", catInstitute, "621900 四川省绵阳市游仙区绵山路64号", sichuan, 8},
	{"中国空气动力研究与发展中心", "科研单位", catInstitute, "621000 四川省绵阳市涪城区二环路南段6号", sichuan, 6},
	{"中国电子科技集团公司第十研究所", "科研单位", catInstitute, "610036 四川省成都市金牛区茶店子东街48号", sichuan, 8},
	{"中国电子科技集团公司第二十九研究所", "科研单位", catInstitute, "610036 四川省成都市金牛区营康西路496号", sichuan, 7},
	{"核工业西南物理研究院", "科研单位", catInstitute, "610041 四川省成都市双流区黄荆路5号", sichuan, 5},
	{"中国测试技术研究院", "科研单位", catInstitute, "610021 四川省成都市成华区玉双路10号", sichuan, 4},
	{"中国科学院水利部成都山地灾害与环境研究所", "科研单位", catInstitute, "610041 四川省成都市天府新区群贤南街189号", sichuan, 3},
	{"四川省农业科学院作物研究所", "科研单位", catInstitute, "610066 四川省成都市锦江区狮子山路4号", sichuan, 3},
	{"四川省农业科学院茶叶研究所", "科研单位", catInstitute, "610066 四川省成都市锦江区狮子山路4号", sichuan, 1},
	{"四川省农业科学院农产品加工研究所", "科研单位", catInstitute, "610066 四川省成都市锦江区狮子山路4号", sichuan, 2},
	{"四川省畜牧科学研究院", "科研单位", catInstitute, "610066 四川省成都市锦江区牛沙路7号", sichuan, 2},
	{"四川省林业科学研究院", "科研单位", catInstitute, "610081 四川省成都市金牛区星辉西路18号", sichuan, 1},
	{"中国航发四川燃气涡轮研究院", "科研单位", catInstitute, "610500 四川省成都市新都区新军路6号", sichuan, 4},

	{"东方电气集团东方电机有限公司", "工矿企业", catSOE, "618000 四川省德阳市旌阳区黄河西路188号", sichuan, 15},
	{"东方电气集团东方锅炉股份有限公司", "工矿企业", catSOE, "643001 四川省自贡市自流井区五星街黄桷坪路150号", sichuan, 10},
	{"东方电气集团东方汽轮机有限公司", "工矿企业", catSOE, "618000 四川省德阳市旌阳区金沙江西路666号", sichuan, 12},
	{"中国第二重型机械集团有限公司", "工矿企业", catSOE, "618013 四川省德阳市旌阳区珠江西路460号", sichuan, 6},
	{"二重（德阳）重型装备有限公司", "工矿企业", catSOE, "618013 四川省德阳市旌阳区珠江西路460号", sichuan, 5},
	{"攀钢集团攀枝花钢铁研究院有限公司", "工矿企业", catSOE, "617000 四川省攀枝花市东区桃源街90号", sichuan, 12},
	{"攀钢集团研究院有限公司", "工矿企业", catSOE, "617000 四川省攀枝花市东区桃源街90号", sichuan, 8},
	{"四川长虹电器股份有限公司", "工矿企业", catSOE, "621000 四川省绵阳市高新区绵兴东路35号", sichuan, 14},
	{"宜宾五粮液股份有限公司", "工矿企业", catSOE, "644007 四川省宜宾市翠屏区岷江西路150号", sichuan, 5},
	{"泸州老窖股份有限公司", "工矿企业", catSOE, "646000 四川省泸州市江阳区国窖广场", sichuan, 4},
	{"国网四川省电力公司电力科学研究院", "工矿企业", catSOE, "610041 四川省成都市青羊区青华路24号", sichuan, 10},
	{"国网四川省电力公司", "工矿企业", catSOE, "610041 四川省成都市高新区蜀绣西路366号", sichuan, 6},
	{"中国石油天然气股份有限公司西南油气田分公司", "工矿企业", catSOE, "610051 四川省成都市成华区府青路一段5号", sichuan, 6},
	{"中铁二院工程集团有限责任公司", "工矿企业", catSOE, "610031 四川省成都市金牛区通锦路3号", sichuan, 8},
	{"中国五冶集团有限公司", "工矿企业", catSOE, "610063 四川省成都市锦江区五冶路9号", sichuan, 4},
	{"成都飞机工业（集团）有限责任公司", "工矿企业", catSOE, "610092 四川省成都市青羊区黄田坝纬一路88号", sichuan, 8},
	{"四川九洲电器集团有限责任公司", "工矿企业", catSOE, "621000 四川省绵阳市涪城区九华大道6号", sichuan, 5},
	{"中国水利水电第七工程局有限公司", "工矿企业", catSOE, "610213 四川省成都市天府新区兴隆街道", sichuan, 3},

	{"成都智航科技研究院有限公司", "工矿企业", catEnterprise, "610041 四川省成都市高新区天府大道中段1268号", sichuan, 3},
	{"通威太阳能（成都）有限公司", "工矿企业", catEnterprise, "610200 四川省成都市双流区西南航空港经济开发区", sichuan, 6},
	{"成都京东方光电科技有限公司", "工矿企业", catEnterprise, "611731 四川省成都市高新区（西区）合作路1188号", sichuan, 6},
	{"四川科伦药业股份有限公司", "工矿企业", catEnterprise, "611138 四川省成都市温江区新华大道666号", sichuan, 4},
	{"新希望六和股份有限公司", "工矿企业", catEnterprise, "610063 四川省成都市锦江区金石路376号", sichuan, 2},
	{"四川省食品发酵工业研究设计院有限公司", "工矿企业", catEnterprise, "611130 四川省成都市温江区公平镇", sichuan, 2},

	{"四川大学华西医院", "机关团体", catHospital, "610041 四川省成都市武侯区国学巷37号", sichuan, 10},
	{"四川省人民医院", "机关团体", catHospital, "610072 四川省成都市青羊区一环路西二段32号", sichuan, 5},
	{"西南医科大学附属医院", "机关团体", catHospital, "646000 四川省泸州市江阳区太平街25号", sichuan, 3},
	{"成都市第三人民医院", "机关团体", catHospital, "610031 四川省成都市青羊区青龙街82号", sichuan, 2},
	{"绵阳市中心医院", "机关团体", catHospital, "621000 四川省绵阳市涪城区常家巷12号", sichuan, 1},

	{"四川省地质矿产勘查开发局成都综合岩矿测试中心", "机关团体", catGovernment, "610081 四川省成都市金牛区羊子山路2号", sichuan, 2},
	{"成都市农林科学院", "科研单位", catGovernment, "611130 四川省成都市温江区农科路200号", sichuan, 2},
	{"四川省疾病预防控制中心", "机关团体", catGovernment, "610041 四川省成都市武侯区中学路6号", sichuan, 1},

	{"清华大学", "大专院校", catOutside, "100084 北京市海淀区清华园", "北京(11)", 5},
	{"重庆大学", "大专院校", catOutside, "400044 重庆市沙坪坝区沙正街174号", "重庆(50)", 4},
	{"西安交通大学", "大专院校", catOutside, "710049 陕西省西安市碑林区咸宁西路28号", "陕西(61)", 3},
	{"浙江大学", "大专院校", catOutside, "310058 浙江省杭州市西湖区余杭塘路866号", "浙江(33)", 3},
	{"华为技术有限公司", "工矿企业", catOutside, "518129 广东省深圳市龙岗区坂田华为总部办公楼", "广东(44)", 6},
	{"国家电网有限公司", "工矿企业", catOutside, "100031 北京市西城区西长安街86号", "北京(11)", 4},
	{"贵州大学", "大专院校", catOutside, "550025 贵州省贵阳市花溪区贵州大学", "贵州(52)", 2},
}

// agencies are patent agencies (专利代理机构) in Sichuan.
var agencies = []string{
	"成都九鼎天元知识产权代理有限公司", "成都希盛知识产权代理有限公司", "成都行之专利代理事务所（普通合伙）",
	"成都科海专利事务有限责任公司", "四川力久律师事务所", "成都天嘉专利事务所（普通合伙）",
	"成都虹桥专利事务所（普通合伙）", "成都金英专利代理事务所（普通合伙）", "成都正华专利代理事务所（普通合伙）",
	"成都东恒知盛知识产权代理事务所（普通合伙）", "四川省成都市天策商标专利事务所", "成都拓荒者知识产权代理有限公司",
	"绵阳市博图知识产权代理事务所（普通合伙）", "成都环泰专利代理事务所（特殊普通合伙）",
}
