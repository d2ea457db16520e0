package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"patentbridge/internal/search/route"
)

const evalUsage = `用法：
  patentbridge eval ipc --train A.csv --test B.csv [--predictions OUT.csv] [--json]
  patentbridge eval retrieval --docs A.tsv[,B.tsv…] --queries Q.tsv [--k 10] [--predictions OUT.tsv] [--json]
  patentbridge eval match --corpus A.csv --queries B.csv [--k 10] [--predictions OUT.csv] [--json]`

// evals maps each evaluation to its entry point.
var evals = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) int{
	"ipc": evalIPC,
}

func runEval(ctx context.Context, args []string, _ env, stdout, stderr io.Writer) int {
	if len(args) == 0 || evals[args[0]] == nil {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	return evals[args[0]](ctx, args[1:], stdout, stderr)
}

func evalIPC(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval ipc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "训练集 CSV（publication_number,title,ipc_subclasses,fold）")
	test := fs.String("test", "", "测试集 CSV（同上格式）")
	preds := fs.String("predictions", "", "把每条预测写入此 CSV（publication_number,predicted）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || *test == "" {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	if _, err := route.RunEval(*train, *test, *preds, stdout, *asJSON); err != nil {
		return fail(stderr, err)
	}
	return 0
}
