package ingest

import (
	"context"
	"strconv"
	"strings"

	"patentbridge"
)

// FilingStore is the part of the filing service a filing import stores through.
type FilingStore interface {
	// CreateFiling stores a filing; the same product again is ECONFLICT with f.ID set.
	CreateFiling(ctx context.Context, f *patentbridge.ProductFiling) error
	// SetFilingYear sets a year's output and sales of a filing.
	SetFilingYear(ctx context.Context, id int64, y patentbridge.FilingYear) (*patentbridge.ProductFiling, error)
}

// FilingColumns are the columns of a product filing file (专利产品备案表), in
// order, with the header names that feed each; the web's template downloads
// are made from this list.
var FilingColumns = []TemplateColumn{
	{"企业名称", []string{"企业名称", "备案企业", "单位名称"}, "成都芯动科技有限公司", false},
	{"统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码"}, "91350100M000100Y43", false},
	{"产品名称", []string{"产品名称", "专利产品名称", "产品"}, "智能巡检机器人", true},
	{"型号", []string{"型号", "产品型号", "规格型号"}, "XJ-200", false},
	{"申请号", []string{"申请号", "专利申请号", "专利号"}, "2021109876548；2022232206652", true},
	{"专利来源", []string{"专利来源", "来源", "专利获取方式"}, "自有；许可", false},
	{"行业", []string{"行业", "所属行业", "产业领域"}, "高端装备制造", false},
	{"年度", []string{"年度", "年份"}, "2025", false},
	{"产值(万元)", []string{"产值(万元)", "产值（万元）", "年产值(万元)", "年产值（万元）", "产值"}, "1200", false},
	{"销售额(万元)", []string{"销售额(万元)", "销售额（万元）", "年销售额(万元)", "年销售额（万元）", "销售额"}, "980.5", false},
	{"备案日期", []string{"备案日期", "备案时间"}, "2026-03-05", true},
}

// filingLimits are the most characters each column may hold.
var filingLimits = map[string]int{
	"企业名称": patentbridge.MaxName, "统一社会信用代码": patentbridge.MaxName, "产品名称": patentbridge.MaxName, "型号": patentbridge.MaxName,
	"申请号": patentbridge.MaxField, "专利来源": patentbridge.MaxField, "行业": patentbridge.MaxName, "年度": patentbridge.MaxName,
	"产值(万元)": patentbridge.MaxName, "销售额(万元)": patentbridge.MaxName, "备案日期": patentbridge.MaxName,
}

// ImportFilings imports product filing files (专利产品备案表; XLSX, or CSV/TSV
// in UTF-8, GBK or GB18030): one row a product with 企业名称 and/or
// 统一社会信用代码 (of an enterprise in the registry), 产品名称, 型号, 申请号
// (several separated by ；/;/、), 专利来源 (自有/许可/受让, one for all or one
// per patent), 行业, 年度 with 产值(万元) and 销售额(万元), and 备案日期. A row of a
// product already filed (same enterprise, name and model) updates that
// filing's year instead, if it gives one (counted unchanged), so a file can
// be imported again safely. Every row is stored through the
// service, validated, scoped and audited; a refused row is reported to
// opt.Rejects with its file, line, column and reason. A file without 产品名称,
// 申请号 and 备案日期 columns fails the call before anything is written.
func ImportFilings(ctx context.Context, store FilingStore, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.ProductFiling]{what: "专利产品备案表", columns: tableColumns(FilingColumns),
		required: requiredColumns(FilingColumns), limits: filingLimits, convert: convertFiling,
		store: func(ctx context.Context, f *patentbridge.ProductFiling) (Stored, error) {
			err := store.CreateFiling(ctx, f)
			if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || f.ID == 0 {
				return StoredNew, err
			}
			for _, y := range f.Years {
				if _, err := store.SetFilingYear(ctx, f.ID, y); err != nil {
					return StoredNew, err
				}
			}
			return StoredMerged, nil
		},
	}.run(ctx, paths, opt)
}

// convertFiling turns one row into a filing, or lists its problems.
func convertFiling(t *table, r row) (*patentbridge.ProductFiling, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	f := &patentbridge.ProductFiling{OrgName: t.get(r, "企业名称").value, CreditCode: t.get(r, "统一社会信用代码").value,
		Product: t.get(r, "产品名称").value, Model: t.get(r, "型号").value, Industry: t.get(r, "行业").value}
	nos, srcCell := t.get(r, "申请号"), t.get(r, "专利来源")
	apps, srcs := splitCell(nos.value), splitCell(srcCell.value)
	if len(srcs) > 1 && len(srcs) != len(apps) {
		bad(srcCell, "专利来源应填写一个（适用于全部专利）或与申请号一一对应")
	}
	for i, no := range apps {
		s := ""
		switch {
		case len(srcs) == 1:
			s = srcs[0]
		case i < len(srcs):
			s = srcs[i]
		}
		src, ok := patentbridge.ParsePatentSource(s)
		if !ok {
			bad(srcCell, "专利来源应为自有、许可或受让")
			break
		}
		f.Patents = append(f.Patents, patentbridge.FiledPatent{AppNo: no, Source: src})
	}
	day := t.get(r, "备案日期")
	var err error
	if f.FiledOn, err = patentbridge.ParseDate(day.value); err != nil {
		bad(day, "备案日期无效（应为 2025-03-05、2025/3/5、20250305 等）")
	}
	yearCell, out, sales := t.get(r, "年度"), t.get(r, "产值(万元)"), t.get(r, "销售额(万元)")
	var y patentbridge.FilingYear
	var reason string
	if y.OutputFen, reason = parseWanFen(out.value); reason != "" {
		bad(out, "产值"+reason)
	}
	if y.SalesFen, reason = parseWanFen(sales.value); reason != "" {
		bad(sales, "销售额"+reason)
	}
	switch v := strings.TrimSuffix(yearCell.value, "年"); {
	case v != "":
		if y.Year, err = strconv.Atoi(v); err != nil {
			bad(yearCell, "年度应为四位年份，如 2025")
		}
		f.Years = []patentbridge.FilingYear{y}
	case out.value != "" || sales.value != "":
		bad(yearCell, "填写了产值或销售额，请填写其年度")
	}
	return f, probs
}

// splitCell splits a multi-valued cell on ；;、,， and line breaks.
func splitCell(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(";；、,，\n\r", r) }) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseWanFen reads an amount in 万元 exactly in fen, as every programme
// file does (WanToFen), capped at patentbridge.FilingAmountMaxFen. The reason
// is "" or what is wrong, to follow the column's name.
func parseWanFen(s string) (int64, string) {
	fen, reason := WanToFen(s)
	if reason == "" && fen > patentbridge.FilingAmountMaxFen {
		return 0, "超过上限（" + patentbridge.FormatFen(patentbridge.FilingAmountMaxFen) + "）"
	}
	return fen, reason
}
