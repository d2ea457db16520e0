package sqldb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
)

// *sqldb.DB is the store of screening runs.
var _ screen.Store = (*sqldb.DB)(nil)

// screeningAsOf is the as-of date of the screening tests.
const screeningAsOf = "2026-11-27"

var (
	uniSCU  = patentbridge.Party{Name: "四川大学", Type: patentbridge.PartyUniversity}
	uniUEST = patentbridge.Party{Name: "电子科技大学", Type: patentbridge.PartyUniversity}
	company = patentbridge.Party{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}
	// A research institute whose name does not say so: only the 申请人类型 column does.
	instByType = patentbridge.Party{Name: "四川天府创新中心", Type: patentbridge.PartyInstitute}
)

// craftedPatent is an in-force university invention granted well over three
// years before screeningAsOf; each case changes what it tests.
func craftedPatent(serial int, title string, change func(p *patentbridge.Patent)) *patentbridge.Patent {
	p := &patentbridge.Patent{
		AppNo:       appNo(2019, 1, serial),
		Kind:        patentbridge.KindInvention,
		Title:       title,
		AppDate:     date("2019-03-01"),
		GrantDate:   date("2021-06-08"),
		Status:      patentbridge.StatusInForce,
		StatusText:  "有权-审定授权",
		MainIPC:     "G06F16/35",
		IPC:         []string{"G06F16/35", "G06N3/08"},
		Applicants:  []patentbridge.Party{uniSCU},
		Patentees:   []patentbridge.Party{uniSCU},
		Inventors:   []string{"张三", "李四"},
		RegionCode:  "510107",
		ClaimsCount: 8,
		Abstract:    "本发明公开了" + title + "。",
	}
	if change != nil {
		change(p)
	}
	return p
}

// The crafted patents, by what they test.
var (
	pExact3Years = craftedPatent(1, "一种藏茶的发酵加工方法", func(p *patentbridge.Patent) {
		p.GrantDate = date("2023-11-27") // exactly three years before as-of: qualifies
		p.MainIPC, p.IPC = "A23F3/06", []string{"A23F3/06", "A23F3/08"}
		p.Extra = map[string]string{"获奖情况": "第二十三届中国专利优秀奖", "审查员": "刘洋"}
	})
	pOneDayLate = craftedPatent(2, "一种图像检索方法", func(p *patentbridge.Patent) { p.GrantDate = date("2023-11-28") })
	pLapsed     = craftedPatent(3, "一种数据压缩方法", func(p *patentbridge.Patent) {
		p.Status, p.LapseDate = patentbridge.StatusLapsedUnpaid, date("2025-01-01")
	})
	pTransferred = craftedPatent(4, "一种文本分类方法", func(p *patentbridge.Patent) {
		p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventTransfer, Date: date("2024-05-01"), Text: "专利权的转移"}}
		p.TransferCount = 1
	})
	pCoOwned = craftedPatent(5, "一种锂离子电池正极材料及其制备方法", func(p *patentbridge.Patent) {
		p.Patentees = []patentbridge.Party{uniUEST, company}
		p.Applicants = p.Patentees
		p.MainIPC, p.IPC = "H01M4/525", []string{"H01M4/525", "H01M10/0525"}
		p.RegionCode = "510703"
		p.FamilySize, p.ForwardCitations = 4, 12
	})
	pDesign = craftedPatent(6, "茶具（青瓷）", func(p *patentbridge.Patent) {
		p.AppNo, p.Kind, p.MainIPC, p.IPC = appNo(2019, 3, 6), patentbridge.KindDesign, "", nil
	})
	pInstitute = craftedPatent(7, "一种页岩气井压裂液返排处理系统", func(p *patentbridge.Patent) {
		p.Patentees, p.Applicants = []patentbridge.Party{instByType}, []patentbridge.Party{instByType}
		p.MainIPC, p.IPC = "E21B43/26", []string{"E21B43/26"}
		p.AppNo, p.Kind = appNo(2019, 2, 7), patentbridge.KindUtility
	})
	pCompany   = craftedPatent(8, "一种芯片封装结构", func(p *patentbridge.Patent) { p.Patentees = []patentbridge.Party{company} })
	pReason    = craftedPatent(9, "一种深度学习模型压缩方法", nil)
	pDeclared  = craftedPatent(10, "一种川芎提取物的制备方法", func(p *patentbridge.Patent) { p.MainIPC, p.IPC = "A61K36/23", []string{"A61K36/23"} })
	allCrafted = []*patentbridge.Patent{pExact3Years, pOneDayLate, pLapsed, pTransferred, pCoOwned, pDesign, pInstitute, pCompany, pReason, pDeclared}
)

// MustRun screens every stored patent as of screeningAsOf with the default configuration.
func MustRun(tb testing.TB, db *sqldb.DB) *patentbridge.ScreeningRun {
	tb.Helper()
	run, err := screen.NewService(db, nil, refdata.Default(), nil).Run(context.Background(), date(screeningAsOf), nil)
	if err != nil {
		tb.Fatalf("screening run: %v", err)
	}
	return run
}

// MustResult returns a patent's result in the latest finished run.
func MustResult(tb testing.TB, db *sqldb.DB, p *patentbridge.Patent) *patentbridge.ScreeningResult {
	tb.Helper()
	r, err := db.FindScreeningResult(context.Background(), 0, p.AppNo)
	if err != nil {
		tb.Fatalf("FindScreeningResult(%s): %v", p.AppNo, err)
	}
	return r
}

// MustList returns the application numbers ListSleeping gives for f.
func MustList(tb testing.TB, db *sqldb.DB, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, []string, int) {
	tb.Helper()
	items, total, err := db.ListSleeping(context.Background(), f)
	if err != nil {
		tb.Fatalf("ListSleeping(%+v): %v", f, err)
	}
	nos := make([]string, len(items))
	for i, it := range items {
		nos[i] = it.Patent.AppNo
		if it.Result.AppNo != it.Patent.AppNo {
			tb.Fatalf("item %d: result of %s with patent %s", i, it.Result.AppNo, it.Patent.AppNo)
		}
	}
	return items, nos, total
}

// MustDeclare stores a declaration.
func MustDeclare(tb testing.TB, db *sqldb.DB, d *patentbridge.Declaration) *patentbridge.Declaration {
	tb.Helper()
	if err := db.CreateDeclaration(platformCtx(), d); err != nil {
		tb.Fatalf("CreateDeclaration: %v", err)
	}
	return d
}

// referenceMatch is the sleeping filter's meaning, as the in-memory fake of the
// web tests applies it, for comparing with the SQL.
func referenceMatch(it *patentbridge.SleepingItem, f patentbridge.SleepingFilter) bool {
	p, r, c := it.Patent, it.Result, it.Result.Classes
	industries := map[string][]string{"sichuan_5_1": c.Sichuan51, "advantage_6": c.Advantage6, "agri_10_3": c.Agri103}
	switch {
	case f.Grade != "" && r.Grade != f.Grade,
		f.City != "" && !strings.HasPrefix(p.RegionCode, f.City),
		f.Kind != "" && p.Kind != f.Kind,
		f.GrantYear > 0 && p.GrantDate.Year() != f.GrantYear,
		f.Flag != "" && !slices.Contains(r.Flags, f.Flag),
		f.IPCPrefix != "" && !slices.ContainsFunc(p.IPC, func(c string) bool { return strings.HasPrefix(c, f.IPCPrefix) }),
		f.Industry != "" && !slices.Contains(industries[f.System], f.Industry),
		f.System != "" && f.Industry == "" && len(industries[f.System]) == 0,
		f.SEI != "" && !slices.ContainsFunc(c.SEI, func(s string) bool { return s == f.SEI || strings.HasPrefix(s, f.SEI+".") }),
		f.Institution != "" && !slices.ContainsFunc(p.Owners(), func(o patentbridge.Party) bool { return strings.Contains(o.Name, f.Institution) }):
		return false
	}
	return true
}

// inCity returns a context whose signed-in user is a city user of code.
func inCity(code string) context.Context {
	return patentbridge.WithUser(context.Background(), &patentbridge.User{ID: 7, Role: patentbridge.RoleCity, CityCode: code})
}
