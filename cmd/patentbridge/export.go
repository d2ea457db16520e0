package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/export"
	"patentbridge/internal/refdata"
)

func runExport(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "sleeping" {
		fmt.Fprintln(stderr, "用法：patentbridge export sleeping [--db …] [--run 批次] --format csv|xlsx -o 文件")
		return 2
	}
	var cfg config.Config
	fs := cfg.FlagSet("export", getenv, stderr)
	runID := fs.Int64("run", 0, "筛查批次（默认最近一次完成的批次）")
	format := fs.String("format", "", "导出格式：csv 或 xlsx（默认按文件扩展名）")
	out := fs.String("o", "", "输出文件")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "错误：请用 -o 指定输出文件")
		return 2
	}
	if *format == "" {
		*format = extFormat(*out)
	}
	if *format != "csv" && *format != "xlsx" {
		fmt.Fprintf(stderr, "错误：不支持的导出格式 %q（csv 或 xlsx）\n", *format)
		return 2
	}
	db, err := openDB(ctx, cfg.DB, newLogger(stderr, cfg.LogLevel))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	f, err := os.Create(*out)
	if err != nil {
		return fail(stderr, patentbridge.Errorf(patentbridge.EINVALID, "无法创建输出文件 %s：%v", *out, err))
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	var w export.SleepingWriter
	if *format == "csv" {
		w, err = export.NewSleepingCSV(bw, refdata.Default())
	} else {
		w, err = export.NewSleepingXLSX(bw, refdata.Default(), db.Now())
	}
	n := 0
	if err == nil {
		n, err = export.WriteSleeping(ctx, db, patentbridge.SleepingFilter{RunID: *runID}, w)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "已导出沉睡专利 %d 件：%s\n", n, *out)
	return 0
}

// extFormat guesses the export format from the file name: "csv", "xlsx" or "".
func extFormat(name string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
}
