// Command patentbridge runs the PatentBridge platform (专利转化运营平台): the web
// server, importers, generator and maintenance subcommands. It only wires.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"patentbridge"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is how subcommands read environment variables (os.Getenv, or a map in tests).
type env = func(string) string

// subcommands maps each subcommand to its entry point; each returns the exit code.
var subcommands = map[string]func(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int{
	"serve":   runServe,
	"import":  runImport,
	"gen":     runGen,
	"migrate": runMigrate,
	"version": runVersion,
	"ipc":     runIPC,
	"bench":   runBench,
	"screen":  runScreen,
	"export":  runExport,
	"eval":    runEval,
	"index":   runIndex,
	"backup":  runBackup,
	"restore": runRestore,
	"ledger":  runLedger,
	"report":  runReport,
}

const usage = `patentbridge — 专利转化运营平台

用法：patentbridge <子命令> [参数]

  serve     启动 Web 服务（--demo 在空库中生成演示数据）
  import    导入专利数据（CSV/TSV/XLSX/JSON Lines；--rejects 拒绝报告；--json 摘要）
  gen       生成模拟专利数据（61 列商业数据库导出格式）
  screen    沉睡专利筛查、初评分级与分类（--as-of 基准日；--json 摘要；screen runs 列出批次；
            --rerun ID 重新运行、--discard ID 放弃中断的批次）
  export    导出沉睡专利库（export sleeping --format csv|xlsx -o 文件）
  index     全文索引（index rebuild 重建；index status 状态）
  eval      质量评测（eval ipc | eval retrieval | eval match，见 README）
  migrate   创建或升级数据库结构
  backup    在线备份数据库及数据目录中的配置与密钥文件（backup -o 备份文件.tar.gz）
  restore   把备份恢复到空的数据库与数据目录（restore 备份文件.tar.gz --db …）
  ledger    公共账本（ledger verify 按存储的记录重算并核对整个账本及检查点签名）
  report    绩效评价报告（report kpi --year 年份 [--city 市州代码] --format json|xlsx [-o 文件]）
  ipc       查询 IPC 分类号的层级、中文名称与战略性新兴产业
  bench     性能基准（bench import --n 200000；bench screen --n 1000000；bench http 负载测试）
  version   显示版本

数据库用 --db 或环境变量 PATENTBRIDGE_DB 指定：sqlite:路径、文件路径或 postgres://…
默认 sqlite:./data/patentbridge.db。
`

func run(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := subcommands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知子命令 %q\n\n%s", args[0], usage)
		return 2
	}
	// Acts of the command line are audited as coming from "cli".
	return cmd(patentbridge.WithOrigin(ctx, patentbridge.OriginCLI), args[1:], getenv, stdout, stderr)
}

// newLogger returns the text logger subcommands write to stderr.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// isTerminal reports whether w is a terminal, where progress bars belong.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// fail prints an error for the operator — the Chinese message for application
// errors, the full error otherwise — and returns exit code 1.
func fail(stderr io.Writer, err error) int {
	if patentbridge.ErrorCode(err) == patentbridge.EINTERNAL {
		fmt.Fprintf(stderr, "错误：%v\n", err)
	} else {
		fmt.Fprintf(stderr, "错误：%s\n", patentbridge.ErrorMessage(err))
	}
	return 1
}
