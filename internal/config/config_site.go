package config

import (
	"flag"

	"patentbridge"
)

// DefaultOperator is the operator the footer names when --operator is not
// given: the provincial operator of the programme (DESIGN §1). It is a
// default, not a fact about a deployment: set --operator or
// PATENTBRIDGE_OPERATOR to the organization actually running the site.
const DefaultOperator = "四川省知识产权服务促进中心"

// Site is what the pages say about who runs the platform: the footer's
// operator and ICP 备案号, and the 联系我们 text.
type Site struct {
	Operator string // 运营单位
	ICP      string // ICP 备案号, e.g. "蜀ICP备12345678号-1"; "" shows none
	Contact  string // 联系方式 shown on the help page (address, phone, email); "" shows the default advice
}

// flags binds the site's flags of serve, with defaults from env.
func (s *Site) flags(name string, fs *flag.FlagSet, env func(string) string) {
	s.Operator = firstNonEmpty(env("PATENTBRIDGE_OPERATOR"), DefaultOperator)
	s.ICP = env("PATENTBRIDGE_ICP")
	s.Contact = env("PATENTBRIDGE_CONTACT")
	if name != "serve" {
		return
	}
	fs.StringVar(&s.Operator, "operator", s.Operator, "页脚显示的平台运营单位（环境变量 PATENTBRIDGE_OPERATOR；默认“"+DefaultOperator+"”，请按实际运营单位设置）")
	fs.StringVar(&s.ICP, "icp", s.ICP, "页脚显示的 ICP 备案号，如“蜀ICP备12345678号-1”（环境变量 PATENTBRIDGE_ICP；为空则不显示）")
	fs.StringVar(&s.Contact, "contact", s.Contact, "帮助页“联系我们”显示的联系方式（地址、电话、邮箱；环境变量 PATENTBRIDGE_CONTACT）")
}

// Validate checks the lengths and characters of the site's texts. Returns
// EINVALID naming the flag.
func (s *Site) Validate() error {
	for _, f := range []struct {
		field, label, v string
		max             int
	}{{"operator", "运营单位", s.Operator, 100}, {"icp", "ICP 备案号", s.ICP, 50}, {"contact", "联系方式", s.Contact, 300}} {
		if err := patentbridge.CheckText(f.field, f.label, f.v, f.max, false); err != nil {
			return err
		}
	}
	return nil
}
