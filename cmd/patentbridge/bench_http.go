package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"
)

// benchHTTPCmd parses `bench http` flags and measures the search page, the
// search API and matching under concurrent load, against --url or a
// `serve --demo` it starts on a free port of 127.0.0.1.
func benchHTTPCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench http", flag.ContinueOnError)
	fl.SetOutput(stderr)
	base := fl.String("url", "", "被测服务器地址，如 http://127.0.0.1:8080（默认在 127.0.0.1 的空闲端口启动 serve --demo）")
	demoN := fl.Int("demo-n", 3000, "启动演示服务器时生成的专利条数")
	n := fl.Int("n", 3000, "每个接口的请求数上限")
	d := fl.Duration("duration", 15*time.Second, "每个接口的测量时长上限")
	c := fl.Int("c", 8, "并发连接数")
	warm := fl.Int("warmup", 100, "每个接口正式测量前的预热请求数（不计入结果）")
	token := fl.String("token", "", "API 令牌（Authorization: Bearer；三个接口都允许匿名，默认不带）")
	queries := fl.String("queries", "", "检索词文件，每行一条（默认内置的 42 条）")
	demands := fl.String("demands", "", "匹配用的需求文本文件，每行一条（默认内置的 14 条，23–66 字）")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *n < 1 || *c < 1 || *d <= 0 {
		fmt.Fprintln(stderr, "bench http: --n、--c 应为正数，--duration 应大于 0")
		return 2
	}
	opt := loadOptions{c: *c, n: *n, d: *d, warm: *warm, queries: loadQueries, demands: loadDemands}
	for _, f := range []struct {
		path string
		into *[]string
	}{{*queries, &opt.queries}, {*demands, &opt.demands}} {
		if f.path == "" {
			continue
		}
		lines, err := readLines(f.path)
		if err != nil {
			return fail(stderr, err)
		}
		*f.into = lines
	}
	url := strings.TrimRight(*base, "/")
	if url == "" {
		srv, err := startDemoServer(ctx, *demoN, stderr)
		if err != nil {
			return fail(stderr, err)
		}
		defer srv.stop()
		url, opt.settle = srv.url, srv.settle
	}
	if err := benchHTTP(ctx, url, *token, opt, stdout); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// loadOptions bound a load run: c connections, at most n requests or d per
// endpoint, after warm requests to each; settle, when set, waits until the
// server has finished its start-up work in the background.
type loadOptions struct {
	c, n, warm       int
	d                time.Duration
	queries, demands []string // the texts of the searches and of the matches
	settle           func(context.Context) error
}

// benchHTTP waits for the server's search index to be built, warms every
// endpoint up, measures each in turn, then prints the table and the machine's
// condition (its load is part of the figures).
func benchHTTP(ctx context.Context, base, token string, o loadOptions, stdout io.Writer) error {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: o.c, MaxConnsPerHost: o.c, DisableCompression: true}}
	defer client.CloseIdleConnections()
	fmt.Fprintf(stdout, "target %s, %d connections, at most %d requests or %s per endpoint, %d warm-up requests\n",
		base, o.c, o.n, o.d, o.warm)
	if err := waitIndexed(ctx, base, 5*time.Minute); err != nil {
		return err
	}
	targets := loadTargets(base, token, o.queries, o.demands)
	for _, t := range targets { // the first match waits for the IPC router's training
		if w := runLoad(ctx, client, t, o.c, o.warm, 5*time.Minute); w.errors > 0 {
			return fmt.Errorf("bench http: warm-up of %s: %d of %d failed: %s", t.name, w.errors, w.n, w.firstErr)
		}
	}
	if o.settle != nil {
		if err := o.settle(ctx); err != nil {
			return err
		}
	}
	before := loadAverage()
	var rs []loadResult
	for _, t := range targets {
		rs = append(rs, runLoad(ctx, client, t, o.c, o.n, o.d))
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	writeLoadTable(stdout, rs)
	fmt.Fprintf(stdout, "machine: %d CPUs (GOMAXPROCS %d), load average %s before, %s after\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), before, loadAverage())
	return nil
}

// loadAverage is the 1, 5 and 15 minute load average of the machine, "?" where unknown.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

// readLines returns the non-blank lines of a text file.
func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("bench http: %s has no lines", path)
	}
	return out, nil
}
