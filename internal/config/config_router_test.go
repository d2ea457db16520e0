package config

import (
	"io"
	"testing"
	"time"

	"patentbridge"
)

// TestRouterCheck: serve checks the IPC router's corpus every minute unless
// --router-check or PATENTBRIDGE_ROUTER_CHECK says otherwise; 0 disables
// retraining, and an interval out of range is refused on its flag.
func TestRouterCheck(t *testing.T) {
	var c Config
	_ = c.FlagSet("serve", env(nil), io.Discard).Parse(nil)
	if c.RouterCheck != time.Minute || c.Validate() != nil {
		t.Errorf("default router check %s, %v", c.RouterCheck, c.Validate())
	}
	_ = c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_ROUTER_CHECK": "5m"}), io.Discard).Parse(nil)
	if c.RouterCheck != 5*time.Minute {
		t.Errorf("from the environment: %s", c.RouterCheck)
	}
	_ = c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_ROUTER_CHECK": "5m"}), io.Discard).Parse([]string{"--router-check", "0"})
	if c.RouterCheck != 0 || c.Validate() != nil {
		t.Errorf("--router-check 0: %s, %v", c.RouterCheck, c.Validate())
	}
	for _, d := range []string{"500ms", "25h", "-1m"} {
		_ = c.FlagSet("serve", env(nil), io.Discard).Parse([]string{"--router-check", d})
		if err := c.Validate(); patentbridge.ErrorField(err) != "router-check" {
			t.Errorf("--router-check %s: %v, want an error on router-check", d, err)
		}
	}
	if fs := c.FlagSet("import", env(nil), io.Discard); fs.Lookup("router-check") != nil {
		t.Error("import has a --router-check flag")
	}
}
