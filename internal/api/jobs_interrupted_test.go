package api_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"patentbridge"
)

// An interrupted import is resumed or discarded through the API by an admin
// only; a job in another state is refused with 409 and a Chinese reason.
func TestResumeAndDiscardImportJobs(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	interrupted := func(name string) int64 {
		upload := "u-" + name + "/" + name + ".csv"
		path := filepath.Join(e.runner.Dir(), filepath.FromSlash(upload))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(sampleCSV), 0o600); err != nil {
			t.Fatal(err)
		}
		j := &patentbridge.ImportJob{FileName: name + ".csv", Upload: upload}
		if err := e.jobs.CreateImportJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		if _, err := e.jobs.ClaimImportJob(ctx, "ghost", 0, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := e.jobs.InterruptAbandonedImports(ctx, func(o string) bool { return o == "ghost" }); err != nil {
			t.Fatal(err)
		}
		return j.ID
	}
	id := itoa(interrupted("a"))
	m := MustJSON(t, e.do(t, "GET", "/api/v1/imports/"+id, e.adminToken, nil, nil))
	if m["status"] != "interrupted" || m["status_label"] != "中断" || m["can_resume"] != true || m["owner"] != "ghost" {
		t.Errorf("interrupted job = %v", m)
	}
	if res := e.do(t, "POST", "/api/v1/imports/"+id+"/resume", e.userToken, nil, nil); res.StatusCode != 403 {
		t.Errorf("enterprise resume: %d", res.StatusCode)
	}
	res := e.do(t, "POST", "/api/v1/imports/"+id+"/resume", e.adminToken, nil, nil)
	if m := MustJSON(t, res); res.StatusCode != 202 || m["status"] != "queued" {
		t.Fatalf("resume: %d %v", res.StatusCode, m)
	}
	e.runner.Wait()
	if m := MustJSON(t, e.do(t, "GET", "/api/v1/imports/"+id, e.adminToken, nil, nil)); m["status"] != "done" || m["attempts"] != float64(2) {
		t.Errorf("resumed job = %v", m)
	}
	res = e.do(t, "POST", "/api/v1/imports/"+id+"/discard", e.adminToken, nil, nil)
	if m := MustJSON(t, res); res.StatusCode != 409 || errorOf(t, m)["code"] != "ECONFLICT" {
		t.Errorf("discard of a finished job: %d %v", res.StatusCode, m)
	}
	other := itoa(interrupted("b"))
	res = e.do(t, "POST", "/api/v1/imports/"+other+"/discard", e.adminToken, nil, nil)
	if m := MustJSON(t, res); res.StatusCode != 200 || m["status"] != "discarded" {
		t.Errorf("discard: %d %v", res.StatusCode, m)
	}
	if res := e.do(t, "POST", "/api/v1/imports/999/resume", e.adminToken, nil, nil); res.StatusCode != 404 {
		t.Errorf("resume of an unknown job: %d", res.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// An interrupted screening run is listed with its state, re-run or discarded
// by an admin; a finished run cannot be discarded.
func TestRerunAndDiscardScreeningRuns(t *testing.T) {
	e := newScreenEnv(t)
	db := e.users.DB
	interrupted := func() int64 {
		r := &patentbridge.ScreeningRun{AsOf: testNow, Owner: "ghost"}
		if err := db.CreateScreeningRun(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if _, err := db.InterruptAbandonedRuns(context.Background(), func(o string) bool { return o == "ghost" }); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	id := itoa(interrupted())
	m := MustJSON(t, e.do(t, "GET", "/api/v1/screening/runs", "", nil, nil))
	latest := m["items"].([]any)[0].(map[string]any)
	if latest["run_id"] != float64(2) || latest["status"] != "interrupted" || latest["status_label"] != "中断" || latest["finished"] != false {
		t.Errorf("listed run = %v", latest)
	}
	if res := e.do(t, "POST", "/api/v1/screening/runs/"+id+"/rerun", e.tokens["firm"], nil, nil); res.StatusCode != 403 {
		t.Errorf("enterprise re-run: %d", res.StatusCode)
	}
	res := e.do(t, "POST", "/api/v1/screening/runs/"+id+"/rerun", e.tokens["admin"], nil, nil)
	if m := MustJSON(t, res); res.StatusCode != 202 || m["status"] != "queued" {
		t.Fatalf("re-run: %d %v", res.StatusCode, m)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if res := e.do(t, "GET", "/api/v1/sleeping?run_id="+id, "", nil, nil); res.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the re-run never finished")
		}
	}
	other := itoa(interrupted())
	if res := e.do(t, "POST", "/api/v1/screening/runs/"+other+"/discard", e.tokens["admin"], nil, nil); res.StatusCode != 204 {
		t.Errorf("discard: %d", res.StatusCode)
	}
	res = e.do(t, "POST", "/api/v1/screening/runs/1/discard", e.tokens["admin"], nil, nil)
	if m := MustJSON(t, res); res.StatusCode != 409 || errorOf(t, m)["message"] != "筛查批次 1 已完成，不能放弃" {
		t.Errorf("discard of a finished run: %d %v", res.StatusCode, m)
	}
	if res := e.do(t, "POST", "/api/v1/screening/runs/x/rerun", e.tokens["admin"], nil, nil); res.StatusCode != 400 {
		t.Errorf("malformed id: %d", res.StatusCode)
	}
}
