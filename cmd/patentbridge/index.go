package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/search"
)

func runIndex(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "rebuild" && args[0] != "status") {
		fmt.Fprintln(stderr, "用法：patentbridge index rebuild|status [--db …] [--index 目录]")
		return 2
	}
	var cfg config.Config
	fs := cfg.FlagSet("index", getenv, stderr)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if err := cfg.CheckPlaces(); err != nil {
		return fail(stderr, err)
	}
	stderr = &lockedWriter{w: stderr} // the rebuild logs while the progress prints
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	dir := cfg.SearchIndexDir()
	if args[0] == "status" {
		return indexStatus(ctx, db, dir, stdout, stderr)
	}
	// The rebuild reads the database alone: what dir holds is never opened, so
	// an unreadable index is rebuilt like any other.
	start := time.Now()
	st, err := search.RebuildAt(ctx, dir, db, logger, func(st patentbridge.IndexStatus) {
		fmt.Fprintf(stderr, "重建索引：%.0f%%（共 %d 件）\n", st.Progress*100, st.Patents)
	}, 2*time.Second)
	if err != nil {
		return fail(stderr, err)
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "索引已重建：%d 件专利，用时 %.1f 秒（%.0f 件/秒），目录 %s\n",
		st.Docs, secs, float64(st.Docs)/secs, dir)
	if st.Skipped > 0 {
		fmt.Fprintf(stdout, "%d 件专利未能索引，已跳过（详见日志）：%s\n", st.Skipped, strings.Join(st.SkippedIDs, " "))
	}
	return 0
}

// indexStatus prints what the index directory's state records against the
// database, without opening the index (a running server holds it).
func indexStatus(ctx context.Context, db interface {
	CountPatents(context.Context) (int, error)
}, dir string, stdout, stderr io.Writer) int {
	st := search.StateOf(dir)
	n, err := db.CountPatents(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "索引 %s：%d 件 / 数据库 %d 件，已应用变更至 %d，跳过 %d 件", dir, st.Docs, n, st.LastSeq, st.Skipped)
	if st.Rebuilding {
		fmt.Fprint(stdout, "，尚无完整构建（服务启动后自动构建，或运行 patentbridge index rebuild）")
	}
	fmt.Fprintln(stdout)
	if st.Skipped > 0 {
		fmt.Fprintf(stdout, "未能索引的专利：%s\n", strings.Join(st.SkippedIDs, " "))
	}
	return 0
}

// lockedWriter serializes the writes of several goroutines to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
