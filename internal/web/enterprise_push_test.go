package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// pushRegistryCSV is a park registry like the demo's seven: liquor makers and a
// pharmaceutical firm beside a motor maker, a robot maker, a battery maker and
// a PV equipment maker, every one an SME in a park.
const pushRegistryCSV = "企业名称,统一社会信用代码,经营范围,行业,地区代码,是否中小微企业,所属园区\n" +
	"泸州某酒业有限公司,91510100MA6C00007B,白酒生产、销售；酒类酿造技术开发；发酵设备销售,酒、饮料和精制茶制造业,510502,是,泸州白酒产业园\n" +
	"宜宾某酒厂,91510100MA6C000143,浓香型白酒的酿造与销售；包装材料销售,酒、饮料和精制茶制造业,511502,是,宜宾临港经开区\n" +
	"成都某药业有限公司,91510100MA6C00021T,中成药、化学药制剂的生产；医疗器械销售；中药材种植,医药制造业,510116,是,成都天府国际生物城\n" +
	"德阳某电机有限公司,91510100MA6C00028G,电机制造；微特电机及组件制造；发电机及发电机组销售,电气机械和器材制造业,510603,是,德阳经开区\n" +
	"成都某机器人有限公司,91510100MA6C000358,工业机器人制造；智能机器人的研发；减速器、伺服电机销售,通用设备制造业,510107,是,成都高新区\n" +
	"成都钠电新能源有限公司,91350100M000100Y43,钠离子电池、正极材料的研发与生产,先进材料,510116,是,成都高新区\n" +
	"绵阳光伏装备有限公司,12100000400000624D,光伏组件生产线设备制造；胶膜加工,装备制造,510703,否,绵阳科技城\n"

// pushPatents are sleeping university patents of the registry's fields.
func pushPatents() []*patentbridge.Patent {
	uni := []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
	p := func(appNo, title, abstract, region string, ipc ...string) *patentbridge.Patent {
		return &patentbridge.Patent{AppNo: appNo, Kind: patentbridge.KindInvention, Title: title, Abstract: abstract,
			AppDate: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 6, 8, 0, 0, 0, 0, time.UTC),
			Status: patentbridge.StatusInForce, StatusText: "有权-审定授权", MainIPC: ipc[0], IPC: ipc,
			Applicants: uni, Patentees: uni, Inventors: []string{"张伟"}, RegionCode: region, ClaimsCount: 8}
	}
	return []*patentbridge.Patent{
		p("2015100000114", "一种永磁同步电机的转子结构", "本发明公开了一种永磁同步电机的转子结构，包括转子铁芯、永磁体和转轴，降低齿槽转矩，提高电机效率。", "510603", "H02K1/27"),
		p("2019100000220", "一种白酒固态发酵温度自动控制系统", "本发明涉及白酒酿造设备，窖池内布置温度传感器，控制器根据酒醅温度自动调节通风与冷却水。", "510502", "C12G3/02"),
		p("2020100000331", "一种工业机器人关节减速器", "本发明涉及一种工业机器人关节减速器，包括输入轴、行星齿轮和柔性轴承，适用于六轴机器人的关节驱动。", "510107", "B25J9/10"),
		p("2018100000442", "一种治疗糖尿病的中药组合物及其制备方法", "本发明公开了一种治疗糖尿病的中药组合物，由黄芪、山药、葛根等中药材制成。", "510107", "A61K36/8962", "A61P3/10"),
		p("2021100000552", "一种物料输送装置", "本发明公开了一种物料输送装置，包括底座、支撑架和输送带，驱动电机带动传动轴转动。", "510107", "B65G15/00"),
	}
}

// pushEnv is the demand environment with the push registry and a published
// supply list of every sleeping patent; it returns the list's number and id.
func pushEnv(t *testing.T) (*demandEnv, string, int64) {
	t.Helper()
	e := newDemandEnv(t)
	if status, body := MustUpload(t, e.client(t, "admin"), e.srv.URL+"/admin/enterprises", "r.csv", []byte(pushRegistryCSV), nil); status != http.StatusOK {
		t.Fatalf("registry: %d\n%s", status, body)
	}
	httpxtest.MustScreen(t, e.db, testNow, append(httpxtest.SamplePatents(), pushPatents()...)...)
	l := &patentbridge.SupplyList{Title: "四川大学沉睡专利"}
	if err := e.db.CreateSupplyList(t.Context(), l); err != nil {
		t.Fatal(err)
	}
	if len(l.Items) != 6 {
		t.Fatalf("the list holds %d patents, want the 5 and the PV one", len(l.Items))
	}
	if _, err := e.db.PublishSupplyList(t.Context(), l.ID, true); err != nil {
		t.Fatal(err)
	}
	return e, fmt.Sprintf("%d年第1期", testNow.Year()), l.ID
}

// pushRows reads the page's push table: enterprise, patent, 匹配度 and reason per row.
func pushRows(body string) [][4]string {
	var out [][4]string
	name := ""
	row := regexp.MustCompile(`(?s)<tr class="push-(?:row|more)">(.*?)</tr>`)
	for _, m := range row.FindAllStringSubmatch(body, -1) {
		if n := regexp.MustCompile(`<td rowspan="\d+">([^<]+)<br>`).FindStringSubmatch(m[1]); n != nil {
			name = n[1]
		}
		c := regexp.MustCompile(`(?s)<span class="mono">([^<]+)</span>.*?<td class="num push-score">(\d+%)</td><td class="push-reason">([^<]*)</td>`).FindStringSubmatch(m[1])
		if c != nil {
			out = append(out, [4]string{name, c[1], c[2], c[3]})
		}
	}
	return out
}

func TestEnterprisePushByPatent(t *testing.T) {
	e, _, _ := pushEnv(t)
	admin := e.client(t, "admin")
	if status, _ := MustGet(t, e.client(t, "firm"), e.srv.URL+"/admin/enterprises/push?app_no=2015100000114"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the push list: %d", status)
	}
	if status, _ := MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?app_no=2021108432659"); status != http.StatusBadRequest {
		t.Errorf("bad application number: %d", status)
	}
	// The motor patent goes to the motor and robot makers, never to the liquor or pharmaceutical firms.
	_, body := MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?app_no=CN201510000011.4")
	rows := pushRows(body)
	if fmt.Sprint(rows) != "[[德阳某电机有限公司 201510000011.4 70% 经营范围含：电机] [成都某机器人有限公司 201510000011.4 65% 经营范围含：电机]]" {
		t.Errorf("motor patent pushed as %q", rows)
	}
	for _, firm := range []string{"泸州某酒业有限公司", "宜宾某酒厂", "成都某药业有限公司"} {
		if strings.Contains(body, firm) {
			t.Errorf("%s is pushed a motor patent", firm)
		}
	}
	mustContain(t, body, "匹配度不低于 50%", `title="经营范围、行业与专利领域的相符程度，满分100%"`)
	_, body = MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?app_no=2021108432658")
	if rows := pushRows(body); fmt.Sprint(rows) != "[[成都钠电新能源有限公司 202110843265.8 100% 经营范围含：正极、钠离子、电池]]" {
		t.Errorf("battery patent pushed as %q", rows)
	}
	// A patent of no registry firm's field is pushed to none, SME and park or not.
	_, body = MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?app_no=2021100000552")
	mustContain(t, body, `id="push-empty"`)

	// A city user is offered its city's enterprises only.
	_, body = MustGet(t, e.client(t, "chengdu"), e.srv.URL+"/admin/enterprises/push?app_no=2015100000114")
	if rows := pushRows(body); len(rows) != 1 || rows[0][0] != "成都某机器人有限公司" {
		t.Errorf("Chengdu's push of the motor patent = %q", rows)
	}
}

func TestEnterprisePushByList(t *testing.T) {
	e, number, id := pushEnv(t)
	admin := e.client(t, "admin")
	get := func(q url.Values) (int, string) {
		return MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?"+q.Encode())
	}

	// The list's page leads its managers to its push list, by its heading.
	_, page := MustGet(t, admin, fmt.Sprintf("%s/supply/%d", e.srv.URL, id))
	link := regexp.MustCompile(`href="([^"]+)" id="supply-push"`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("the published list's page has no push link")
	}
	if status, body := MustGet(t, admin, e.srv.URL+strings.ReplaceAll(link[1], "&amp;", "&")); status != 200 || len(pushRows(body)) == 0 {
		t.Errorf("push link %s: %d, %d rows", link[1], status, len(pushRows(body)))
	}
	if _, page := MustGet(t, e.client(t, ""), fmt.Sprintf("%s/supply/%d", e.srv.URL, id)); strings.Contains(page, "supply-push") {
		t.Error("the public is offered the push link")
	}

	// Chosen by its number; every firm gets its fitting patents only, each with one reason.
	status, body := get(url.Values{"list": {number}})
	if status != http.StatusOK {
		t.Fatalf("push by %s: %d\n%s", number, status, body)
	}
	mustContain(t, body, "四川省专利技术供给清单（"+number+"） 四川大学沉睡专利", "每家企业最多 10 件")
	rows := pushRows(body)
	got := map[string][]string{}
	for _, r := range rows {
		got[r[0]] = append(got[r[0]], r[1]+" "+r[3])
	}
	want := map[string][]string{
		"泸州某酒业有限公司":   {"201910000022.0 经营范围含：白酒、发酵、酿造；同属川酒、食品饮料产业"},
		"宜宾某酒厂":       {"201910000022.0 经营范围含：白酒、酿造；同属川酒、食品饮料产业"},
		"成都某药业有限公司":   {"201810000044.2 经营范围含：中药材；同属川药、医药健康产业"},
		"德阳某电机有限公司":   {"201510000011.4 经营范围含：电机"},
		"成都某机器人有限公司":  {"202010000033.1 经营范围含：机器人、减速器；同属装备制造产业", "201510000011.4 经营范围含：电机"},
		"绵阳光伏装备有限公司":  {"202223220665.2 经营范围含：胶膜、光伏、生产线；同属能源化工产业"},
		"成都钠电新能源有限公司": nil,
	}
	for firm, w := range want {
		if fmt.Sprint(got[firm]) != fmt.Sprint(w) {
			t.Errorf("%s pushed %q, want %q", firm, got[firm], w)
		}
	}
	for _, r := range rows {
		if strings.Count(r[3], "经营范围含") > 1 || strings.Contains(r[3], "2019") || strings.Contains(r[3], "中小微") || strings.Contains(r[3], "园区") {
			t.Errorf("reason %q is not one short reason of the field", r[3])
		}
	}

	// At most per patents per enterprise, its best.
	_, body = get(url.Values{"list": {"四川省" + number}, "per": {"1"}})
	for _, r := range pushRows(body) {
		if r[0] == "成都某机器人有限公司" && r[1] != "202010000033.1" {
			t.Errorf("the robot maker's one patent is %s, not its best fit", r[1])
		}
	}
	if n := strings.Count(body, `class="push-more"`); n != 0 {
		t.Errorf("%d enterprises got a second patent with per=1", n)
	}
	for _, per := range []string{"0", "51", "十"} {
		status, body := get(url.Values{"list": {number}, "per": {per}})
		if status != http.StatusBadRequest || !strings.Contains(body, "每家企业最多推送件数应为 1 至 50 的整数") {
			t.Errorf("per=%s: %d", per, status)
		}
	}
	if status, body := get(url.Values{"list": {"2026年第9期"}}); status != http.StatusNotFound || !strings.Contains(body, "没有2026年第9期的已发布供给清单") {
		t.Errorf("unknown number: %d", status)
	}

	// The workbook: one row per patent pushed, each with its one reason.
	res, err := admin.Get(e.srv.URL + "/admin/enterprises/push?" + url.Values{"list": {number}, "format": {"xlsx"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	for _, sheet := range f.GetSheetList() {
		xs, _ := f.GetRows(sheet)
		if len(xs) < 2 || xs[1][7] != "申请号" || xs[1][10] != "推荐理由" {
			t.Fatalf("sheet %s header = %q", sheet, xs)
		}
		for _, x := range xs[2:] {
			lines = append(lines, x[1]+" "+x[7]+" "+x[10])
		}
	}
	if len(lines) != len(rows) {
		t.Errorf("workbook has %d rows, page %d: %q", len(lines), len(rows), lines)
	}
	if !slicesContain(lines, "成都某机器人有限公司 201510000011.4 经营范围含：电机") ||
		!slicesContain(lines, "成都某机器人有限公司 202010000033.1 经营范围含：机器人、减速器；同属装备制造产业") {
		t.Errorf("workbook rows = %q", lines)
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEnterprisePushAmbiguousNumber: when the province and Chengdu both
// published their 第1期, the administrator's bare number is refused naming both
// lists, with a link to each; the issuer's name picks one, and a city user's
// bare number means its own city's list.
func TestEnterprisePushAmbiguousNumber(t *testing.T) {
	e, number, _ := pushEnv(t)
	cd := &patentbridge.SupplyList{Title: "成都高校专利", CityCode: "5101", Filter: patentbridge.SleepingFilter{City: "5101"}}
	if err := e.db.CreateSupplyList(t.Context(), cd); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.PublishSupplyList(t.Context(), cd.ID, true); err != nil {
		t.Fatal(err)
	}
	admin := e.client(t, "admin")
	push := func(c *http.Client, list string) (int, string) {
		return MustGet(t, c, e.srv.URL+"/admin/enterprises/push?"+url.Values{"list": {list}}.Encode())
	}
	status, body := push(admin, number)
	if status != http.StatusBadRequest {
		t.Fatalf("admin's bare %s: %d", number, status)
	}
	mustContain(t, body, number+" 有多份清单：四川省"+number+"、成都市"+number+"，请写明发布单位")
	choices := regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`).FindAllStringSubmatch(
		regexp.MustCompile(`(?s)<p id="push-choices">.*?</p>`).FindString(body), -1)
	if len(choices) != 2 || choices[0][2] != "四川省"+number || choices[1][2] != "成都市"+number {
		t.Fatalf("choices offered: %q", choices)
	}
	if status, body := MustGet(t, admin, e.srv.URL+html.UnescapeString(choices[1][1])); status != http.StatusOK ||
		!strings.Contains(body, "成都市专利技术供给清单（"+number+"） 成都高校专利") {
		t.Errorf("the Chengdu choice: %d", status)
	}
	if status, body := push(admin, "四川省"+number); status != http.StatusOK || !strings.Contains(body, "四川省专利技术供给清单（"+number+"） 四川大学沉睡专利") {
		t.Errorf("四川省%s: %d", number, status)
	}
	if status, body := push(e.client(t, "chengdu"), number); status != http.StatusOK || !strings.Contains(body, "成都市专利技术供给清单（"+number+"） 成都高校专利") {
		t.Errorf("Chengdu's bare %s: %d", number, status)
	}
	if status, _, body := MustPost(t, admin, e.srv.URL+"/admin/enterprises/push/send", url.Values{"list": {number}, "per": {"10"}}); status != http.StatusBadRequest ||
		!strings.Contains(body, "请写明发布单位") {
		t.Errorf("admin sends by the bare number: %d", status)
	}
}
