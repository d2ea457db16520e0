// Package config holds PatentBridge's run-time configuration, read from flags and
// environment variables; it keeps no package globals.
package config

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// DefaultDB is the database used when neither --db nor PATENTBRIDGE_DB is given.
const DefaultDB = "sqlite:./data/patentbridge.db"

// DefaultRouterCheck is how often serve checks the IPC router's corpus by default.
const DefaultRouterCheck = time.Minute

// Config is everything a subcommand needs to know from its environment.
type Config struct {
	DB            string // sqlite:PATH, a plain path, or postgres://…
	Addr          string // listen address for serve
	AdminPassword string // first admin's password; generated and logged once when empty
	Demo          bool   // fill an empty database with generated demo data
	DemoN         int    // how many demo patents
	SecureCookies bool   // set the Secure flag on session cookies (behind HTTPS)
	// TrustedProxies lists the reverse proxies (addresses or CIDR networks,
	// comma-separated) whose X-Forwarded-For names the client.
	TrustedProxies string
	// MaxUpload caps an upload through the pages or the API ("200MB", "1GB" or
	// bytes); "" means the default of 200 MB.
	MaxUpload    string
	ScreenConfig string // screening weights/thresholds file; "" means the embedded default
	IndustryMap  string // Sichuan industry mapping CSV; "" means the embedded one
	IndexDir     string // full-text index directory; "" means beside the SQLite file, or ./data/index
	// RouterCheck is how often serve checks whether the IPC router should
	// retrain on the stored patents; 0 disables retraining.
	RouterCheck time.Duration
	// Region is the platform's region, a GB/T 2260 prefix ("51": Sichuan):
	// screening takes the patents of institutions of this region only.
	Region   string
	LogLevel slog.Level
	Jobs     Jobs // background jobs: uploads, leases, shutdown (config_jobs.go)
	Site     Site // operator, ICP 备案号 and contact shown on the pages (config_site.go)
	// LedgerKey is the file of the platform's Ed25519 note key that signs the
	// public ledger's checkpoints; "" means ledger.key in the data directory,
	// made at first start.
	LedgerKey string
}

// FlagSet returns a flag set for subcommand name whose defaults come from env, bound to c.
// common flags: --db, --log-level; serve adds --addr, --demo, --demo-n, --secure-cookies.
func (c *Config) FlagSet(name string, env func(string) string, output io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(output)
	c.DB = firstNonEmpty(env("PATENTBRIDGE_DB"), DefaultDB)
	c.Addr = firstNonEmpty(env("PATENTBRIDGE_ADDR"), "127.0.0.1:8080")
	c.AdminPassword = env("PATENTBRIDGE_ADMIN_PASSWORD")
	c.DemoN = 3000
	c.SecureCookies = env("PATENTBRIDGE_SECURE_COOKIES") == "1"
	c.TrustedProxies = env("PATENTBRIDGE_TRUSTED_PROXIES")
	c.MaxUpload = env("PATENTBRIDGE_MAX_UPLOAD")
	_ = c.LogLevel.UnmarshalText([]byte(firstNonEmpty(env("PATENTBRIDGE_LOG_LEVEL"), "info")))
	fs.StringVar(&c.DB, "db", c.DB, "数据库：sqlite:路径、文件路径或 postgres://…（环境变量 PATENTBRIDGE_DB）")
	fs.TextVar(&c.LogLevel, "log-level", c.LogLevel, "日志级别 debug|info|warn|error")
	c.ScreenConfig = env("PATENTBRIDGE_SCREEN_CONFIG")
	c.IndustryMap = env("PATENTBRIDGE_INDUSTRY_MAP")
	c.Region = firstNonEmpty(strings.TrimSpace(env("PATENTBRIDGE_REGION")), patentbridge.DefaultRegion)
	if name == "serve" || name == "screen" {
		fs.StringVar(&c.Region, "region", c.Region,
			"平台所在地区的 GB/T 2260 代码前缀，筛查只收录该地区高校院所的专利（环境变量 PATENTBRIDGE_REGION；默认 51 四川省）")
		fs.StringVar(&c.IndustryMap, "industry-map", c.IndustryMap,
			"四川产业分类对照表（CSV，格式见 internal/screen/data/README.md；环境变量 PATENTBRIDGE_INDUSTRY_MAP；默认内置版本）")
		fs.StringVar(&c.ScreenConfig, "screen-config", c.ScreenConfig,
			"沉睡专利筛查的权重与阈值配置文件（JSON，环境变量 PATENTBRIDGE_SCREEN_CONFIG；默认内置版本）")
	}
	c.IndexDir = env("PATENTBRIDGE_INDEX")
	if name == "serve" || name == "index" || name == "bench" {
		fs.StringVar(&c.IndexDir, "index", c.IndexDir, "全文索引目录（环境变量 PATENTBRIDGE_INDEX；默认与 SQLite 文件同目录，或 ./data/index）")
	}
	c.LedgerKey = env("PATENTBRIDGE_LEDGER_KEY")
	if name == "serve" {
		fs.StringVar(&c.LedgerKey, "ledger-key", c.LedgerKey,
			"公共账本签名密钥文件（环境变量 PATENTBRIDGE_LEDGER_KEY；默认数据目录中的 ledger.key，首次启动时生成）")
	}
	c.Jobs.flags(name, fs, env)
	c.Site.flags(name, fs, env)
	c.RouterCheck = envDuration(env("PATENTBRIDGE_ROUTER_CHECK"), DefaultRouterCheck)
	if name == "serve" {
		fs.DurationVar(&c.RouterCheck, "router-check", c.RouterCheck,
			"多久检查一次是否用已导入的专利重新训练需求匹配的分类模型，0 为不重新训练（环境变量 PATENTBRIDGE_ROUTER_CHECK）")
		fs.StringVar(&c.Addr, "addr", c.Addr, "监听地址（环境变量 PATENTBRIDGE_ADDR）")
		fs.BoolVar(&c.Demo, "demo", false, "数据库为空时生成演示数据")
		fs.IntVar(&c.DemoN, "demo-n", c.DemoN, "演示数据条数")
		fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "会话 Cookie 仅经 HTTPS 发送")
		fs.StringVar(&c.MaxUpload, "max-upload", c.MaxUpload, "网页和 API 上传文件的大小上限，如 200MB、1GB（环境变量 PATENTBRIDGE_MAX_UPLOAD；默认 200MB）")
		fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies,
			"受信任的反向代理地址或网段，逗号分隔；其 X-Forwarded-For 头给出客户端地址（环境变量 PATENTBRIDGE_TRUSTED_PROXIES）")
	}
	return fs
}

// Validate checks the configuration and returns an EINVALID error naming the field.
func (c *Config) Validate() error {
	switch {
	case strings.TrimSpace(c.DB) == "":
		return patentbridge.FieldErrorf("db", "未指定数据库（--db 或 PATENTBRIDGE_DB）")
	case c.RouterCheck != 0 && (c.RouterCheck < time.Second || c.RouterCheck > 24*time.Hour):
		return patentbridge.FieldErrorf("router-check", "分类模型的检查间隔应为 0（不重新训练）或 1s 到 24h 之间，实际为 %s", c.RouterCheck)
	case c.DemoN < 0 || c.DemoN > 1_000_000:
		return patentbridge.FieldErrorf("demo-n", "演示数据条数应在 0 到 1000000 之间，实际为 %d", c.DemoN)
	case c.AdminPassword != "" && patentbridge.CheckPassword("admin", c.AdminPassword) != nil:
		return patentbridge.FieldErrorf("PATENTBRIDGE_ADMIN_PASSWORD", "管理员密码：%s",
			patentbridge.ErrorMessage(patentbridge.CheckPassword("admin", c.AdminPassword)))
	}
	if _, err := c.MaxUploadBytes(); err != nil {
		return err
	}
	if c.Region != "" {
		if err := patentbridge.CheckRegionPrefix("region", c.Region); err != nil {
			return err
		}
	}
	if _, err := c.Proxies(); err != nil {
		return err
	}
	if err := c.CheckPlaces(); err != nil {
		return err
	}
	if err := c.Site.Validate(); err != nil {
		return err
	}
	return c.Jobs.Validate()
}

// String describes the configuration without secrets, for the start-up log.
func (c *Config) String() string {
	return fmt.Sprintf("db=%s addr=%s demo=%v", redactDSN(c.DB), c.Addr, c.Demo)
}

// SearchIndexDir is where the full-text index lives: IndexDir when set, else beside
// the SQLite file (patentbridge.db -> patentbridge.index), else ./data/index.
func (c *Config) SearchIndexDir() string {
	if c.IndexDir != "" {
		return c.IndexDir
	}
	if strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://") {
		return filepath.Join("data", "index")
	}
	path := strings.TrimPrefix(c.DB, "sqlite:")
	return filepath.Clean(strings.TrimSuffix(path, filepath.Ext(path)) + ".index")
}

// redactDSN hides a password in a postgres:// URL.
func redactDSN(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	creds := dsn[scheme+3 : at]
	if i := strings.IndexByte(creds, ':'); i >= 0 {
		return dsn[:scheme+3] + creds[:i] + ":***" + dsn[at:]
	}
	return dsn
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// Proxies returns the trusted reverse proxies as networks. Returns EINVALID
// naming the entry that is neither an address nor a network.
func (c *Config) Proxies() ([]netip.Prefix, error) { return ParseTrustedProxies(c.TrustedProxies) }

// ParseTrustedProxies reads a comma-separated list of the reverse proxies'
// addresses or networks ("127.0.0.1, 10.0.0.0/8"). Returns EINVALID naming the entry.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, patentbridge.FieldErrorf("trusted-proxies", "受信任的反向代理 %q 不是 IP 地址或网段（如 10.0.0.0/8）", f)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// MaxUploadBytes returns the upload limit in bytes, 0 when unset (the
// default). Returns EINVALID for a size it cannot read or outside 1 KB to 64 GB.
func (c *Config) MaxUploadBytes() (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(c.MaxUpload))
	if s == "" {
		return 0, nil
	}
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (64<<30)/mult || n*mult < 1<<10 {
		return 0, patentbridge.FieldErrorf("max-upload", "上传大小上限 %q 无法识别或超出范围（如 200MB、1GB；1KB 到 64GB）", c.MaxUpload)
	}
	return n * mult, nil
}
