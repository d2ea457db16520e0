package config

import (
	"io"
	"patentbridge"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsAndOverrides(t *testing.T) {
	t.Run("default database is the embedded SQLite file", func(t *testing.T) {
		var c Config
		fs := c.FlagSet("import", env(nil), io.Discard)
		if err := fs.Parse(nil); err != nil {
			t.Fatal(err)
		}
		if c.DB != DefaultDB {
			t.Fatalf("DB = %q, want %q", c.DB, DefaultDB)
		}
	})
	t.Run("environment then flag", func(t *testing.T) {
		var c Config
		fs := c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_DB": "postgres://u:secret@h/db"}), io.Discard)
		if err := fs.Parse([]string{"--demo", "--addr", ":9999"}); err != nil {
			t.Fatal(err)
		}
		if c.DB != "postgres://u:secret@h/db" || !c.Demo || c.Addr != ":9999" {
			t.Fatalf("got %+v", c)
		}
		if s := c.String(); s != "db=postgres://u:***@h/db addr=:9999 demo=true" {
			t.Fatalf("String() = %q leaks or misformats", s)
		}
		fs2 := c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_DB": "x.db"}), io.Discard)
		_ = fs2.Parse([]string{"--db", "sqlite:y.db"})
		if c.DB != "sqlite:y.db" {
			t.Fatalf("flag should win over env, got %q", c.DB)
		}
	})
	t.Run("validation names the field", func(t *testing.T) {
		for _, pw := range []string{"short", "nine-char", "ADMIN"} {
			c := Config{DB: "x.db", AdminPassword: pw}
			if err := c.Validate(); patentbridge.ErrorField(err) != "PATENTBRIDGE_ADMIN_PASSWORD" {
				t.Errorf("admin password %q: %v; want the account password rule", pw, err)
			}
		}
		if err := (&Config{DB: "x.db", AdminPassword: "ten-chars!"}).Validate(); err != nil {
			t.Errorf("a 10-character admin password: %v", err)
		}
		for in, want := range map[string]int64{"": 0, "200MB": 200 << 20, "1GB": 1 << 30, "512k": 512 << 10, "1048576": 1 << 20} {
			if got, err := (&Config{MaxUpload: in}).MaxUploadBytes(); err != nil || got != want {
				t.Errorf("MaxUploadBytes(%q) = %d, %v; want %d", in, got, err, want)
			}
		}
		for _, in := range []string{"lots", "-5MB", "100TB", "12"} {
			if err := (&Config{DB: "x.db", MaxUpload: in}).Validate(); patentbridge.ErrorField(err) != "max-upload" {
				t.Errorf("max upload %q: %v", in, err)
			}
		}
		c := Config{DB: "x.db", TrustedProxies: "10.0.0.0/8, gateway"}
		if err := c.Validate(); patentbridge.ErrorField(err) != "trusted-proxies" {
			t.Errorf("bad trusted proxy: %v", err)
		}
		c = Config{DB: ""}
		if err := c.Validate(); err == nil {
			t.Fatal("empty db accepted")
		}
	})
}

func TestSearchIndexDir(t *testing.T) {
	for db, want := range map[string]string{
		"sqlite:./data/patentbridge.db":     "data/patentbridge.index",
		"/srv/pb/main.db":                   "/srv/pb/main.index",
		"postgres://u@h/db?sslmode=disable": "data/index",
	} {
		c := Config{DB: db}
		if got := c.SearchIndexDir(); got != want {
			t.Errorf("%s: index at %q, want %q", db, got, want)
		}
	}
	c := Config{DB: "x.db", IndexDir: "/var/idx"}
	if c.SearchIndexDir() != "/var/idx" {
		t.Error("IndexDir not honoured")
	}
}

func TestRegion(t *testing.T) {
	var c Config
	if err := c.FlagSet("screen", env(nil), io.Discard).Parse(nil); err != nil || c.Region != patentbridge.DefaultRegion {
		t.Fatalf("default region %q (%v), want Sichuan %q", c.Region, err, patentbridge.DefaultRegion)
	}
	if err := c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_REGION": "50"}), io.Discard).Parse(nil); err != nil || c.Region != "50" {
		t.Fatalf("PATENTBRIDGE_REGION=50 gave %q (%v)", c.Region, err)
	}
	if err := c.FlagSet("serve", env(nil), io.Discard).Parse([]string{"--region", "5101"}); err != nil || c.Region != "5101" {
		t.Fatalf("--region 5101 gave %q (%v)", c.Region, err)
	}
	for _, bad := range []string{"5", "四川", "5101001"} {
		if err := (&Config{DB: "x.db", Region: bad}).Validate(); patentbridge.ErrorField(err) != "region" {
			t.Errorf("region %q: %v; want an error naming region", bad, err)
		}
	}
}
