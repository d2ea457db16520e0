package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
)

// MustInterruptedJob stores a job for an upload kept in the runner's jobs
// directory whose process died mid-import, as the sweep at start leaves it.
func (e *env) MustInterruptedJob(tb testing.TB, name, content string) *patentbridge.ImportJob {
	tb.Helper()
	ctx := context.Background()
	upload := "u-" + strings.TrimSuffix(name, filepath.Ext(name)) + "/" + name
	path := filepath.Join(e.runner.Dir(), filepath.FromSlash(upload))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	j := &patentbridge.ImportJob{FileName: name, Upload: upload}
	if err := e.jobs.CreateImportJob(ctx, j); err != nil {
		tb.Fatal(err)
	}
	if _, err := e.jobs.ClaimImportJob(ctx, "ghost", 0, nil); err != nil {
		tb.Fatal(err)
	}
	if _, err := e.jobs.InterruptAbandonedImports(ctx, func(o string) bool { return o == "ghost" }); err != nil {
		tb.Fatal(err)
	}
	return j
}

// An import whose process died shows as 中断 with its reason and two confirmed
// buttons: continuing re-runs it from the kept upload without duplicates,
// discarding removes the upload.
func TestInterruptedImportIsResumedOrDiscarded(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	e.MustLogin(t, c, "admin")
	content := "申请号,专利名称\nCN202223220665.2,甲\nCN202110843265.8,乙\n"
	j := e.MustInterruptedJob(t, "川大.csv", content)
	page := e.srv.URL + "/admin/import/" + itoa(j.ID)
	_, body := MustGet(t, c, page)
	mustContain(t, body, `class="job-interrupted">中断</strong>`, "运行它的进程（ghost）已停止", "继续导入即可补全",
		`action="/admin/import/`+itoa(j.ID)+`/resume"`, `id="job-resume" data-confirm="从头重新导入 川大.csv`,
		`action="/admin/import/`+itoa(j.ID)+`/discard"`)
	if strings.Contains(body, `id="job-actions" hidden`) {
		t.Error("the actions of an interrupted job are hidden")
	}
	_, list := MustGet(t, c, e.srv.URL+"/admin/import")
	mustContain(t, list, `<span class="job-interrupted">中断</span>`)

	status, loc, _ := MustPost(t, c, page+"/resume", url.Values{})
	if status != 303 || loc != "/admin/import/"+itoa(j.ID) {
		t.Fatalf("resume: %d %q", status, loc)
	}
	e.runner.Wait()
	_, body = MustGet(t, c, page)
	mustContain(t, body, `class="job-done">已完成</strong>`, `id="job-inserted">2<`, `（第 2 次运行）`, `id="job-actions" hidden`)
	if n, _ := e.jobs.CountPatents(t.Context()); n != 2 {
		t.Errorf("%d patents after the resume, want 2", n)
	}
	if left, _ := os.ReadDir(e.runner.Dir()); len(left) != 0 {
		t.Errorf("jobs directory after the job ended: %d entries", len(left))
	}
	status, _, body = MustPost(t, c, page+"/resume", url.Values{})
	if status != 409 || !strings.Contains(body, "只有中断的任务可以继续") {
		t.Errorf("resume of a finished job: %d", status)
	}

	gone := e.MustInterruptedJob(t, "电子科大.csv", content)
	if status, _, _ := MustPost(t, c, e.srv.URL+"/admin/import/"+itoa(gone.ID)+"/discard", url.Values{}); status != 303 {
		t.Fatalf("discard: %d", status)
	}
	_, body = MustGet(t, c, e.srv.URL+"/admin/import/"+itoa(gone.ID))
	mustContain(t, body, `class="job-discarded">已放弃</strong>`, "上传文件已删除")
	if left, _ := os.ReadDir(e.runner.Dir()); len(left) != 0 {
		t.Errorf("jobs directory after the discard: %d entries", len(left))
	}
}
