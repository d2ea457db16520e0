package web_test

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// registryCSV is an enterprise registry in GBK with one invalid credit code.
func registryCSV(tb testing.TB) []byte {
	tb.Helper()
	text := "企业名称,统一社会信用代码,经营范围,行业,地区代码,是否中小微企业,所属园区\n" +
		"成都钠电新能源有限公司,91350100M000100Y43,钠离子电池、正极材料的研发与生产,先进材料,510116,是,成都高新区\n" +
		"绵阳光伏装备有限公司,12100000400000624D,光伏组件生产线设备制造；胶膜加工,装备制造,510703,否,绵阳科技城\n" +
		"信用代码错误的公司,91350100M000100Y44,软件开发,电子信息,510107,是,天府软件园\n"
	b, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		tb.Fatal(err)
	}
	return []byte(b)
}

func TestEnterpriseRegistryImport(t *testing.T) {
	e := newDemandEnv(t)
	for _, who := range []string{"firm", "chengdu"} {
		if status, _ := MustGet(t, e.client(t, who), e.srv.URL+"/admin/enterprises"); status != http.StatusForbidden {
			t.Errorf("%s opens the registry: %d", who, status)
		}
	}
	admin := e.client(t, "admin")
	status, body := MustUpload(t, admin, e.srv.URL+"/admin/enterprises", "园区企业名录.csv", registryCSV(t), nil)
	if status != http.StatusOK {
		t.Fatalf("import: %d\n%s", status, body)
	}
	mustContain(t, body, "读取 3 行，新增 2 家，更新 0 家，未变 0 家，拒绝 1 行", "下载拒绝原因（CSV）", "成都钠电新能源有限公司", "绵阳科技城")
	m := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no rejects download link")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[1], "&#43;", "+"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("rejects CSV = %q, %v", raw, err)
	}
	if r := recs[1]; r[0] != "园区企业名录.csv" || r[1] != "4" || r[2] != "统一社会信用代码" || r[3] != "91350100M000100Y44" || !strings.Contains(r[4], "校验位错误") {
		t.Errorf("reject = %q", r)
	}
	_, body = MustGet(t, admin, e.srv.URL+"/admin/enterprises?park=绵阳科技城")
	mustContain(t, body, "绵阳光伏装备有限公司", "名录（共 1 家）")
	if strings.Contains(body, "成都钠电新能源有限公司") {
		t.Error("park filter shows another park's enterprise")
	}
	status, body = MustUpload(t, admin, e.srv.URL+"/admin/enterprises", "x.csv", []byte("企业名称,经营范围\n某公司,软件\n"), nil)
	if status != http.StatusBadRequest || !strings.Contains(body, "找不到“统一社会信用代码”列") {
		t.Errorf("registry without credit codes: %d", status)
	}
}

func TestEnterprisePushList(t *testing.T) {
	e := newDemandEnv(t)
	admin := e.client(t, "admin")
	if status, _ := MustUpload(t, admin, e.srv.URL+"/admin/enterprises", "r.csv", registryCSV(t), nil); status != http.StatusOK {
		t.Fatal(status)
	}
	if status, _ := MustGet(t, e.client(t, "firm"), e.srv.URL+"/admin/enterprises/push?app_no=2021108432658"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the push list: %d", status)
	}
	// A city user may push; the battery patent goes to the battery maker with the scope's words as reasons.
	_, body := MustGet(t, e.client(t, "chengdu"), e.srv.URL+"/admin/enterprises/push?app_no=CN202110843265.8")
	mustContain(t, body, "微米级多孔硫酸亚铁钠", "成都钠电新能源有限公司", "经营范围含：", "钠离子")
	if strings.Contains(body, "绵阳光伏装备有限公司") {
		t.Error("the PV equipment maker is pushed a battery patent")
	}
	if status, _ := MustGet(t, admin, e.srv.URL+"/admin/enterprises/push?app_no=2021108432659"); status != http.StatusBadRequest {
		t.Errorf("bad application number: %d", status)
	}

	// A supply list's push list, exported with one sheet per park.
	httpxtest.MustScreen(t, e.db, testNow, httpxtest.SamplePatents()...)
	l := &patentbridge.SupplyList{Title: "光伏专利供给清单"}
	if err := e.db.CreateSupplyList(t.Context(), l); err != nil {
		t.Fatal(err)
	}
	_, body = MustGet(t, admin, fmt.Sprintf("%s/admin/enterprises/push?supply_list=%d", e.srv.URL, l.ID))
	mustContain(t, body, "光伏专利供给清单", "绵阳光伏装备有限公司", "202223220665.2：经营范围含：胶膜、光伏")
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/admin/enterprises/push?supply_list=%d&format=xlsx", e.srv.URL, l.ID), nil)
	res, err := admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("xlsx: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); fmt.Sprint(got) != "[成都高新区 绵阳科技城]" {
		t.Fatalf("sheets = %v, want one per park with pushed enterprises", got)
	}
	rows, _ := f.GetRows("绵阳科技城")
	if len(rows) != 3 || rows[1][1] != "企业名称" || rows[2][1] != "绵阳光伏装备有限公司" || !strings.Contains(rows[2][9], "202223220665.2") {
		t.Errorf("sheet rows = %q", rows)
	}
}
