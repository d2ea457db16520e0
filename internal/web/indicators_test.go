package web_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// An invention whose export left the claims count blank shows 无数据 for it,
// said to count at the neutral value, and gets the neutral contribution, not
// zero; a known zero (no forward citation) stays 0. The page explains the grades.
func TestPatentPageMissingIndicatorIsNeutral(t *testing.T) {
	e := newScreenEnv(t, false)
	app := "202010000003" + patentbridge.AppNoCheckChar("202010000003")
	unknownClaims := &patentbridge.Patent{AppNo: app, Kind: patentbridge.KindInvention, Title: "一种茶叶杀青装置",
		AppDate: time.Date(2020, 3, 2, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2022, 5, 6, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, MainIPC: "A23F3/06", IPC: []string{"A23F3/06"},
		Patentees: []patentbridge.Party{{Name: "四川农业大学", Type: patentbridge.PartyUniversity}},
		Inventors: []string{"王一"}, RegionCode: "510107", FamilySize: 1}
	httpxtest.MustScreen(t, e.users.DB, testNow, unknownClaims)
	status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+app)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	// weight 1 of 13.25 at the 50th percentile: 100 × 1 × 0.5 / 13.25 = 3.77 points
	mustContain(t, body,
		`<tr class="indicator-missing" data-indicator="claims_count"><td>法律</td><td>权利要求数</td><td class="num">无数据<br><small class="muted">无数据，按中性值计</small></td><td class="num">50%</td><td class="num">1</td><td class="num">3.77</td></tr>`,
		`<tr data-indicator="forward_citations"><td>技术</td><td>被引证次数</td><td class="num">0</td>`,
		`id="grade-bands"`, "按本批次沉睡专利的评分从高到低划分", `<span class="grade grade-A">A</span> 评分最高的 0%：本批次无`,
		`<span class="grade grade-B">B</span> 其后的 50%（第 0%–50%）：1 件，评分`)
	mustContain(t, body, `<th>权利要求数</th><td class="num">无数据</td>`, `<th>简单同族数量</th><td class="num">1</td>`)
	if strings.Contains(body, `<td>权利要求数</td><td class="num">0</td>`) {
		t.Errorf("an unknown claims count is shown as 0")
	}
}
