package ingest

import (
	"context"
	"strings"

	"patentbridge"
)

// EnterpriseUpserter is the part of the enterprise store a registry import writes to.
type EnterpriseUpserter interface {
	// UpsertEnterprises inserts or updates one batch by credit code in one transaction.
	UpsertEnterprises(ctx context.Context, es []*patentbridge.Enterprise) (patentbridge.UpsertResult, error)
}

// enterpriseColumns are the columns of an enterprise registry (企业名录).
var enterpriseColumns = []tableColumn{
	{"企业名称", []string{"企业名称", "单位名称", "名称"}},
	{"统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码"}},
	{"经营范围", []string{"经营范围"}},
	{"行业", []string{"行业", "所属行业", "行业门类"}},
	{"地区代码", []string{"地区代码", "行政区划代码", "区划代码"}},
	{"是否中小微企业", []string{"是否中小微企业", "中小微企业", "是否中小企业"}},
	{"所属园区", []string{"所属园区", "园区"}},
}

// enterpriseLimits are the most characters each stored column may hold.
var enterpriseLimits = map[string]int{
	"企业名称": patentbridge.MaxName, "统一社会信用代码": patentbridge.MaxName, "经营范围": patentbridge.MaxBusinessScope,
	"行业": patentbridge.MaxName, "地区代码": patentbridge.MaxName, "是否中小微企业": patentbridge.MaxName, "所属园区": patentbridge.MaxName,
}

// ImportEnterprises imports enterprise registry files (XLSX, or CSV/TSV in UTF-8,
// GBK or GB18030) with the columns 企业名称, 统一社会信用代码, 经营范围, 行业,
// 地区代码, 是否中小微企业 (是/否, Y/N, 1/0) and 所属园区, upserting by credit
// code in batches. A row with an invalid credit code (GB 32100 check character),
// no name, a malformed region code, an unknown SME value or a value over its
// limit (enterpriseLimits) is rejected and
// reported to opt.Rejects as CSV (文件,行,列,值,原因). Every file's
// header is checked first: a file without 企业名称 and 统一社会信用代码 columns
// fails the call with EINVALID before anything is written.
func ImportEnterprises(ctx context.Context, store EnterpriseUpserter, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return registryImport[*patentbridge.Enterprise]{what: "企业名录", columns: enterpriseColumns,
		required: []string{"企业名称", "统一社会信用代码"}, limits: enterpriseLimits, convert: convertEnterprise, upsert: store.UpsertEnterprises,
	}.run(ctx, paths, opt)
}

// convertEnterprise turns one registry row into an enterprise, or lists its problems.
func convertEnterprise(t *table, r row) (*patentbridge.Enterprise, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	e := &patentbridge.Enterprise{
		Scope:    t.get(r, "经营范围").value,
		Industry: t.get(r, "行业").value,
		Park:     t.get(r, "所属园区").value,
	}
	name := t.get(r, "企业名称")
	if e.Name = name.value; e.Name == "" {
		bad(name, "缺少企业名称")
	}
	code := t.get(r, "统一社会信用代码")
	if c, err := patentbridge.NormalizeCreditCode(code.value); err != nil {
		bad(code, patentbridge.ErrorMessage(err))
	} else {
		e.CreditCode = c
	}
	region := t.get(r, "地区代码")
	if e.RegionCode = region.value; e.RegionCode != "" && !regionDigits(e.RegionCode) {
		bad(region, "地区代码应为4位（市、州）或6位（区、县）行政区划代码")
	}
	sme := t.get(r, "是否中小微企业")
	var ok bool
	if e.SME, ok = parseYesNo(sme.value); !ok {
		bad(sme, "是否中小微企业应填写“是”或“否”（也可填 Y/N、1/0）")
	}
	return e, probs
}

// parseYesNo reads 是/否, Y/N, yes/no, true/false, 1/0; "" is no.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "是", "Y", "YES", "TRUE", "1", "√":
		return true, true
	case "否", "N", "NO", "FALSE", "0", "":
		return false, true
	}
	return false, false
}

// regionDigits reports whether s is a 4- or 6-digit code.
func regionDigits(s string) bool {
	if len(s) != 4 && len(s) != 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
