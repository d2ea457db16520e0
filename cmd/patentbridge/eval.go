package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/search/route"
)

const evalUsage = `用法：
  patentbridge eval ipc --train A.csv --test B.csv [--predictions OUT.csv] [--json]
  patentbridge eval ipc --db URL [--per-subclass K] [--json]
  patentbridge eval retrieval --docs A.tsv[,B.tsv…] --queries Q.tsv [--k 10] [--predictions OUT.tsv] [--json]
  patentbridge eval match --corpus A.csv --queries B.csv [--k 10] [--predictions OUT.csv] [--json]`

// evals maps each evaluation to its entry point.
var evals = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) int{
	"ipc":       evalIPC,
	"retrieval": evalRetrieval,
	"match":     evalMatch,
}

func runEval(ctx context.Context, args []string, _ env, stdout, stderr io.Writer) int {
	if len(args) == 0 || evals[args[0]] == nil {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	return evals[args[0]](ctx, args[1:], stdout, stderr)
}

func evalIPC(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval ipc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "训练集 CSV（publication_number,title,ipc_subclasses,fold）")
	test := fs.String("test", "", "测试集 CSV（同上格式）")
	preds := fs.String("predictions", "", "把每条预测写入此 CSV（publication_number,predicted）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	dbURL := fs.String("db", "", "改为在此数据库的专利上评估：留出 20%（按申请号哈希），用其余 80% 训练")
	per := fs.Int("per-subclass", 0, "与 --db 同用：每个主分类小类最多抽取的专利数")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dbURL != "" {
		if *train != "" || *test != "" || *preds != "" {
			fmt.Fprintln(stderr, "eval ipc：--db 不能与 --train、--test、--predictions 同用")
			return 2
		}
		return evalIPCDB(ctx, *dbURL, *per, *asJSON, stdout, stderr)
	}
	if *train == "" || *test == "" {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	if _, err := route.RunEval(ctx, *train, *test, *preds, stdout, *asJSON); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// evalIPCDB evaluates the router trained on a database's patents on a held-out
// fifth of them.
func evalIPCDB(ctx context.Context, dbURL string, per int, asJSON bool, stdout, stderr io.Writer) int {
	db, err := openDB(ctx, dbURL, newLogger(stderr, 8))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	corpus, ok := any(db).(patentbridge.RouterCorpus)
	if !ok {
		return fail(stderr, errors.New("此版本的数据库存储不能提供 IPC 路由的训练语料（--db）"))
	}
	if _, err := route.RunCorpusEval(ctx, corpus, refdata.Default(), route.CorpusOptions{PerSubclass: per}, stdout, asJSON); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// evalFlags are the flags eval retrieval and eval match share.
type evalFlags struct {
	k      *int
	preds  *string
	asJSON *bool
}

func newEvalFlags(name string, stderr io.Writer) (*flag.FlagSet, evalFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs, evalFlags{
		k:      fs.Int("k", 10, "每个查询取前 k 个结果"),
		preds:  fs.String("predictions", "", "把每个查询的返回结果写入此文件"),
		asJSON: fs.Bool("json", false, "输出 JSON"),
	}
}

func evalRetrieval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, ef := newEvalFlags("eval retrieval", stderr)
	docs := fs.String("docs", "", "文档文件（CSL 格式 TSV，逗号分隔多个；相同或互为前缀的摘要视为同一文档，用首次出现的 FILE:ROW）")
	queries := fs.String("queries", "", "查询文件（CSL 格式 TSV：第三列为标题或以 _ 连接的关键词）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *docs == "" || *queries == "" {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	m, err := search.EvalRetrieval(ctx, strings.Split(*docs, ","), *queries, *ef.k, *ef.preds)
	if err != nil {
		return fail(stderr, err)
	}
	return writeMetrics(stdout, stderr, *ef.asJSON, m.WriteJSON, m.WriteText)
}

func evalMatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, ef := newEvalFlags("eval match", stderr)
	corpus := fs.String("corpus", "", "专利语料 CSV（publication_number,title,ipc_subclasses,fold）")
	queries := fs.String("queries", "", "需求查询 CSV（同上格式，以标题为需求文本）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *corpus == "" || *queries == "" {
		fmt.Fprintln(stderr, evalUsage)
		return 2
	}
	m, err := search.EvalMatch(ctx, *corpus, *queries, *ef.k, *ef.preds, corpusRouter)
	if err != nil {
		return fail(stderr, err)
	}
	return writeMetrics(stdout, stderr, *ef.asJSON, m.WriteJSON, m.WriteText)
}

// corpusRouter trains the product's IPC router on the evaluation corpus only.
func corpusRouter(rows []refdata.LabeledTitle) search.Router {
	return route.Train(route.Examples(rows), refdata.Default())
}

func writeMetrics(stdout, stderr io.Writer, asJSON bool, js, text func(io.Writer) error) int {
	write := text
	if asJSON {
		write = js
	}
	if err := write(stdout); err != nil {
		return fail(stderr, err)
	}
	return 0
}
