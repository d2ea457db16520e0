package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// appNo returns a valid normalized application number: year, kind digit, serial.
func appNo(year int, kindDigit int, serial int) string {
	d := fmt.Sprintf("%04d%d%07d", year, kindDigit, serial)
	return d + patentbridge.AppNoCheckChar(d)
}

func date(s string) time.Time {
	t, err := patentbridge.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

var titles = []string{
	"一种锂离子电池正极材料及其制备方法",
	"基于深度学习的中文专利文本分类方法",
	"一种高速铁路桥梁健康监测装置",
	"一种川芎提取物的制备方法及其应用",
	"一种页岩气井压裂液返排处理系统",
}

// newPatent returns a realistic patent (about 1 KB of text) whose fields vary with i.
func newPatent(i int) *patentbridge.Patent {
	kinds := []patentbridge.Kind{patentbridge.KindInvention, patentbridge.KindUtility}
	digits := []int{1, 2}
	owner := []patentbridge.Party{
		{Name: "四川大学", Type: patentbridge.PartyUniversity},
		{Name: "中国科学院成都生物研究所", Type: patentbridge.PartyInstitute},
		{Name: "成都智航科技有限公司", Type: patentbridge.PartyEnterprise, SME: true},
	}[i%3]
	title := titles[i%len(titles)]
	p := &patentbridge.Patent{
		AppNo:            appNo(2018+i%5, digits[i%2], 100000+i),
		Kind:             kinds[i%2],
		PubNo:            fmt.Sprintf("CN%09dA", 110000000+i),
		Title:            title,
		Abstract:         strings.Repeat("本发明公开了"+title+"，属于技术领域，解决了现有技术中效率低、成本高的问题。", 3),
		FirstClaim:       "1." + title + "，其特征在于，包括壳体、控制单元和传感器组件。",
		AppDate:          date(fmt.Sprintf("%04d-03-%02d", 2018+i%5, 1+i%28)),
		PubDate:          date(fmt.Sprintf("%04d-09-%02d", 2018+i%5, 1+i%28)),
		Status:           patentbridge.StatusPending,
		StatusText:       "审中-实审",
		MainIPC:          []string{"H01M4/525", "G06F16/35", "E01D22/00", "A61K36/23", "E21B43/26"}[i%5],
		Applicants:       []patentbridge.Party{owner, {Name: "张伟", Type: patentbridge.PartyIndividual}},
		Inventors:        []string{"张伟", "李娜", "王强"},
		RegionCode:       []string{"510100", "510700", "511300"}[i%3],
		Address:          "四川省成都市武侯区一环路南一段24号",
		Agency:           "成都九鼎天元知识产权代理有限公司",
		ClaimsCount:      8 + i%5,
		ForwardCitations: i % 7,
		Extra:            map[string]string{"审查员": "刘洋"},
		Source:           "export.csv",
	}
	p.IPC = []string{p.MainIPC, "G06N3/08"}
	if i%2 == 0 {
		p.GrantNo = fmt.Sprintf("CN%09dB", 110000000+i)
		p.GrantDate = date(fmt.Sprintf("%04d-06-%02d", 2019+i%5, 1+i%28))
		p.Status, p.StatusText = patentbridge.StatusInForce, "有权-审定授权"
		p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventGrant, Date: p.GrantDate, Text: "授权"}}
	}
	return p
}

// MustUpsert upserts the patents and fails the test on error.
func MustUpsert(tb testing.TB, db *sqldb.DB, ps ...*patentbridge.Patent) patentbridge.UpsertResult {
	tb.Helper()
	res, err := db.UpsertPatents(context.Background(), ps)
	if err != nil {
		tb.Fatalf("UpsertPatents: %v", err)
	}
	return res
}

// MustCreateUser creates an account as the platform (no forced password change)
// and fails the test on error; a city account belongs to 5101.
func MustCreateUser(tb testing.TB, db *sqldb.DB, username string, role patentbridge.Role, password string) *patentbridge.User {
	tb.Helper()
	nu := patentbridge.NewUser{Username: username, Name: username, Role: role, Password: password}
	if role == patentbridge.RoleCity {
		nu.CityCode = "5101"
	}
	u, err := db.CreateUser(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), nu)
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}

// changes returns every outbox entry.
func changes(tb testing.TB, db *sqldb.DB) []sqldb.PatentChange {
	tb.Helper()
	cs, err := db.PatentChanges(context.Background(), 0, sqldb.MaxListLimit)
	if err != nil {
		tb.Fatalf("PatentChanges: %v", err)
	}
	return cs
}

// wantCode fails the test unless err carries the error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := patentbridge.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %s", got, err, code)
	}
}

// platformCtx is the context of the platform's own acts (fixtures, the command line).
func platformCtx() context.Context {
	return patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
}

// fixedMatches stands in for the search service in store tests: every need is
// matched to these patents (on the default list), the others to nothing.
type fixedMatches []string

// Match lists the patents of m for r (the ?all=1 list: the same).
func (m fixedMatches) Match(_ context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	res := &patentbridge.MatchResult{}
	for i, no := range m {
		res.Items = append(res.Items, patentbridge.Match{AppNo: no, Score: float64(len(m) - i)})
	}
	return res, nil
}
