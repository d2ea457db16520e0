package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"patentbridge"
)

// TestScreenRunsRerunAndDiscard: `screen runs` lists a run whose process died
// as 中断 with how to deal with it; `screen --rerun` completes it in the
// terminal, `screen --discard` deletes another, and a finished run is refused.
func TestScreenRunsRerunAndDiscard(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			first := mustImportAndScreen(t, dsn, 500, "81")
			store := mustOpenStore(t, dsn)
			asOf, _ := patentbridge.ParseDate("2026-06-30")
			killed := func() int64 {
				r := &patentbridge.ScreeningRun{AsOf: asOf, Owner: "ghost"}
				if err := store.CreateScreeningRun(context.Background(), r); err != nil {
					t.Fatal(err)
				}
				if _, err := store.InterruptAbandonedRuns(context.Background(), func(o string) bool { return o == "ghost" }); err != nil {
					t.Fatal(err)
				}
				return r.ID
			}
			k := killed()
			code, stdout, _ := MustRun(t, nil, "screen", "runs", "--db", dsn)
			for _, want := range []string{itoa(int(k)) + "  中断", "运行它的进程（ghost）已停止", "--rerun ID", "批次 1  已完成"} {
				if code != 0 || !strings.Contains(stdout, want) {
					t.Errorf("screen runs lacks %q:\n%s", want, stdout)
				}
			}
			code, stdout, stderr := MustRun(t, nil, "screen", "--db", dsn, "--rerun", itoa(int(k)), "--json")
			if code != 0 {
				t.Fatalf("rerun: %s", stderr)
			}
			if again := decodeScreen(t, stdout); again.ID != k || again.Status != patentbridge.JobDone || again.Screened != first.Screened {
				t.Errorf("re-run = %+v, want run %d done over %d patents", again, k, first.Screened)
			}
			gone := killed()
			if code, stdout, stderr := MustRun(t, nil, "screen", "--db", dsn, "--discard", itoa(int(gone))); code != 0 || !strings.Contains(stdout, "已放弃") {
				t.Errorf("discard: %d %s %s", code, stdout, stderr)
			}
			if _, stdout, _ := MustRun(t, nil, "screen", "runs", "--db", dsn); strings.Contains(stdout, "批次 "+itoa(int(gone))) {
				t.Errorf("the discarded run is still listed:\n%s", stdout)
			}
			if code, _, stderr := MustRun(t, nil, "screen", "--db", dsn, "--discard", "1"); code != 1 || !strings.Contains(stderr, "已完成，不能放弃") {
				t.Errorf("discard of a finished run: %d %s", code, stderr)
			}
		})
	}
}

// TestScreenRunsMarksARunOfADeadProcess: a run left "running" by a `screen` that
// was killed on this machine shows as 中断 in `screen runs` and can be
// discarded, with no server started in between.
func TestScreenRunsMarksARunOfADeadProcess(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			gone := exec.Command("true")
			if err := gone.Run(); err != nil {
				t.Skipf("no process to outlive: %v", err)
			}
			host, _ := os.Hostname()
			owner := fmt.Sprintf("%s/%d/killed", strings.ReplaceAll(host, "/", "_"), gone.Process.Pid)
			store := mustOpenStore(t, dsn)
			asOf, _ := patentbridge.ParseDate("2026-06-30")
			r := &patentbridge.ScreeningRun{AsOf: asOf, Owner: owner}
			if err := store.CreateScreeningRun(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := MustRun(t, nil, "screen", "runs", "--db", dsn)
			if want := itoa(int(r.ID)) + "  中断"; code != 0 || !strings.Contains(stdout, want) {
				t.Errorf("screen runs lacks %q: %d\n%s%s", want, code, stdout, stderr)
			}
			if code, stdout, stderr := MustRun(t, nil, "screen", "--db", dsn, "--discard", itoa(int(r.ID))); code != 0 || !strings.Contains(stdout, "已放弃") {
				t.Errorf("discard: %d %s %s", code, stdout, stderr)
			}
		})
	}
}
