package main

import (
	"context"
	"fmt"
	"io"

	"patentbridge/internal/config"
)

func runMigrate(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	var cfg config.Config
	fs := cfg.FlagSet("migrate", getenv, stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := cfg.Validate(); err != nil {
		return fail(stderr, err)
	}
	db, err := openDB(ctx, cfg.DB, newLogger(stderr, cfg.LogLevel))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	v, err := db.MigrationVersion(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "数据库结构已是最新版本：%d（%s）\n", v, db.Dialect())
	return 0
}
