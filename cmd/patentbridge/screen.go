package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/httpx"
	"patentbridge/internal/lease"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
)

// screenSummary is the `screen --json` output: the run as the API shows it, and
// how long it took.
type screenSummary struct {
	httpx.RunView
	Seconds float64 `json:"seconds"`
}

func runScreen(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	var cfg config.Config
	listing := len(args) > 0 && args[0] == "runs"
	if listing {
		args = args[1:]
	}
	fs := cfg.FlagSet("screen", getenv, stderr)
	asOfFlag := fs.String("as-of", "", "筛查基准日 YYYY-MM-DD（默认今天）")
	asJSON := fs.Bool("json", false, "在标准输出打印一行 JSON 摘要")
	rerun := fs.Int64("rerun", 0, "在本进程中重新运行中断或失败的筛查批次 ID（其部分结果作废）")
	discard := fs.Int64("discard", 0, "放弃中断、失败或排队中的筛查批次 ID（删除其部分结果）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	asOf := screen.Day(patentbridge.Now())
	if *asOfFlag != "" {
		d, err := patentbridge.ParseDate(*asOfFlag)
		if err != nil || d.IsZero() {
			fmt.Fprintf(stderr, "错误：--as-of %q 不是有效日期（应为 YYYY-MM-DD）\n", *asOfFlag)
			return 2
		}
		asOf = d
	}
	if err := cfg.Jobs.Validate(); err != nil {
		return fail(stderr, err)
	}
	rules, err := loadScreenRules(cfg)
	if err != nil {
		return fail(stderr, err)
	}
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	db.JobLease = cfg.Jobs.LeaseOrDefault()
	if listing || *rerun != 0 || *discard != 0 {
		// With no server running, nothing else marks the runs of a killed
		// `screen` 中断: do it here, as serve does at start.
		if ids, err := db.InterruptAbandonedRuns(ctx, lease.Dead); err != nil {
			return fail(stderr, err)
		} else if len(ids) > 0 {
			logger.Warn("screening runs of a stopped process marked 中断", "runs", ids)
		}
	}
	switch {
	case listing:
		return listScreeningRuns(ctx, db, *asJSON, stdout, stderr)
	case *discard != 0:
		if err := db.DiscardScreeningRun(ctx, *discard); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "已放弃筛查批次 %d，其部分结果已删除\n", *discard)
		return 0
	}
	var progress func(done, total int)
	if isTerminal(stderr) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("筛查中"), progressbar.OptionShowCount())
		progress = func(done, total int) {
			bar.ChangeMax(total)
			_ = bar.Set(done)
		}
		defer fmt.Fprintln(stderr)
	}
	start := time.Now()
	svc := rules.service(db, logger).WithLease(lease.NewOwner(), db.JobLease)
	var run *patentbridge.ScreeningRun
	if *rerun != 0 {
		run, err = svc.Rerun(ctx, *rerun, progress)
	} else {
		run, err = svc.Run(ctx, asOf, progress)
	}
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "筛查已中断：部分结果不会被使用；可用 patentbridge screen --rerun ID 重新运行，或 --discard ID 放弃")
		}
		return fail(stderr, err)
	}
	sum := screenSummary{RunView: httpx.NewRunView(run), Seconds: time.Since(start).Seconds()}
	if *asJSON {
		_ = json.NewEncoder(stdout).Encode(sum)
		return 0
	}
	fmt.Fprintf(stdout, "筛查批次 %d（基准日 %s，规则 %s，权重 %s）：筛查 %d 件，沉睡专利 %d 件\n",
		sum.ID, sum.AsOf, sum.RuleVersion, sum.WeightsVersion, sum.Screened, sum.Sleeping)
	for _, r := range sum.ExcludedRows {
		fmt.Fprintf(stdout, "  因「%s」不符排除：%d 件\n", r.Label, r.Count)
	}
	for _, r := range sum.GradeRows {
		fmt.Fprintf(stdout, "  %s：%d 件\n", r.Label, r.Count)
	}
	fmt.Fprintf(stdout, "用时 %.1f 秒\n", sum.Seconds)
	return 0
}

// screenRules are the weights and the industry mapping screenings use.
type screenRules struct {
	cfg *screen.Config
	cls *screen.Classifier
}

// service returns a screening service over store with these rules.
func (r screenRules) service(store screen.Store, logger *slog.Logger) *screen.Service {
	return screen.NewService(store, r.cfg, refdata.Default(), logger).UseClassifier(r.cls)
}

// loadScreenRules reads the admin's weights file and industry mapping, where
// configured, or takes the embedded defaults.
func loadScreenRules(c config.Config) (screenRules, error) {
	r := screenRules{cfg: screen.DefaultConfig(), cls: screen.DefaultClassifier(refdata.Default())}
	if c.ScreenConfig != "" {
		f, err := os.Open(c.ScreenConfig)
		if err != nil {
			return r, patentbridge.Errorf(patentbridge.EINVALID, "无法读取筛查配置文件 %s：%v", c.ScreenConfig, err)
		}
		defer f.Close()
		if r.cfg, err = screen.LoadConfig(f); err != nil {
			return r, err
		}
	}
	if c.Region != "" {
		if err := r.cfg.SetRegion(c.Region); err != nil {
			return r, err
		}
	}
	if c.IndustryMap != "" {
		f, err := os.Open(c.IndustryMap)
		if err != nil {
			return r, patentbridge.Errorf(patentbridge.EINVALID, "无法读取产业对照表 %s：%v", c.IndustryMap, err)
		}
		defer f.Close()
		if r.cls, err = screen.NewClassifier(refdata.Default(), f); err != nil {
			return r, err
		}
	}
	return r, nil
}
