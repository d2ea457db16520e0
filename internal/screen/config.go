// Package screen decides which patents are sleeping patents (沉睡专利, DESIGN §3.4),
// scores and grades them (初评、分级, §3.5) and classifies them into the national and
// Sichuan industry systems (分类, §3.6), and runs all of it against a Store.
package screen

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"math"
	"slices"
	"strings"

	"patentbridge"
)

//go:embed config/default.json
var defaultConfigJSON []byte

// Config holds the versioned rule scope, indicator weights and grading method.
type Config struct {
	Version      string              `json:"version"`      // weights/method version, e.g. "2026.1"
	RuleVersion  string              `json:"rule_version"` // sleeping rule version, e.g. "sleeping-2026.2"
	Kinds        []patentbridge.Kind `json:"kinds"`
	Institutions InstitutionScope    `json:"institutions"`
	Years        int                 `json:"years"` // years since grant, 3 in the plan
	Weights      map[string]float64  `json:"weights"`
	GradeShares  map[string]float64  `json:"grade_shares"` // A, B, C, D; sum 1
	Thresholds   *Thresholds         `json:"thresholds"`   // when set, used instead of shares
}

// InstitutionScope says whose patents are screened: owners of these types
// located in the region (Regions), and of the names when a list is given.
type InstitutionScope struct {
	Types []patentbridge.PartyType `json:"types"`
	// Region is the platform's region (config --region, default
	// patentbridge.DefaultRegion); it is not part of the file: SetRegion sets it.
	Region string `json:"-"`
	// RegionPrefixes narrows the platform's region (e.g. "5101" for a 成都-only
	// screening); each must lie inside Region. Empty: the whole region.
	RegionPrefixes []string `json:"region_prefixes"`
	Names          []string `json:"names"` // explicit owner names
}

// Regions returns the GB/T 2260 prefixes an owner must be located in.
func (sc InstitutionScope) Regions() []string {
	if len(sc.RegionPrefixes) > 0 {
		return sc.RegionPrefixes
	}
	if sc.Region == "" {
		return nil
	}
	return []string{sc.Region}
}

// SetRegion makes region (a GB/T 2260 prefix) the platform's region of the
// configuration. Returns EINVALID naming the field when region is not a prefix
// or a configured region_prefixes entry lies outside it.
func (c *Config) SetRegion(region string) error {
	if err := patentbridge.CheckRegionPrefix("region", region); err != nil {
		return err
	}
	c.Institutions.Region = region
	return c.Validate()
}

// Thresholds are minimum scores for grades A, B and C; lower scores get D.
type Thresholds struct {
	A float64 `json:"A"`
	B float64 `json:"B"`
	C float64 `json:"C"`
}

// Grades lists the grades from best to worst (patentbridge.Grades).
var Grades = patentbridge.Grades

// DefaultConfig returns the embedded default configuration.
func DefaultConfig() *Config {
	c, err := LoadConfig(bytes.NewReader(defaultConfigJSON))
	if err != nil {
		// The default is embedded in the binary: failing to load it is a build defect.
		panic("screen: embedded default config is invalid: " + err.Error())
	}
	return c
}

// LoadConfig reads and validates a JSON configuration. Returns EINVALID naming the field.
func LoadConfig(r io.Reader) (*Config, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "筛查配置不是有效的JSON：%v", err)
	}
	c.Institutions.Region = patentbridge.DefaultRegion
	if err := c.Validate(); err != nil {
		return nil, err
	}
	for i, n := range c.Institutions.Names {
		c.Institutions.Names[i] = patentbridge.NormalizeOrgName(n)
	}
	return &c, nil
}

// Validate checks every field. Returns EINVALID naming the field.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.Version) == "" {
		return patentbridge.FieldErrorf("version", "配置缺少版本号 version")
	}
	if strings.TrimSpace(c.RuleVersion) == "" {
		return patentbridge.FieldErrorf("rule_version", "配置缺少规则版本 rule_version")
	}
	if len(c.Kinds) == 0 {
		return patentbridge.FieldErrorf("kinds", "筛查范围 kinds 至少包含一种专利类型")
	}
	for _, k := range c.Kinds {
		if !slices.Contains(patentbridge.Kinds, k) {
			return patentbridge.FieldErrorf("kinds", "未知的专利类型 %q", k)
		}
	}
	if len(c.Institutions.Types) == 0 {
		return patentbridge.FieldErrorf("institutions.types", "权利人类型 institutions.types 不能为空")
	}
	for _, t := range c.Institutions.Types {
		if !slices.Contains(patentbridge.PartyTypes, t) {
			return patentbridge.FieldErrorf("institutions.types", "未知的权利人类型 %q", t)
		}
	}
	for _, p := range c.Institutions.RegionPrefixes {
		if err := patentbridge.CheckRegionPrefix("institutions.region_prefixes", p); err != nil {
			return err
		}
		if r := c.Institutions.Region; r != "" && !strings.HasPrefix(p, r) {
			return patentbridge.FieldErrorf("institutions.region_prefixes",
				"筛查地区 %q 不在平台所在地区 %q 内：region_prefixes 只能缩小平台地区（--region）", p, r)
		}
	}
	for _, n := range c.Institutions.Names {
		if strings.TrimSpace(n) == "" {
			return patentbridge.FieldErrorf("institutions.names", "机构名单 institutions.names 含空名称")
		}
	}
	if c.Years < 1 || c.Years > 20 {
		return patentbridge.FieldErrorf("years", "授权年限 years 应在1到20之间，当前为 %d", c.Years)
	}
	if err := c.validateWeights(); err != nil {
		return err
	}
	return c.validateGrading()
}

// validateWeights requires a finite, non-negative weight for every indicator and no other.
func (c *Config) validateWeights() error {
	sum := 0.0
	for _, d := range Indicators {
		w, ok := c.Weights[d.Name]
		if !ok {
			return patentbridge.FieldErrorf("weights."+d.Name, "缺少指标 %s（%s）的权重", d.Name, d.Label)
		}
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return patentbridge.FieldErrorf("weights."+d.Name, "指标 %s 的权重应为非负数", d.Name)
		}
		sum += w
	}
	if len(c.Weights) != len(Indicators) {
		for name := range c.Weights {
			if indicatorIndex(name) < 0 {
				return patentbridge.FieldErrorf("weights."+name, "未知的指标 %q", name)
			}
		}
	}
	if sum <= 0 {
		return patentbridge.FieldErrorf("weights", "指标权重之和应大于0")
	}
	return nil
}

// validateGrading checks the grade shares and the optional thresholds.
func (c *Config) validateGrading() error {
	sum := 0.0
	for _, g := range Grades {
		s, ok := c.GradeShares[g]
		if !ok {
			return patentbridge.FieldErrorf("grade_shares."+g, "缺少等级 %s 的比例", g)
		}
		if s < 0 || s > 1 || math.IsNaN(s) {
			return patentbridge.FieldErrorf("grade_shares."+g, "等级 %s 的比例应在0到1之间", g)
		}
		sum += s
	}
	if len(c.GradeShares) != len(Grades) {
		return patentbridge.FieldErrorf("grade_shares", "等级比例只能包含 A、B、C、D")
	}
	if math.Abs(sum-1) > 1e-6 {
		return patentbridge.FieldErrorf("grade_shares", "等级比例之和应为1，当前为 %.4f", sum)
	}
	if t := c.Thresholds; t != nil {
		if !(t.C >= 0 && t.C < t.B && t.B < t.A && t.A <= 100) {
			return patentbridge.FieldErrorf("thresholds", "分数阈值应满足 0 ≤ C < B < A ≤ 100")
		}
	}
	return nil
}

// weightVector returns the weights in indicator order.
func (c *Config) weightVector() [NumIndicators]float64 {
	var w [NumIndicators]float64
	for i, d := range Indicators {
		w[i] = c.Weights[d.Name]
	}
	return w
}
