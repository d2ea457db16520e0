package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/config"
)

// The platform's region reaches the screening rules; a screening file may
// narrow it, never leave it.
func TestScreenRulesTakeThePlatformRegion(t *testing.T) {
	rules, err := loadScreenRules(config.Config{Region: "50"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rules.cfg.Institutions.Regions(); len(got) != 1 || got[0] != "50" {
		t.Fatalf("--region 50 screens %v", got)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "screen", "config", "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "screen.json")
	narrowed := strings.Replace(string(b), `"region_prefixes": []`, `"region_prefixes": ["5101"]`, 1)
	if err := os.WriteFile(path, []byte(narrowed), 0o600); err != nil {
		t.Fatal(err)
	}
	if rules, err = loadScreenRules(config.Config{Region: "51", ScreenConfig: path}); err != nil {
		t.Fatalf("成都 inside 四川: %v", err)
	}
	if got := rules.cfg.Institutions.Regions(); len(got) != 1 || got[0] != "5101" {
		t.Fatalf("narrowed to %v", got)
	}
	_, err = loadScreenRules(config.Config{Region: "61", ScreenConfig: path})
	if patentbridge.ErrorField(err) != "institutions.region_prefixes" || !strings.Contains(patentbridge.ErrorMessage(err), "不在平台所在地区") {
		t.Fatalf("成都 under a Shaanxi platform: %v", err)
	}
}
