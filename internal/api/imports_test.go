package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
)

const sampleCSV = "申请号,专利名称\nCN202223220665.2,一种胶膜平整机构及光伏组件生产线\nCN202110843265.8,钠离子电池正极材料\n"

// multipartBody builds a multipart form with the file in field "file".
func multipartBody(tb testing.TB, name, content string) (*bytes.Buffer, string) {
	tb.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("note", "ignored")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		tb.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	return &b, mw.FormDataContentType()
}

func TestCreateImportAuthorization(t *testing.T) {
	tests := []struct {
		name   string
		token  func(e *env) string
		status int
		code   string
	}{
		{"anonymous", func(e *env) string { return "" }, 401, "EUNAUTHORIZED"},
		{"unknown token", func(e *env) string { return "not-a-token" }, 401, "EUNAUTHORIZED"},
		{"enterprise user", func(e *env) string { return e.userToken }, 403, "EFORBIDDEN"},
		{"admin", func(e *env) string { return e.adminToken }, 202, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			body, ct := multipartBody(t, "export.csv", sampleCSV)
			res := e.do(t, "POST", "/api/v1/imports", tt.token(e), body, map[string]string{"Content-Type": ct})
			m := MustJSON(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %v", res.StatusCode, tt.status, m)
			}
			if tt.code != "" {
				if got := errorOf(t, m); got["code"] != tt.code {
					t.Errorf("code %v, want %s", got["code"], tt.code)
				}
				if a := e.auditActions(t, "import."); len(a) != 0 {
					t.Errorf("a refused request was audited: %v", a)
				}
			}
		})
	}
}

func TestCreateImportMultipart(t *testing.T) {
	e := newEnv(t)
	body, ct := multipartBody(t, `C:\exports\四川大学.csv`, sampleCSV)
	res := e.do(t, "POST", "/api/v1/imports", e.adminToken, body, map[string]string{"Content-Type": ct})
	m := MustJSON(t, res)
	if res.StatusCode != 202 || m["file_name"] != "四川大学.csv" || res.Header.Get("Location") != "/api/v1/imports/1" {
		t.Fatalf("status %d, job %v, location %q", res.StatusCode, m, res.Header.Get("Location"))
	}
	e.runner.Wait()
	if p, err := e.jobs.FindPatent(t.Context(), "2021108432658"); err != nil || p.Title != "钠离子电池正极材料" {
		t.Errorf("imported patent %+v, %v", p, err)
	}
	if a := e.auditActions(t, "import."); len(a) != 2 || a[0] != "admin import.start import_job:1" || a[1] != " import.finish import_job:1" {
		t.Errorf("audits = %v", a)
	}

	job := MustJSON(t, e.do(t, "GET", "/api/v1/imports/1", e.adminToken, nil, nil))
	sum := job["summary"].(map[string]any)
	if job["status"] != "done" || job["status_label"] != "已完成" || sum["updated"] != float64(2) || sum["read"] != float64(2) { // the sample patents were stored
		t.Errorf("job = %v", job)
	}
}

func TestCreateImportRawBody(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, "POST", "/api/v1/imports?filename=export.csv", e.adminToken, strings.NewReader(sampleCSV),
		map[string]string{"Content-Type": "text/csv"})
	if m := MustJSON(t, res); res.StatusCode != 202 || m["file_name"] != "export.csv" {
		t.Fatalf("status %d: %v", res.StatusCode, m)
	}
	res = e.do(t, "POST", "/api/v1/imports", e.adminToken, strings.NewReader(sampleCSV), nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 400 || got["field"] != "file" {
		t.Errorf("raw body without filename: %d %v", res.StatusCode, got)
	}
	res = e.do(t, "POST", "/api/v1/imports?filename=empty.csv", e.adminToken, strings.NewReader(""), nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 400 || !strings.Contains(got["message"].(string), "空") {
		t.Errorf("empty upload: %d %v", res.StatusCode, got)
	}
}

func TestImportJobAndRejects(t *testing.T) {
	e := newEnv(t)
	body, ct := multipartBody(t, "export.csv", sampleCSV+"CN202223220665.3,丙\n")
	res := e.do(t, "POST", "/api/v1/imports", e.adminToken, body, map[string]string{"Content-Type": ct})
	MustJSON(t, res)
	e.runner.Wait()
	if m := MustJSON(t, e.do(t, "GET", "/api/v1/imports/1", e.adminToken, nil, nil)); m["rejects_url"] != "/api/v1/imports/1/rejects" {
		t.Fatalf("job = %v", m)
	}

	res = e.do(t, "GET", "/api/v1/imports/1/rejects", e.adminToken, nil, nil)
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") ||
		!strings.HasPrefix(b.String(), "\xEF\xBB\xBF文件,行,列,值,原因\n") || !strings.Contains(b.String(), "校验位错误") {
		t.Errorf("rejects: %d %q %q", res.StatusCode, res.Header, b.String())
	}

	for path, want := range map[string]int{
		"/api/v1/imports/1/rejects": http.StatusForbidden,
		"/api/v1/imports/1":         http.StatusForbidden,
	} {
		if res := e.do(t, "GET", path, e.userToken, nil, nil); res.StatusCode != want {
			t.Errorf("enterprise user GET %s = %d, want %d", path, res.StatusCode, want)
		}
	}
	if res := e.do(t, "GET", "/api/v1/imports/99", e.adminToken, nil, nil); res.StatusCode != 404 {
		t.Errorf("unknown job = %d", res.StatusCode)
	}
	if res := e.do(t, "GET", "/api/v1/imports/abc", e.adminToken, nil, nil); res.StatusCode != 400 {
		t.Errorf("bad job id = %d", res.StatusCode)
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	e := newEnv(t)
	body, ct := multipartBody(t, "export.csv", sampleCSV)
	res := e.do(t, "POST", "/api/v1/imports", e.adminToken, body, map[string]string{
		"Content-Type": ct, "Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 403 || got["code"] != "EFORBIDDEN" {
		t.Errorf("cross-site post: %d %v", res.StatusCode, got)
	}
	e.runner.Wait()
	if res := e.do(t, "GET", "/api/v1/imports/1", e.adminToken, nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("a cross-site upload reached the runner")
	}
}

// auditActions returns the store's audit rows whose action has prefix, oldest
// first, as "actor action object" (no actor: the platform).
func (e *env) auditActions(tb testing.TB, prefix string) []string {
	tb.Helper()
	admin := &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin}
	es, _, err := e.users.ListAudit(patentbridge.WithUser(tb.Context(), admin), patentbridge.AuditFilter{Action: prefix})
	if err != nil {
		tb.Fatal(err)
	}
	out := []string{}
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Actor+" "+es[i].Action+" "+es[i].Object)
	}
	return out
}
