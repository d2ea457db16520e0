package ingest

import (
	"context"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// orgColumns are the columns of an SOE list (国有企业名单) or SME list (中小企业名单).
var orgColumns = []tableColumn{
	{"单位名称", []string{"单位名称", "企业名称", "名称"}},
	{"统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码"}},
	{"类型", []string{"类型", "单位类型", "企业类型"}},
	{"所属市(州)", []string{"所属市(州)", "所属市（州）", "市(州)", "市州", "地区代码", "行政区划代码"}},
	{"是否中小企业", []string{"是否中小企业", "是否中小微企业", "中小企业"}},
}

// orgLimits are the most characters each column of an SOE or SME list may hold.
var orgLimits = map[string]int{
	"单位名称": patentbridge.MaxName, "统一社会信用代码": patentbridge.MaxName, "类型": patentbridge.MaxName,
	"所属市(州)": patentbridge.MaxName, "是否中小企业": patentbridge.MaxName,
}

// ImportOrganizations imports SOE list (kind "soe") or SME list (kind "sme")
// files (XLSX, or CSV/TSV in UTF-8, GBK or GB18030) with the columns 单位名称
// (or 企业名称), 统一社会信用代码 and, optionally, 类型, 所属市(州) (a code such as
// 5101 or 510116, or a Sichuan city's name) and 是否中小企业, into the organization
// registry in batches. SOE list rows are SOEs unless 类型 says otherwise; SME list
// rows are SMEs. A row with an invalid credit code, no name, an unknown type or
// city, or a value over its limit (orgLimits) is rejected and reported to
// opt.Rejects; good rows land.
func ImportOrganizations(ctx context.Context, svc patentbridge.OrganizationService, paths []string, kind string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	what := map[string]string{"soe": "国有企业名单", "sme": "中小企业名单"}[kind]
	if what == "" {
		return patentbridge.ImportSummary{}, patentbridge.FieldErrorf("kind", "名单类型 %q 无效：应为国有企业名单（soe）或中小企业名单（sme）", kind)
	}
	cities := sichuanCities()
	return registryImport[*patentbridge.Organization]{what: what, columns: orgColumns, required: []string{"单位名称"}, limits: orgLimits,
		convert: func(t *table, r row) (*patentbridge.Organization, []problem) {
			return convertOrganization(t, r, kind, cities)
		},
		upsert: svc.UpsertOrganizations,
	}.run(ctx, paths, opt)
}

// convertOrganization turns one list row into an organization, or lists its problems.
func convertOrganization(t *table, r row, kind string, cities map[string]string) (*patentbridge.Organization, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	o := &patentbridge.Organization{SME: kind == "sme"}
	if kind == "soe" {
		o.Type = patentbridge.PartySOE
	}
	name := t.get(r, "单位名称")
	if o.Name = patentbridge.NormalizeOrgName(name.value); o.Name == "" {
		bad(name, "缺少单位名称")
	}
	if code := t.get(r, "统一社会信用代码"); code.value != "" {
		if c, err := patentbridge.NormalizeCreditCode(code.value); err != nil {
			bad(code, patentbridge.ErrorMessage(err))
		} else {
			o.CreditCode = c
		}
	}
	if typ := t.get(r, "类型"); typ.value != "" {
		if pt, ok := patentbridge.ParsePartyTypeLabel(typ.value); !ok || pt == patentbridge.PartyIndividual {
			bad(typ, "类型应为大专院校、科研单位、国有企业、企业、医院或机关团体")
		} else {
			o.Type = pt
		}
	}
	if city := t.get(r, "所属市(州)"); city.value != "" {
		if c, ok := cityCode(city.value, cities); ok {
			o.CityCode = c
		} else {
			bad(city, "所属市(州)应为四川省的市(州)名称或4位、6位行政区划代码（如 成都市、5101、510116）")
		}
	}
	if sme := t.get(r, "是否中小企业"); sme.value != "" {
		v, ok := parseYesNo(sme.value)
		if !ok {
			bad(sme, "是否中小企业应填写“是”或“否”（也可填 Y/N、1/0）")
		}
		o.SME = v
	}
	return o, probs
}

// cityCode reads a 市(州) as a 4- or 6-digit code or a Sichuan city's name.
func cityCode(s string, cities map[string]string) (string, bool) {
	if regionDigits(s) {
		return s[:4], true
	}
	c, ok := cities[s]
	return c, ok
}

// sichuanCities maps the names of Sichuan's 市(州), with and without their
// suffix (成都市, 成都), to their 4-digit codes.
func sichuanCities() map[string]string {
	m := map[string]string{}
	for _, r := range refdata.Default().Cities("51") {
		code := r.CityCode
		m[r.Name] = code
		for _, suffix := range []string{"市", "藏族羌族自治州", "藏族自治州", "彝族自治州"} {
			if short, ok := strings.CutSuffix(r.Name, suffix); ok {
				m[short] = code
			}
		}
	}
	return m
}
