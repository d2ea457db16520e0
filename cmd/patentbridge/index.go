package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"patentbridge/internal/config"
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
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	s, err := openSearch(db, cfg.SearchIndexDir(), logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer s.index.Close()
	if args[0] == "rebuild" {
		start := time.Now()
		done := make(chan error, 1)
		go func() { done <- s.indexer.Rebuild(ctx) }()
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
	wait:
		for {
			select {
			case err = <-done:
				break wait
			case <-tick.C:
				st := s.indexer.Status(ctx)
				fmt.Fprintf(stderr, "重建索引：%.0f%%（%d / %d）\n", st.Progress*100, st.Docs, st.Patents)
			}
		}
		if err != nil {
			return fail(stderr, err)
		}
		st := s.indexer.Status(ctx)
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stdout, "索引已重建：%d 件专利，用时 %.1f 秒（%.0f 件/秒），目录 %s\n",
			st.Docs, secs, float64(st.Docs)/secs, cfg.SearchIndexDir())
		return 0
	}
	st := s.indexer.Status(ctx)
	fmt.Fprintf(stdout, "索引 %s：%d 件 / 数据库 %d 件，已应用变更至 %d，构建中 %v\n",
		cfg.SearchIndexDir(), st.Docs, st.Patents, st.LastSeq, st.Building)
	return 0
}
