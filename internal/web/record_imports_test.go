package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// The outlet and technology manager lists take their files: the good rows
// are listed, the bad row's line and column are in the report to download,
// the templates' headers are the importers' columns, and an enterprise user
// can neither upload nor download.
func TestOutletAndManagerUploadsReportTheBadRow(t *testing.T) {
	e := newServiceEnv(t)
	c := MustClient(t, e, "chengdu")
	_, body := MustGet(t, c, e.URL+"/service-outlets")
	mustContain(t, body, `action="/service-outlets/import"`, `href="/service-outlets/template.xlsx"`)
	file := []byte("名称,类型（服务机构/网点）,依托单位,所在市(州),设立日期\n" +
		"锦江区服务网点,网点,成都芯动科技有限公司,,2026-02-01\n" +
		"武侯区服务网点,驿站,,5101,2026-02-01\n")
	status, body := MustUpload(t, c, e.URL+"/service-outlets/import", "网点.csv", file)
	if status != http.StatusOK {
		t.Fatalf("outlet upload: %d\n%s", status, body)
	}
	mustContain(t, body, "网点.csv：读取 2 行，新增 1 行", "拒绝 1 行", "共 1 个", "锦江区服务网点")
	mustContain(t, rejectsReport(t, body, "outlet-rejects"), "网点.csv,3,类型（服务机构/网点）,驿站,")

	_, body = MustGet(t, c, e.URL+"/tech-managers")
	mustContain(t, body, `action="/tech-managers/import"`, `href="/tech-managers/template.csv"`)
	file = []byte("姓名,所属机构,所在市（州）,登记日期\n王芳,,5101,2026-02-01\n李强,,5101,2026-02-31\n赵敏,,5107,2026-02-01\n")
	status, body = MustUpload(t, c, e.URL+"/tech-managers/import", "技术经理人.csv", file)
	if status != http.StatusOK {
		t.Fatalf("manager upload: %d\n%s", status, body)
	}
	mustContain(t, body, "技术经理人.csv：读取 3 行，新增 1 行", "拒绝 2 行", "共 1 名", "王芳")
	report := rejectsReport(t, body, "manager-rejects")
	mustContain(t, report, "技术经理人.csv,3,登记日期,2026-02-31,", `技术经理人.csv,4,所在市（州）,5107,"没有权限`)

	if rows := MustGetXLSX(t, c, e.URL+"/service-outlets/template.xlsx"); len(rows) != 1 || strings.Join(rows[0], ",") != "名称,类型,依托单位,所在市(州),设立日期,撤销日期" {
		t.Errorf("outlet template = %q", rows)
	}
	if _, csv := MustGet(t, c, e.URL+"/tech-managers/template.csv"); !strings.HasPrefix(csv, "\ufeff姓名,所属机构,所在市(州),登记日期") {
		t.Errorf("manager template.csv = %q", csv)
	}
	_, body = MustGet(t, c, e.URL+"/programme")
	mustContain(t, body, `href="/service-outlets/template.xlsx"`, `href="/tech-managers/template.xlsx"`)
	firm := MustClient(t, e, "firm")
	if status, _ := MustUpload(t, firm, e.URL+"/tech-managers/import", "技术经理人.csv", file); status != http.StatusForbidden {
		t.Errorf("an enterprise user uploading: %d, want 403", status)
	}
	if status, _ := MustGet(t, firm, e.URL+"/service-outlets/template.csv"); status != http.StatusForbidden {
		t.Errorf("an enterprise user downloading: %d, want 403", status)
	}
}

// The pilot base and 科创板 lists take their files: a pipeline row with a
// 跟踪日期 is screened in and followed; the bad rows are reported by line
// and column; the filled-in XLSX template uploads.
func TestPilotBaseAndListingUploadsReportTheBadRow(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	_, body := MustGet(t, c, e.srv.URL+"/pilot-bases")
	mustContain(t, body, `action="/pilot-bases/import"`, `href="/pilot-bases/template.xlsx"`)
	rows := MustGetXLSX(t, c, e.srv.URL+"/pilot-bases/template.xlsx")
	if len(rows) != 1 || strings.Join(rows[0], ",") != "基地名称,依托单位,地区代码,成立日期" {
		t.Fatalf("pilot base template = %q", rows)
	}
	sheet := [][]any{{"基地名称", "依托单位", "地区代码", "成立日期"},
		{"四川大学新材料中试基地", "四川大学", "5101", "2026-03-01"}, {"绵阳中试基地", "绵阳九洲电子有限公司", "5107", "2026-03-01"}}
	status, body := MustUpload(t, c, e.srv.URL+"/pilot-bases/import", "中试熟化基地登记导入模板.xlsx", MustWorkbook(t, sheet))
	if status != http.StatusOK {
		t.Fatalf("pilot base upload: %d\n%s", status, body)
	}
	mustContain(t, body, "读取 2 行，新增 1 行", "拒绝 1 行", "共 1 个", "四川大学新材料中试基地")
	mustContain(t, rejectsReport(t, body, "pilot-base-rejects"), "中试熟化基地登记导入模板.xlsx,3,地区代码,5107,")

	_, body = MustGet(t, c, e.srv.URL+"/listings")
	mustContain(t, body, `action="/listings/import"`, `href="/listings/template.csv"`)
	file := []byte("企业名称,地区代码,入库日期,跟踪日期,上市日期\n" +
		"成都芯动科技有限公司,,2026-01-20,2026-06-15,\n" +
		"不存在的公司,5101,2026-01-20,,\n")
	status, body = MustUpload(t, c, e.srv.URL+"/listings/import", "科创板.csv", file)
	if status != http.StatusOK {
		t.Fatalf("listing upload: %d\n%s", status, body)
	}
	mustContain(t, body, "科创板.csv：读取 2 行，新增 1 行", "拒绝 1 行", "共 1 家")
	mustContain(t, rejectsReport(t, body, "listing-rejects"), "科创板.csv,3,企业名称,不存在的公司,")
	_, body = MustGet(t, c, e.srv.URL+"/listings?stage=followed")
	mustContain(t, body, "共 1 家", "2026-06-15")
	_, body = MustGet(t, c, e.srv.URL+"/programme")
	mustContain(t, body, `href="/pilot-bases/template.xlsx"`, `href="/listings/template.xlsx"`)
	// The same file again screens nobody twice.
	_, body = MustUpload(t, c, e.srv.URL+"/listings/import", "科创板.csv", file)
	mustContain(t, body, "新增 0 行，已有 1 行", "共 1 家")
	if status, _ := MustUpload(t, MustClient(t, e.srv, "firm"), e.srv.URL+"/listings/import", "科创板.csv", file); status != http.StatusForbidden {
		t.Errorf("an enterprise user uploading: %d, want 403", status)
	}
}
