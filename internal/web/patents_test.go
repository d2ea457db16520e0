package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

func TestPatentListShowsRows(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	status, body := MustGet(t, e.client(t), e.srv.URL+"/patents")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body,
		`<a class="patent-link" href="/patents/2021108432658">微米级多孔硫酸亚铁钠/碳复合正极材料及其制备的钠离子电池或钠电池</a>`,
		"202223220665.2", "一种棉花打顶无人机的智能控制系统及方法", `id="result-total">3<`,
		"四川省成都市武侯区", "德阳市",
		// the 21 cities of Sichuan in the city filter
		`<option value="5101">成都市</option>`, `<option value="5134">凉山彝族自治州</option>`)
	if n := strings.Count(body, `<option value="51`); n != 21 {
		t.Errorf("city filter has %d Sichuan cities, want 21", n)
	}
}

func TestPatentListFiltersAndKeepsForm(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	q := url.Values{"owner_type": {"university"}, "ipc": {"h01m"}, "city": {"5101"}, "owner": {"四川大学"},
		"grant_year_from": {"2020"}, "sort": {"-grant_date"}}
	status, body := MustGet(t, e.client(t), e.srv.URL+"/patents?"+q.Encode())
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	want := patentbridge.PatentFilter{OwnerType: patentbridge.PartyUniversity, IPCPrefix: "H01M", City: "5101",
		Owner: "四川大学", GrantYearFrom: 2020, Sort: "-grant_date", Limit: 20}
	if diff := cmp.Diff(want, e.patents.LastPatentFilter()); diff != "" {
		t.Errorf("filter (-want +got):\n%s", diff)
	}
	mustContain(t, body, `id="result-total">1<`, `<option value="university" selected>`, `<option value="5101" selected>`,
		`value="h01m"`, `<option value="-grant_date" selected>`)
	if strings.Contains(body, "一种棉花打顶无人机") {
		t.Errorf("an enterprise's patent is listed under owner_type=university")
	}
}

func TestPatentListBadFilterShowsChineseError(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	status, body := MustGet(t, e.client(t), e.srv.URL+"/patents?ipc="+url.QueryEscape("H1M"))
	if status != 400 {
		t.Errorf("status %d, want 400", status)
	}
	mustContain(t, body, `id="filter-error"`, "IPC分类号", "格式不正确", `value="H1M"`)
	if strings.Contains(body, "patent-link") {
		t.Errorf("results shown despite a bad filter")
	}
}

func TestPatentListEmptyAndPaging(t *testing.T) {
	var ps []*patentbridge.Patent
	for i := range 45 {
		digits := fmt.Sprintf("20231%07d", i+1)
		ps = append(ps, &patentbridge.Patent{AppNo: digits + patentbridge.AppNoCheckChar(digits),
			Kind: patentbridge.KindInvention, Title: fmt.Sprintf("测试专利%02d", i+1)})
	}
	e := newEnv(t, ps...)
	c := e.client(t)
	_, body := MustGet(t, c, e.srv.URL+"/patents?page=3")
	// newest application first: the last page holds the oldest five
	mustContain(t, body, "第 3 / 3 页", "显示第 41–45 件", "测试专利01", `id="page-prev"`)
	if strings.Contains(body, "测试专利45") {
		t.Errorf("the newest application is on the last page")
	}
	if strings.Contains(body, `id="page-next"`) {
		t.Errorf("last page offers a next page")
	}
	_, body = MustGet(t, c, e.srv.URL+"/patents?kind=design")
	mustContain(t, body, `id="result-empty"`, "没有找到符合条件的专利")
}

func TestPatentDetail(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	for _, form := range []string{"2021108432658", "CN202110843265.8", "202110843265.8"} {
		t.Run(form, func(t *testing.T) {
			status, body := MustGet(t, e.client(t), e.srv.URL+"/patents/"+url.PathEscape(form))
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			mustContain(t, body,
				`<h1 id="patent-title">微米级多孔硫酸亚铁钠/碳复合正极材料及其制备的钠离子电池或钠电池</h1>`,
				`id="patent-appno">202110843265.8<`, "CN114050246B", "2023-08-01",
				"有效（原文：有权-审定授权）", "四川大学 <span class=\"tag\">大专院校</span>", "张伟；刘洋；陈静",
				"四川省成都市武侯区",
				// Chinese IPC titles from the embedded scheme
				"电学", "用于直接转变化学能为电能的方法或装置，例如电池组",
				"WIPO技术领域：", "2024-03-05", "转让",
				`<details id="patent-extra">`, "审查员", "赵敏")
		})
	}
}
