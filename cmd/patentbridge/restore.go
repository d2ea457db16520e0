package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"patentbridge/internal/config"
	"patentbridge/internal/sqldb"
)

func runRestore(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	var cfg config.Config
	fset := cfg.FlagSet("restore", getenv, stderr)
	dataDir := fset.String("data-dir", "", dataDirUsage)
	fset.StringVar(&cfg.IndexDir, "index", cfg.IndexDir, "全文索引目录，须不存在（环境变量 PATENTBRIDGE_INDEX；默认与 SQLite 文件同目录，或 ./data/index）")
	asJSON := fset.Bool("json", false, "在标准输出打印所恢复备份的清单（JSON）")
	// The backup file may come before or after the flags.
	var files []string
	for {
		if err := fset.Parse(args); err != nil {
			return 2
		}
		if fset.NArg() == 0 {
			break
		}
		files, args = append(files, fset.Arg(0)), fset.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "用法：patentbridge restore 备份文件.tar.gz [--db …] [--data-dir 目录]（目标数据库须为空）")
		return 2
	}
	if err := cfg.Validate(); err != nil {
		return fail(stderr, err)
	}
	dir, err := dataDirOf(cfg.DB, *dataDir, cfg.SearchIndexDir())
	if err != nil {
		return fail(stderr, err)
	}
	m, err := sqldb.Restore(ctx, files[0], sqldb.RestoreOptions{DB: cfg.DB, DataDir: dir, IndexDir: cfg.SearchIndexDir()})
	if err != nil {
		return fail(stderr, err)
	}
	if *asJSON {
		_ = json.NewEncoder(stdout).Encode(m)
		return 0
	}
	fmt.Fprintf(stdout, "恢复完成：专利 %d 件（备份于 %s，来自 %s），数据目录文件 %d 个：%s。\n",
		m.Patents(), m.CreatedAt.Local().Format("2006-01-02 15:04:05"), m.Source, len(m.Files), fileNames(m.Files))
	fmt.Fprintln(stdout, "全文索引将在 serve 启动时从数据库重建。")
	return 0
}
