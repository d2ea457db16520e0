package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// demandColumns are the columns of a demand collection sheet (技术需求征集表).
var demandColumns = []tableColumn{
	{"需求名称", []string{"需求名称", "标题", "需求标题", "技术需求名称"}},
	{"需求描述", []string{"需求描述", "需求内容", "技术需求描述", "需求详情"}},
	{"所属行业", []string{"所属行业", "行业", "行业领域"}},
	{"地区代码", []string{"地区代码", "行政区划代码", "区划代码"}},
	{"预算下限", []string{"预算下限(万元)", "预算下限", "预算下限（万元）"}},
	{"预算上限", []string{"预算上限(万元)", "预算上限", "预算上限（万元）"}},
	{"截止日期", []string{"截止日期", "需求截止日期", "有效期至"}},
	{"联系方式", []string{"联系方式", "联系人及电话", "联系电话"}},
	{"需求单位", []string{"需求单位", "企业名称", "单位名称"}},
}

// demandFieldColumn maps a Demand.Validate field to its canonical column.
var demandFieldColumn = map[string]string{
	"title": "需求名称", "description": "需求描述", "industry": "所属行业", "region_code": "地区代码",
	"budget_min": "预算下限", "budget_max": "预算上限", "deadline": "截止日期", "contact": "联系方式",
	"enterprise": "需求单位",
}

// ReadDemands reads a demand collection file (XLSX, or CSV/TSV in UTF-8, GBK or
// GB18030) with the columns 需求名称 (or 标题), 需求描述, 所属行业, 地区代码,
// 预算下限(万元), 预算上限(万元), 截止日期, 联系方式 and 需求单位. Each row is
// checked by patentbridge.Demand.Validate as of now; a row that fails is
// returned as a Reject with its line, column, value and Chinese reason. Returns
// EINVALID when the file has no 需求名称 or 需求描述 column or cannot be read.
func ReadDemands(path string, now time.Time) ([]*patentbridge.Demand, []patentbridge.Reject, error) {
	t, err := openTable(path, "", "技术需求表", demandColumns, "需求名称", "需求描述")
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	var ds []*patentbridge.Demand
	var rejects []patentbridge.Reject
	reject := func(line int, c cell, reason string) {
		rejects = append(rejects, patentbridge.Reject{File: t.file, Line: line, Column: c.column, Value: patentbridge.ClipValue(c.value), Reason: reason})
	}
	err = t.eachRow(func(r row) error {
		d, c, reason := convertDemand(t, r, now)
		if reason != "" {
			reject(r.line, c, reason)
			return nil
		}
		ds = append(ds, d)
		return nil
	}, func(line int, p problem) error {
		reject(line, cell{column: p.column}, p.reason)
		return nil
	})
	return ds, rejects, err
}

// convertDemand turns one row into a valid demand, or says which cell is wrong and why.
func convertDemand(t *table, r row, now time.Time) (*patentbridge.Demand, cell, string) {
	d := &patentbridge.Demand{
		Title:       t.get(r, "需求名称").value,
		Description: t.get(r, "需求描述").value,
		Industry:    t.get(r, "所属行业").value,
		RegionCode:  t.get(r, "地区代码").value,
		Contact:     t.get(r, "联系方式").value,
		Enterprise:  t.get(r, "需求单位").value,
	}
	var reason string
	for _, b := range []struct {
		col string
		dst *int64
	}{{"预算下限", &d.BudgetMin}, {"预算上限", &d.BudgetMax}} {
		c := t.get(r, b.col)
		if *b.dst, reason = parseWan(c.value); reason != "" {
			return nil, c, reason
		}
	}
	c := t.get(r, "截止日期")
	deadline, err := patentbridge.ParseDate(c.value)
	if err != nil {
		return nil, c, "截止日期无法识别，请填写如 2026-12-31 的日期"
	}
	d.Deadline = deadline
	if err := d.Validate(now); err != nil {
		col := demandFieldColumn[patentbridge.ErrorField(err)]
		return nil, t.get(r, col), patentbridge.ErrorMessage(err)
	}
	return d, cell{}, ""
}

// parseWan reads an amount in 万元 ("50", "50.5", "1,200", "80万元"), rounded to
// whole 万元; "" is 0.
func parseWan(s string) (int64, string) {
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(strings.TrimSuffix(strings.TrimSuffix(s, "万元"), "万"))
	if s == "" {
		return 0, ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, "预算应为数字（单位：万元）"
	}
	if f < 0 {
		return 0, "预算不能为负数"
	}
	if f > patentbridge.DemandBudgetMax {
		return 0, patentbridge.ErrorMessage(patentbridge.BudgetTooLarge("budget_max"))
	}
	return int64(math.Round(f)), ""
}
