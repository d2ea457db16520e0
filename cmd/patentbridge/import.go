package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/ingest"
)

func runImport(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	var cfg config.Config
	fs := cfg.FlagSet("import", getenv, stderr)
	rejects := fs.String("rejects", "", "把被拒绝的行写入此 CSV 文件（文件、行号、列、值、原因）")
	asJSON := fs.Bool("json", false, "在标准输出打印一行 JSON 摘要")
	sheet := fs.String("sheet", "", "XLSX 工作表名称（默认第一个）")
	kind := fs.String("kind", "patents", "导入的数据种类："+importKindHelp())
	batch := fs.Int("batch", 0, "每个事务的行数（默认 1000）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "用法：patentbridge import [--db …] [--rejects rejects.csv] [--json] 文件…")
		return 2
	}
	if !slices.ContainsFunc(importKinds, func(k importKind) bool { return k.name == *kind }) {
		fmt.Fprintf(stderr, "错误：不支持的数据种类 %q（可选：%s）\n", *kind, importKindHelp())
		return 2
	}
	if err := cfg.Validate(); err != nil {
		return fail(stderr, err)
	}
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()

	opt := patentbridge.ImportOptions{Sheet: *sheet}
	if *rejects != "" {
		f, err := os.Create(*rejects)
		if err != nil {
			fmt.Fprintf(stderr, "错误：无法创建拒绝报告 %s：%v\n", *rejects, err)
			return 1
		}
		defer f.Close()
		// UTF-8 with a byte order mark, as the web's download, so Excel reads the Chinese.
		if _, err := f.WriteString("\ufeff"); err != nil {
			fmt.Fprintf(stderr, "错误：无法写入拒绝报告 %s：%v\n", *rejects, err)
			return 1
		}
		opt.Rejects = f
	}
	if isTerminal(stderr) {
		bar := progressbar.NewOptions(1000, progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("导入中"), progressbar.OptionShowCount())
		opt.Progress = func(read int, fraction float64) {
			_ = bar.Set(int(fraction * 1000))
			bar.Describe(fmt.Sprintf("导入中（已读 %d 行）", read))
		}
		defer fmt.Fprintln(stderr)
	}
	var sum patentbridge.ImportSummary
	var evs patentbridge.EventDealSummary
	switch *kind {
	case "enterprises":
		sum, err = ingest.ImportEnterprises(ctx, db, fs.Args(), opt)
	case "soe", "sme":
		sum, err = ingest.ImportOrganizations(ctx, db, fs.Args(), *kind, opt)
	case "deals":
		sum, err = ingest.ImportDeals(ctx, db, fs.Args(), opt)
	case "events":
		sum, err = ingest.ImportEvents(ctx, db, fs.Args(), opt)
	case "cases":
		sum, err = ingest.ImportCases(ctx, db, fs.Args(), opt)
	case "loans":
		sum, err = ingest.ImportLoans(ctx, db, fs.Args(), opt)
	case "filings": // programme records: the command line's acts, each audited
		sum, err = ingest.ImportFilings(ctx, db, fs.Args(), opt)
	case "commissioners":
		sum, err = ingest.ImportCommissioners(ctx, db, fs.Args(), opt)
	case "services":
		sum, err = ingest.ImportServices(ctx, db, fs.Args(), opt)
	case "outlets":
		sum, err = ingest.ImportOutlets(ctx, db, fs.Args(), opt)
	case "managers":
		sum, err = ingest.ImportTechManagers(ctx, db, fs.Args(), opt)
	case "pilot_bases":
		sum, err = ingest.ImportPilotBases(ctx, db, fs.Args(), opt)
	case "listings":
		sum, err = ingest.ImportListings(ctx, db, fs.Args(), opt)
	default:
		imp := newImporter(db, logger)
		if *batch > 0 {
			imp.BatchSize = *batch
		}
		if sum, err = imp.ImportFiles(ctx, fs.Args(), opt); err == nil {
			// The transfers and licences of the imported patents become deals (merged, idempotent).
			evs, err = db.RecordEventDeals(ctx)
		}
	}
	if err != nil {
		return fail(stderr, err)
	}
	if *asJSON {
		_ = json.NewEncoder(stdout).Encode(sum)
		return 0
	}
	fmt.Fprintf(stdout, "文件 %d 个，读取 %d 行：新增 %d，更新 %d，未变 %d，拒绝 %d（%.1f 秒）\n",
		sum.Files, sum.Read, sum.Inserted, sum.Updated, sum.Unchanged, sum.Rejected, sum.Seconds)
	if evs.New+evs.Merged+evs.Skipped > 0 {
		fmt.Fprintf(stdout, "法律事件中的转让、许可登记为交易：新增 %d，与已有交易合并 %d，无法登记 %d\n", evs.New, evs.Merged, evs.Skipped)
	}
	if sum.CheckComputed > 0 {
		fmt.Fprintf(stdout, "注意：%d 行的申请号是1985–2003年的8位旧号且没有校验位，校验位由平台计算（专利详情页有注明）。\n", sum.CheckComputed)
	}
	if sum.Rejected > 0 && *rejects == "" {
		fmt.Fprintln(stdout, "提示：用 --rejects 文件名 可得到每一条被拒绝行的原因。")
	}
	return 0
}

// importKind is a kind of file `patentbridge import --kind` reads.
type importKind struct{ name, label string }

// importKinds are the kinds of file the import command reads, in the order its help lists them.
var importKinds = []importKind{
	{"patents", "专利"}, {"enterprises", "企业名录"}, {"soe", "国有企业名单"}, {"sme", "中小企业名单"},
	{"deals", "转移转化交易记录"}, {"events", "对接活动，每行一个项目"}, {"cases", "典型案例"}, {"loans", "专利权质押融资台账"},
	{"filings", "专利产品备案表"}, {"commissioners", "知识产权专员名册"}, {"services", "专员服务记录表"},
	{"outlets", "服务机构与网点登记表"}, {"managers", "技术经理人名册"}, {"pilot_bases", "中试熟化基地登记表"}, {"listings", "科创板上市培育企业名单"},
}

// importKindHelp lists the kinds as the help text names them: "patents（专利）、…".
func importKindHelp() string {
	parts := make([]string, len(importKinds))
	for i, k := range importKinds {
		parts[i] = k.name + "（" + k.label + "）"
	}
	return strings.Join(parts, "、")
}
