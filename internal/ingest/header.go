package ingest

import (
	"strings"
	"unicode"
)

// field is a Patent attribute an export column can feed.
type field int

const (
	fNone field = iota
	fAppNo
	fPubNo
	fGrantNo
	fAppDate
	fPubDate
	fGrantDate
	fTitle
	fAbstract
	fFirstClaim
	fApplicants
	fPatentees
	fInventors
	fAddress
	fProvince
	fMainIPC
	fIPC
	fKind
	fStatus
	fEvents
	fApplicantType
	fBackward
	fForward
	fCitedList
	fFamilyList
	fFamilyCount
	fClaims
	fTransferCount
	fLicenceCount
	fPledgeCount
	fTransferDates
	fLicenceDates
	fPledgeDates
	fLapseDate
	fInvalidDate
	fAgency
	fPriority
	fPCTAppNo
	fIgnore // columns that carry no information about the patent (序号)
	numFields
)

// synonyms lists, per field, the header names exports use, preferred first: when a
// file has several of them, the first non-empty one wins.
var synonyms = []struct {
	f     field
	names []string
}{
	{fAppNo, []string{"申请号", "专利申请号"}},
	{fPubNo, []string{"公开(公告)号", "公开号", "公告号", "公开公告号"}},
	{fGrantNo, []string{"授权公告号", "授权号"}},
	{fAppDate, []string{"申请日", "申请日期"}},
	{fPubDate, []string{"公开(公告)日", "公开日", "公告日", "公开日期"}},
	{fGrantDate, []string{"授权公告日", "授权日", "授权日期"}},
	{fTitle, []string{"专利名称", "标题", "发明名称", "名称", "授权名称"}},
	{fAbstract, []string{"摘要", "申请摘要"}},
	{fFirstClaim, []string{"主权项", "首项权利要求"}},
	{fApplicants, []string{"申请人", "申请(专利权)人", "第一申请人"}},
	{fPatentees, []string{"当前权利人", "专利权人", "第一权利人"}},
	{fInventors, []string{"发明人", "发明(设计)人", "当前发明人", "设计人", "第一发明人"}},
	{fAddress, []string{"申请人地址", "地址", "第一申请人地址"}},
	{fProvince, []string{"国省代码", "申请人国省代码"}},
	{fMainIPC, []string{"主分类号", "IPC主分类", "主IPC", "IPC主分类号"}},
	{fIPC, []string{"分类号", "IPC", "IPC分类号", "IPC分类"}},
	{fKind, []string{"专利类型"}},
	{fStatus, []string{"法律状态", "当前法律状态"}},
	{fEvents, []string{"法律事件"}},
	{fApplicantType, []string{"申请人类型", "第一申请人类型"}},
	{fBackward, []string{"引证数", "引证次数", "引用次数"}},
	{fForward, []string{"被引证次数", "被引用次数", "被引证数"}},
	{fCitedList, []string{"引证专利"}},
	{fFamilyList, []string{"同族专利"}},
	{fFamilyCount, []string{"简单同族数量", "同族数量", "简单同族数"}},
	{fClaims, []string{"权利要求数", "权利要求数量"}},
	{fTransferCount, []string{"专利转移次数", "转让次数"}},
	{fLicenceCount, []string{"许可次数"}},
	{fPledgeCount, []string{"质押次数"}},
	{fTransferDates, []string{"转让日期"}},
	{fLicenceDates, []string{"许可日期"}},
	{fPledgeDates, []string{"质押日期"}},
	{fLapseDate, []string{"失效日期"}},
	{fInvalidDate, []string{"无效宣告日期"}},
	{fAgency, []string{"专利代理机构", "代理机构"}},
	{fPriority, []string{"优先权"}},
	{fPCTAppNo, []string{"国际申请号"}},
	{fIgnore, []string{"序号"}},
}

// keptRaw marks fields whose column is also kept in Patent.Extra because no
// Patent field holds the list itself (only its length).
var keptRaw = map[field]bool{fCitedList: true, fFamilyList: true}

// headerIndex maps a normalized header name to its field and preference rank.
var headerIndex = func() map[string]struct{ f, rank int } {
	m := map[string]struct{ f, rank int }{}
	for _, s := range synonyms {
		for i, n := range s.names {
			m[normHeader(n)] = struct{ f, rank int }{int(s.f), i}
		}
	}
	return m
}()

// normHeader makes header names comparable: BOM, whitespace and quotes removed,
// full-width forms (（）, Ｉ) folded to ASCII, Latin letters upper-cased.
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		switch {
		case r == '\ufeff' || r == '"' || unicode.IsSpace(r):
			continue
		case r == '【' || r == '［':
			r = '('
		case r == '】' || r == '］':
			r = ')'
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
