package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
)

// MustInterruptedRun stores a run whose process died mid-way, as the sweep
// at start leaves it: interrupted, with part of its results.
func (e *screenEnv) MustInterruptedRun(tb testing.TB) *patentbridge.ScreeningRun {
	tb.Helper()
	db := e.users.DB
	run := &patentbridge.ScreeningRun{AsOf: testNow, RuleVersion: "sleeping-2026.1", WeightsVersion: "2026.1", Owner: "ghost"}
	if err := db.CreateScreeningRun(context.Background(), run); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.InterruptAbandonedRuns(context.Background(), func(o string) bool { return o == "ghost" }); err != nil {
		tb.Fatal(err)
	}
	return run
}

// A run whose process died shows as 中断 on the screening page, is never
// served, and is re-run or discarded by the admin with a confirmed button.
func TestInterruptedRunIsShownRerunAndDiscarded(t *testing.T) {
	e := newScreenEnv(t, true)
	killed := e.MustInterruptedRun(t)
	id := itoa(killed.ID)
	c := e.client(t, "admin")
	_, body := MustGet(t, c, e.srv.URL+"/admin/screening")
	mustContain(t, body, `id="run-`+id+`-status">中断</span>`, "运行它的进程（ghost）已停止",
		`action="/admin/screening/`+id+`/rerun"`, `id="run-`+id+`-rerun" data-confirm="重新运行筛查批次 `+id,
		`action="/admin/screening/`+id+`/discard"`, `data-confirm="放弃筛查批次 `+id)
	if strings.Contains(body, `href="/sleeping?run_id=`+id+`"`) || strings.Contains(body, "screening-running") {
		t.Error("the interrupted run is offered as a result, or shown running")
	}
	if status, body := MustGet(t, c, e.srv.URL+"/sleeping?run_id="+id); status != 409 || !strings.Contains(body, "尚未完成（中断）") {
		t.Errorf("sleeping list of the interrupted run: %d", status)
	}
	if status, _, _ := MustPost(t, e.client(t, "firm"), e.srv.URL+"/admin/screening/"+id+"/rerun", nil); status != 403 {
		t.Errorf("enterprise re-run: status %d", status)
	}

	status, loc, _ := MustPost(t, c, e.srv.URL+"/admin/screening/"+id+"/rerun", url.Values{})
	if status != 303 || loc != "/admin/screening?done=rerun" {
		t.Fatalf("re-run: %d %q", status, loc)
	}
	waitFor(t, func() bool {
		_, body := MustGet(t, c, e.srv.URL+"/admin/screening")
		return strings.Contains(body, `id="run-`+id+`-status">已完成</span>`)
	})
	if status, _ := MustGet(t, c, e.srv.URL+"/sleeping?run_id="+id); status != 200 {
		t.Errorf("the re-run's sleeping list: %d", status)
	}

	other := e.MustInterruptedRun(t)
	status, loc, _ = MustPost(t, c, e.srv.URL+"/admin/screening/"+itoa(other.ID)+"/discard", url.Values{})
	if status != 303 || loc != "/admin/screening?done=discard" {
		t.Fatalf("discard: %d %q", status, loc)
	}
	_, body = MustGet(t, c, e.srv.URL+loc)
	mustContain(t, body, "已放弃该批次")
	if strings.Contains(body, `id="run-`+itoa(other.ID)+`"`) {
		t.Error("the discarded run is still listed")
	}
	status, _, body = MustPost(t, c, e.srv.URL+"/admin/screening/1/discard", url.Values{})
	if status != 409 || !strings.Contains(body, "筛查批次 1 已完成，不能放弃") {
		t.Errorf("discard of a finished run: %d", status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
