package ingest

import (
	"context"
	"strings"
	"time"

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

// ImportEnterprises imports enterprise registry files (XLSX, or CSV/TSV in UTF-8,
// GBK or GB18030) with the columns 企业名称, 统一社会信用代码, 经营范围, 行业,
// 地区代码, 是否中小微企业 (是/否, Y/N, 1/0) and 所属园区, upserting by credit
// code in batches. A row with an invalid credit code (GB 32100 check character),
// no name, a malformed region code or an unknown SME value is rejected and
// reported to opt.Rejects as CSV (file,line,column,value,reason). Every file's
// header is checked first: a file without 企业名称 and 统一社会信用代码 columns
// fails the call with EINVALID before anything is written.
func ImportEnterprises(ctx context.Context, store EnterpriseUpserter, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	start := time.Now()
	var sum patentbridge.ImportSummary
	for _, p := range paths {
		t, err := openTable(p, opt.Sheet, "企业名录", enterpriseColumns, "企业名称", "统一社会信用代码")
		if err != nil {
			return sum, err
		}
		t.close()
	}
	rw := newRejectWriter(opt.Rejects)
	if err := rw.header(); err != nil {
		return sum, err
	}
	batch := make([]*patentbridge.Enterprise, 0, DefaultBatchSize)
	flush := func(fraction float64) error {
		if len(batch) > 0 {
			res, err := store.UpsertEnterprises(ctx, batch)
			if err != nil {
				return err
			}
			sum.Inserted, sum.Updated, sum.Unchanged = sum.Inserted+res.Inserted, sum.Updated+res.Updated, sum.Unchanged+res.Unchanged
			batch = batch[:0]
		}
		if opt.Progress != nil {
			opt.Progress(sum.Read, fraction)
		}
		return nil
	}
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		t, err := openTable(p, opt.Sheet, "企业名录", enterpriseColumns, "企业名称", "统一社会信用代码")
		if err != nil {
			return sum, err
		}
		err = t.eachRow(func(r row) error {
			sum.Read++
			e, probs := convertEnterprise(t, r)
			if probs != nil {
				sum.Rejected++
				return rw.write(t.file, r.line, probs)
			}
			batch = append(batch, e)
			if len(batch) == DefaultBatchSize {
				return flush((float64(i) + t.src.fraction()) / float64(len(paths)))
			}
			return nil
		}, func(line int, reason string) error {
			sum.Read++
			sum.Rejected++
			return rw.write(t.file, line, []problem{{reason: reason}})
		})
		t.close()
		if err != nil {
			return sum, err
		}
		sum.Files++
	}
	if err := flush(1); err != nil {
		return sum, err
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
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
