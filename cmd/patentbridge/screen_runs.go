package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"patentbridge/internal/httpx"
	"patentbridge/internal/sqldb"
)

// listScreeningRuns prints the latest runs with their state (`screen runs`):
// an unfinished run shows as 中断 with why, and how to re-run or discard it.
func listScreeningRuns(ctx context.Context, db *sqldb.DB, asJSON bool, stdout, stderr io.Writer) int {
	runs, err := db.ListRuns(ctx, 50)
	if err != nil {
		return fail(stderr, err)
	}
	views := make([]httpx.RunView, len(runs))
	for i, r := range runs {
		views[i] = httpx.NewRunView(r)
	}
	if asJSON {
		_ = json.NewEncoder(stdout).Encode(views)
		return 0
	}
	if len(views) == 0 {
		fmt.Fprintln(stdout, "还没有筛查批次")
		return 0
	}
	unfinished := false
	for _, v := range views {
		line := fmt.Sprintf("批次 %d  %s  基准日 %s", v.ID, v.StatusLabel, v.AsOf)
		if v.Finished {
			line += fmt.Sprintf("  筛查 %d 件，沉睡 %d 件", v.Screened, v.Sleeping)
		}
		if v.Error != "" {
			line += "  " + v.Error
		}
		fmt.Fprintln(stdout, line)
		unfinished = unfinished || v.CanRerun
	}
	if unfinished {
		fmt.Fprintln(stdout, "中断或失败的批次不会被使用：patentbridge screen --rerun ID 重新运行，--discard ID 放弃")
	}
	return 0
}
