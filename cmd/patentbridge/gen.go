package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"patentbridge/internal/gen"
	"patentbridge/internal/refdata"
)

func runGen(_ context.Context, args []string, _ env, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "生成的专利条数")
	seed := fs.Int64("seed", 1, "随机种子（相同种子生成相同文件）")
	out := fs.String("out", "", "输出 CSV 文件（省略则写到标准输出）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n < 0 {
		fmt.Fprintln(stderr, "错误：--n 不能为负数")
		return 2
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "错误：无法创建输出文件 %s：%v\n", *out, err)
			return 1
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := gen.Write(bw, *n, *seed, refdata.Default()); err != nil {
		return fail(stderr, err)
	}
	if err := bw.Flush(); err != nil {
		return fail(stderr, err)
	}
	if *out != "" {
		fmt.Fprintf(stderr, "已生成 %d 条专利记录：%s\n", *n, *out)
	}
	return 0
}
