package web_test

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
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
