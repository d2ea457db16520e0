package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
)

// postFile uploads content as the multipart field "file", like the import form.
func postFile(tb testing.TB, c *http.Client, u, name, content string) *http.Response {
	tb.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, content)
	mw.Close()
	req, _ := http.NewRequest("POST", u, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func TestImportPageRequiresAdmin(t *testing.T) {
	e := newEnv(t)

	anon := e.client(t)
	req, _ := http.NewRequest("GET", e.srv.URL+"/admin/import", nil)
	res, err := anon.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Fadmin%2Fimport" {
		t.Errorf("anonymous: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}

	firm := e.client(t)
	e.MustLogin(t, firm, "firm")
	status, body := MustGet(t, firm, e.srv.URL+"/admin/import")
	if status != http.StatusForbidden {
		t.Errorf("enterprise user: status %d", status)
	}
	mustContain(t, body, "没有权限", "省级管理员")
	res = postFile(t, firm, e.srv.URL+"/admin/import", "x.csv", "申请号\n1\n")
	res.Body.Close()
	e.runner.Wait()
	if n, _ := e.jobs.CountPatents(t.Context()); res.StatusCode != http.StatusForbidden || n != 0 {
		t.Errorf("enterprise upload: status %d", res.StatusCode)
	}

	admin := e.client(t)
	e.MustLogin(t, admin, "admin")
	status, body = MustGet(t, admin, e.srv.URL+"/admin/import")
	if status != 200 {
		t.Fatalf("admin: status %d", status)
	}
	mustContain(t, body, `id="import-file"`, `type="file"`, `id="import-submit"`, `enctype="multipart/form-data"`)
}

func TestImportUploadAndJobPage(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	content := "申请号,专利名称\nCN202223220665.2,甲\nCN202110843265.8,乙\nCN202223220665.3,丙\n"
	res := postFile(t, c, e.srv.URL+"/admin/import", "川大.csv", content)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/import/1" {
		t.Fatalf("upload: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	e.runner.Wait()
	if p, err := e.jobs.FindPatent(t.Context(), "2021108432658"); err != nil || p.Title != "乙" {
		t.Errorf("imported patent %+v, %v", p, err)
	}

	status, body := MustGet(t, c, e.srv.URL+"/admin/import/1")
	if status != 200 {
		t.Fatalf("job page status %d", status)
	}
	mustContain(t, body, `<strong id="job-status" class="job-done_rejects">完成，有拒绝行（拒绝 1 行，共读取 3 行）</strong>`, `id="job-read">3<`,
		`id="job-inserted">2<`, `id="job-rejected">1<`, `id="job-rejects" href="/admin/import/1/rejects"`,
		`value="100"`, `src="/static/job.js"`)
	if strings.Contains(body, `id="job-rejects-line" hidden`) {
		t.Errorf("rejects link hidden although a row was rejected")
	}

	status, body = MustGet(t, c, e.srv.URL+"/admin/import/1/rejects")
	if status != 200 || !strings.Contains(body, "校验位错误：应为 2") {
		t.Errorf("rejects download: %d %q", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+"/admin/import")
	mustContain(t, body, `<a class="job-link" href="/admin/import/1">1</a>`, "川大.csv")
}

// An import that rejected 3 of its 4 rows is not a green 已完成: it says
// 完成，有拒绝行 with the count, in amber, on the job page and in the job list,
// and its rejects download has Chinese headers in UTF-8 with a BOM; an import
// without rejects stays 已完成.
func TestImportWithRejectsIsNotPlainDone(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	content := "申请号,专利名称\nCN202223220665.2,甲\nCN202110843265.9,乙\nCN202223220665.3,丙\n123,丁\n"
	postFile(t, c, e.srv.URL+"/admin/import", "四行.csv", content).Body.Close()
	e.runner.Wait()
	postFile(t, c, e.srv.URL+"/admin/import", "全对.csv", "申请号,专利名称\nCN202223220665.2,甲\n").Body.Close()
	e.runner.Wait()

	want := `class="job-done_rejects">完成，有拒绝行（拒绝 3 行，共读取 4 行）<`
	_, body := MustGet(t, c, e.srv.URL+"/admin/import/1")
	mustContain(t, body, want, `id="job-rejected">3<`)
	if strings.Contains(body, `class="job-done">已完成`) {
		t.Errorf("a job with rejected rows shows 已完成")
	}
	_, body = MustGet(t, c, e.srv.URL+"/admin/import")
	mustContain(t, body, want, `<span class="job-done">已完成</span>`)
	_, body = MustGet(t, c, e.srv.URL+"/static/style.css")
	mustContain(t, body, ".job-done_rejects{")

	status, body := MustGet(t, c, e.srv.URL+"/admin/import/1/rejects")
	if status != 200 || !strings.HasPrefix(body, "\ufeff文件,行,列,值,原因\n") || strings.Count(body, "四行.csv") != 3 {
		t.Errorf("rejects download: %d %q", status, body)
	}
}

func TestRunningJobPagePolls(t *testing.T) {
	e := newEnv(t)
	j := &patentbridge.ImportJob{FileName: "big.xlsx", Status: patentbridge.JobRunning, Progress: 0.42,
		Summary: patentbridge.ImportSummary{Read: 4200}}
	if err := e.jobs.CreateImportJob(t.Context(), j); err != nil {
		t.Fatal(err)
	}
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	_, body := MustGet(t, c, e.srv.URL+"/admin/import/1")
	mustContain(t, body, `data-done="false"`, "导入中", `value="42"`, `id="job-read">4200<`,
		`<noscript><meta http-equiv="refresh" content="2"></noscript>`, `id="job-rejects-line" hidden`)
	if status, _ := MustGet(t, c, e.srv.URL+"/admin/import/2"); status != 404 {
		t.Errorf("unknown job: status %d", status)
	}
}

func TestImportUploadWithoutFile(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	res := postFile(t, c, e.srv.URL+"/admin/import", "empty.csv", "")
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 400 || !strings.Contains(string(b), "是空的") {
		t.Errorf("empty upload: status %d", res.StatusCode)
	}
}

// An export whose old numbers come as 8 digits without their check character
// lands them with a computed one, and both the job page and the patent page say
// the platform computed it; a number with its own check character says nothing.
func TestImportOldNumbersSayTheCheckCharacterIsComputed(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	content := "专利名称,申请号,申请人,申请日,主分类号,摘要\n" +
		"一种白酒固态发酵方法,CN85102475,四川省食品发酵工业研究设计院,19850401,C12G3/02,本发明涉及白酒固态发酵。\n" +
		"一种茶叶杀青机,CN88100001.9,四川省农业科学院茶叶研究所,19880105,A23F3/06,带校验位的旧申请号。\n"
	postFile(t, c, e.srv.URL+"/admin/import", "旧号.csv", content).Body.Close()
	e.runner.Wait()

	_, body := MustGet(t, c, e.srv.URL+"/admin/import/1")
	mustContain(t, body, `id="job-inserted">2<`, `id="job-check-computed">1<`, `id="job-check-computed-count">1</span> 行的申请号是1985–2003年的8位旧号且没有校验位，校验位由平台计算`)
	if strings.Contains(body, `id="job-check-computed-row" hidden`) {
		t.Errorf("the computed count is hidden although a check character was computed")
	}
	status, body := MustGet(t, c, e.srv.URL+"/patents/85102475")
	if status != 200 {
		t.Fatalf("patent page of the 8-digit number: status %d", status)
	}
	mustContain(t, body, `<span class="mono" id="patent-appno">85102475.0</span>`, `id="patent-appno-computed">校验位由平台计算`)
	_, body = MustGet(t, c, e.srv.URL+"/patents/881000019")
	mustContain(t, body, `id="patent-appno">88100001.9<`)
	if strings.Contains(body, "patent-appno-computed") {
		t.Errorf("a number with the source's check character is marked computed")
	}
}
