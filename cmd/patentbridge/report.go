package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/export"
	"patentbridge/internal/refdata"
)

const reportUsage = "用法：patentbridge report kpi [--db …] --year 年份 [--city 市州代码] --format json|xlsx [-o 文件]"

// runReport writes a year's KPI report (绩效评价) as JSON or XLSX, to a file
// or, for JSON, to standard output.
func runReport(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "kpi" {
		fmt.Fprintln(stderr, reportUsage)
		return 2
	}
	var cfg config.Config
	fs := cfg.FlagSet("report", getenv, stderr)
	yearText := fs.String("year", "", fmt.Sprintf("统计年度（%d–%d，如 2026）", patentbridge.KPIFirstYear, patentbridge.KPILastYear))
	city := fs.String("city", "", "只出一个市（州）的报告：4 位或 6 位行政区划代码（默认全省及 21 个市州）")
	format := fs.String("format", "", "报告格式：json 或 xlsx（默认按文件扩展名，无文件时为 json）")
	out := fs.String("o", "", "输出文件（json 可省略，打印到标准输出）")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	year, err := patentbridge.ParseKPIYear("year", *yearText)
	if err != nil {
		fmt.Fprintf(stderr, "错误：--year：%s\n%s\n", patentbridge.ErrorMessage(err), reportUsage)
		return 2
	}
	if year == 0 {
		fmt.Fprintln(stderr, "错误：请用 --year 指定统计年度\n"+reportUsage)
		return 2
	}
	if *format == "" {
		if *format = extFormat(*out); *format == "" {
			*format = "json"
		}
	}
	if *format != "json" && *format != "xlsx" {
		fmt.Fprintf(stderr, "错误：不支持的报告格式 %q（json 或 xlsx）\n", *format)
		return 2
	}
	if *format == "xlsx" && *out == "" {
		fmt.Fprintln(stderr, "错误：xlsx 报告请用 -o 指定输出文件")
		return 2
	}
	db, err := openDB(ctx, cfg.DB, newLogger(stderr, cfg.LogLevel))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	rep, err := db.KPIReport(ctx, year)
	if err == nil {
		rep, err = export.OnlyCity(rep, *city)
	}
	if err != nil {
		return fail(stderr, err)
	}
	if *out == "" {
		if err := export.WriteKPIJSON(stdout, rep); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	f, err := os.Create(*out)
	if err != nil {
		return fail(stderr, patentbridge.Errorf(patentbridge.EINVALID, "无法创建输出文件 %s：%v", *out, err))
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if *format == "json" {
		err = export.WriteKPIJSON(bw, rep)
	} else {
		err = export.WriteKPIXLSX(ctx, bw, rep, db, refdata.Default().CityName)
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
	fmt.Fprintf(stdout, "已生成 %d 年度绩效评价报告：%s\n", year, *out)
	return 0
}
