package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"patentbridge/internal/config"
	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
)

// ledgerKeyName names the platform's key in its signatures.
const ledgerKeyName = "patentbridge"

// ledgerKeyPath is the signing key's file: --ledger-key, else ledger.key in the data directory.
func ledgerKeyPath(cfg config.Config) (string, error) {
	if cfg.LedgerKey != "" {
		return cfg.LedgerKey, nil
	}
	dir, err := dataDirOf(cfg.DB, "", cfg.SearchIndexDir())
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, ledger.KeyFile), nil
}

// useLedgerKey loads the platform's signing key, making it at first start, and
// gives it to db for the checkpoints of every append.
func useLedgerKey(db *sqldb.DB, cfg config.Config, logger *slog.Logger) error {
	path, err := ledgerKeyPath(cfg)
	if err != nil {
		return err
	}
	k, created, err := ledger.LoadOrCreateKey(path, ledgerKeyName)
	if err != nil {
		return fmt.Errorf("公共账本签名密钥 %s：%w", path, err)
	}
	if created {
		logger.Warn("ledger: made the platform's signing key; keep it with the backups", "file", path, "public_key", k.VerifierKey)
	}
	db.LedgerSigner, db.LedgerPublicKey = k.Signer, k.VerifierKey
	return nil
}

// backfillLedger appends the supply lists published before the ledger existed.
func backfillLedger(ctx context.Context, db *sqldb.DB, logger *slog.Logger) error {
	n, err := db.BackfillSupplyLedger(ctx)
	if err != nil {
		return fmt.Errorf("公共账本补记已发布的供给清单：%w", err)
	}
	if n > 0 {
		logger.Info("ledger: appended the supply lists published before the ledger", "entries", n)
	}
	return nil
}

const ledgerUsage = `用法：patentbridge ledger verify [--db …] [--key 公钥或密钥文件]

按数据库中存储的记录重新计算公共账本的每个叶哈希和整棵树，核对每个已签名的检查点
（用 --key 给出的公钥核验签名；默认用数据目录中的 ledger.key）。全部一致时打印 OK 和
记录数；否则列出每个不一致的序号，退出码为 1。
`

func runLedger(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprint(stderr, ledgerUsage)
		return 2
	}
	var cfg config.Config
	fset := cfg.FlagSet("ledger", getenv, stderr)
	keyFile := fset.String("key", "", "核验检查点签名的公钥文件（或签名密钥文件）；默认数据目录中的 ledger.key")
	if err := fset.Parse(args[1:]); err != nil {
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
	path := *keyFile
	if path == "" {
		if path, err = ledgerKeyPath(cfg); err != nil {
			return fail(stderr, err)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			path = ""
		}
	}
	if path != "" {
		_, vkey, err := ledger.LoadVerifier(path)
		if err != nil {
			return fail(stderr, err)
		}
		db.LedgerPublicKey = vkey
	}
	rep, err := db.VerifyLedger(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	if !rep.Signatures {
		fmt.Fprintln(stderr, "注意：未找到公钥，检查点的签名未核验（用 --key 指定公钥文件）")
	}
	if rep.OK() {
		fmt.Fprintf(stdout, "OK 公共账本共 %d 条记录、%d 个检查点，均与存储的记录一致；%d 项公示行为的现存内容与账本记录一致\n", rep.Size, rep.Checkpoints, rep.Acts)
		return 0
	}
	for _, p := range rep.Problems {
		if p.Index >= 0 {
			fmt.Fprintf(stdout, "序号 %d：%s\n", p.Index, p.Message)
		} else {
			fmt.Fprintf(stdout, "检查点 %d：%s\n", p.Checkpoint, p.Message)
		}
	}
	fmt.Fprintf(stdout, "公共账本校验失败：%d 处不一致（共 %d 条记录）\n", len(rep.Problems), rep.Size)
	return 1
}
