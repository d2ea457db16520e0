package config

import (
	"io"
	"testing"

	"patentbridge"
)

func TestSiteOperatorAndICP(t *testing.T) {
	var c Config
	if err := c.FlagSet("serve", env(nil), io.Discard).Parse(nil); err != nil {
		t.Fatal(err)
	}
	if c.Site.Operator != DefaultOperator || c.Site.ICP != "" {
		t.Fatalf("defaults = %+v, want the default operator and no 备案号", c.Site)
	}
	e := env(map[string]string{"PATENTBRIDGE_OPERATOR": "成都市知识产权服务中心", "PATENTBRIDGE_ICP": "蜀ICP备00000001号"})
	if err := c.FlagSet("serve", e, io.Discard).Parse([]string{"--icp", "蜀ICP备12345678号-1"}); err != nil {
		t.Fatal(err)
	}
	if c.Site.Operator != "成都市知识产权服务中心" || c.Site.ICP != "蜀ICP备12345678号-1" {
		t.Fatalf("env then flag = %+v", c.Site)
	}
	c.Site.ICP = "蜀ICP备\x07"
	if err := c.Validate(); patentbridge.ErrorField(err) != "icp" {
		t.Fatalf("Validate() = %v, want the icp field named", err)
	}
}
