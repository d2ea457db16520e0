package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/sqldb"
)

func runBackup(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	var cfg config.Config
	fset := cfg.FlagSet("backup", getenv, stderr)
	var out string
	fset.StringVar(&out, "o", "", "备份文件，如 patentbridge-20260101.tar.gz（不要放在数据目录里）")
	fset.StringVar(&out, "out", "", "同 -o")
	dataDir := fset.String("data-dir", "", dataDirUsage)
	asJSON := fset.Bool("json", false, "在标准输出打印备份清单（JSON）")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if out == "" || fset.NArg() > 0 {
		fmt.Fprintln(stderr, "用法：patentbridge backup [--db …] [--data-dir 目录] -o 备份文件.tar.gz")
		return 2
	}
	if err := cfg.Validate(); err != nil {
		return fail(stderr, err)
	}
	dir, err := dataDirOf(cfg.DB, *dataDir, cfg.SearchIndexDir())
	if err != nil {
		return fail(stderr, err)
	}
	if f := sqldb.SQLiteFile(cfg.DB); f != "" {
		// Opening a missing file would create an empty database and back that up.
		if _, err := os.Stat(f); errors.Is(err, fs.ErrNotExist) {
			return fail(stderr, patentbridge.Errorf(patentbridge.ENOTFOUND, "数据库文件 %s 不存在，没有可备份的数据（用 --db 指定数据库）", f))
		}
	}
	logger := newLogger(stderr, cfg.LogLevel)
	db, err := openDB(ctx, cfg.DB, logger)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	m, err := db.Backup(ctx, sqldb.BackupOptions{Out: out, DataDir: dir, Version: Version})
	if err != nil {
		return fail(stderr, err)
	}
	logger.Debug("backup written", "file", out, "dialect", m.Dialect, "patents", m.Patents(), "bytes", m.Database.Size)
	if *asJSON {
		_ = json.NewEncoder(stdout).Encode(m)
		return 0
	}
	fmt.Fprintf(stdout, "备份完成：%s（%s，结构版本 %d，专利 %d 件，数据目录文件 %d 个：%s）\n", out, m.Dialect,
		m.MigrationVersion, m.Patents(), len(m.Files), fileNames(m.Files))
	for _, s := range m.SkippedFiles {
		fmt.Fprintf(stdout, "未备份：%s（%s）\n", s.Name, s.Reason)
	}
	return 0
}

// dataDirUsage describes --data-dir, shared by backup and restore.
const dataDirUsage = "数据目录，其中的配置与密钥等小文件随备份保存、恢复（仅 PostgreSQL；默认为索引目录的上级目录，即 ./data）；SQLite 的数据目录就是数据库文件所在目录"

// dataDirOf returns the data directory of a deployment: the SQLite file's
// directory, or for PostgreSQL the --data-dir flag, else the index
// directory's parent. Returns EINVALID for --data-dir with SQLite.
func dataDirOf(dsn, flag, indexDir string) (string, error) {
	if f := sqldb.SQLiteFile(dsn); f != "" {
		if flag != "" {
			return "", patentbridge.FieldErrorf("data-dir", "--data-dir 只用于 PostgreSQL：SQLite 的数据目录就是数据库文件 %s 所在的目录", f)
		}
		return filepath.Dir(f), nil
	}
	if flag != "" {
		return flag, nil
	}
	return filepath.Dir(indexDir), nil
}

// fileNames lists the data files of a backup for a message.
func fileNames(es []sqldb.BackupEntry) string {
	if len(es) == 0 {
		return "无"
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = strings.TrimPrefix(e.Name, "files/")
	}
	return strings.Join(names, "、")
}
