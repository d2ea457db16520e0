package gen

// columns is the 61-column layout of a commercial Chinese patent database export
// (SOURCES.md, "Commercial export layout"), in its order.
var columns = []string{
	"序号", "申请日", "公开日", "授权公告日", "申请人", "发明人", "申请号", "公开号",
	"授权公告号", "专利类型", "专利名称", "授权名称", "申请摘要", "主权项", "申请人地址",
	"法律状态", "主分类号", "分类号", "国省代码", "专利代理人", "专利代理机构", "优先权", "优先权日",
	"优先权数量", "全文链接", "第一发明人", "第一权利人", "申请人类型", "当前发明人", "当前权利人",
	"当前著录项联系人通讯地址", "当前专利代理人", "当前专利代理机构", "变更前代理机构", "法律事件",
	"引证专利", "非专利引证", "引证数", "同族专利", "专利转移次数", "许可次数", "质押次数", "简单同族数量",
	"转让日期", "失效日期", "质押日期", "许可日期", "无效宣告日期", "CPC主分类号", "CPC分类号", "FI主分类号",
	"FI分类号", "国际申请号", "国际申请日", "国际公开号", "国际公开日", "进入国家日期", "颁证日", "审查员",
	"审查时长", "实质审查日",
}

// Column indexes used by the generator.
const (
	colSeq = iota
	colAppDate
	colPubDate
	colGrantDate
	colApplicant
	colInventor
	colAppNo
	colPubNo
	colGrantNo
	colKind
	colTitle
	colGrantTitle
	colAbstract
	colClaim
	colAddress
	colStatus
	colMainIPC
	colIPC
	colProvince
	colAgent
	colAgency
	colPriority
	colPriorityDate
	colPriorityCount
	colFullText
	colFirstInventor
	colFirstOwner
	colApplicantType
	colCurInventor
	colCurOwner
	colCurAddress
	colCurAgent
	colCurAgency
	colPrevAgency
	colEvents
	colCited
	colNonPatentCited
	colCitedCount
	colFamily
	colTransfers
	colLicences
	colPledges
	colFamilyCount
	colTransferDates
	colLapseDate
	colPledgeDates
	colLicenceDates
	colInvalidDate
	colCPCMain
	colCPC
	colFIMain
	colFI
	colPCTAppNo
	colPCTAppDate
	colPCTPubNo
	colPCTPubDate
	colNationalEntry
	colCertDate
	colExaminer
	colExamDays
	colExamDate
	numColumns
)

// Columns returns the 61 header names of the generated CSV, in order.
func Columns() []string {
	return append([]string(nil), columns...)
}
