package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/ingest"
	"patentbridge/internal/sqldb"
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
	rep := &importReport{json: *asJSON, stdout: stdout, stderr: stderr}
	if err := cfg.Validate(); err != nil {
		return rep.fatal("", err)
	}
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return rep.fatal("", err)
	}
	defer db.Close()

	opt := patentbridge.ImportOptions{Sheet: *sheet}
	if *rejects != "" {
		f, err := os.Create(*rejects)
		if err != nil {
			return rep.fatal(*rejects, patentbridge.Errorf(patentbridge.EINVALID, "无法创建拒绝报告 %s：%v", *rejects, err))
		}
		defer f.Close()
		w, err := newRejectsFile(f)
		if err != nil {
			return rep.fatal(*rejects, patentbridge.Errorf(patentbridge.EINVALID, "无法写入拒绝报告 %s：%v", *rejects, err))
		}
		opt.Rejects = w
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
	imp := newImporter(db, logger)
	if *batch > 0 {
		imp.BatchSize = *batch
	}
	// One file at a time: a file that cannot be read is reported and the others still import.
	for _, path := range fs.Args() {
		if ctx.Err() != nil {
			rep.add(path, ctx.Err())
			break
		}
		sum, err := importFile(ctx, db, imp, *kind, path, opt)
		rep.sum.Read += sum.Read
		rep.sum.Inserted += sum.Inserted
		rep.sum.Updated += sum.Updated
		rep.sum.Unchanged += sum.Unchanged
		rep.sum.Rejected += sum.Rejected
		rep.sum.CheckComputed += sum.CheckComputed
		rep.sum.Files += sum.Files
		rep.sum.Seconds += sum.Seconds
		rep.add(path, err)
	}
	var evs patentbridge.EventDealSummary
	if *kind == "patents" && rep.sum.Read > 0 {
		// The transfers and licences of the imported patents become deals (merged, idempotent).
		if evs, err = db.RecordEventDeals(ctx); err != nil {
			rep.add("", err)
		}
	}
	return rep.finish(evs, *rejects != "")
}

// importFile imports one file of the kind.
func importFile(ctx context.Context, db *sqldb.DB, imp *ingest.Importer, kind, path string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	paths := []string{path}
	switch kind {
	case "enterprises":
		return ingest.ImportEnterprises(ctx, db, paths, opt)
	case "soe", "sme":
		return ingest.ImportOrganizations(ctx, db, paths, kind, opt)
	case "deals":
		return ingest.ImportDeals(ctx, db, paths, opt)
	case "events":
		return ingest.ImportEvents(ctx, db, paths, opt)
	case "cases":
		return ingest.ImportCases(ctx, db, paths, opt)
	case "loans":
		return ingest.ImportLoans(ctx, db, paths, opt)
	case "filings": // programme records: the command line's acts, each audited
		return ingest.ImportFilings(ctx, db, paths, opt)
	case "commissioners":
		return ingest.ImportCommissioners(ctx, db, paths, opt)
	case "services":
		return ingest.ImportServices(ctx, db, paths, opt)
	case "outlets":
		return ingest.ImportOutlets(ctx, db, paths, opt)
	case "managers":
		return ingest.ImportTechManagers(ctx, db, paths, opt)
	case "pilot_bases":
		return ingest.ImportPilotBases(ctx, db, paths, opt)
	case "listings":
		return ingest.ImportListings(ctx, db, paths, opt)
	}
	return imp.ImportFiles(ctx, paths, opt)
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
