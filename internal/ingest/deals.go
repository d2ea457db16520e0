package ingest

import (
	"context"
	"strings"

	"patentbridge"
)

// DealRecorder is the part of the deal service a deal file is stored through.
type DealRecorder interface {
	// RecordDeal stores a new deal or merges it into the one already stored.
	RecordDeal(ctx context.Context, d *patentbridge.Deal, src patentbridge.DealSource) (bool, error)
}

// DealColumns are the columns of the deal (转移转化) template, in order, with
// the header names that feed each. The web's template downloads are made from
// this list.
var DealColumns = []TemplateColumn{
	{"申请号", []string{"申请号", "专利申请号", "专利号"}, "2021109876548", true},
	{"交易类型", []string{"交易类型", "转化方式", "转移转化类型", "交易方式"}, "独占许可", true},
	{"让与方", []string{"让与方", "让与人", "转让方", "转让人", "许可方", "许可人", "出让方"}, "四川大学", true},
	{"让与方类型", []string{"让与方类型", "让与人类型", "转让方类型", "许可方类型"}, "大专院校", false},
	{"受让方", []string{"受让方", "受让人", "被许可方", "被许可人"}, "成都芯动科技有限公司", true},
	{"受让方统一社会信用代码", []string{"受让方统一社会信用代码", "受让方信用代码", "统一社会信用代码"}, "91350100M000100Y43", false},
	{"受让方类型", []string{"受让方类型", "受让人类型", "被许可方类型"}, "企业", false},
	{"受让方是否中小微企业", []string{"受让方是否中小微企业", "是否中小微企业", "受让方是否中小企业"}, "是", false},
	{"受让方地区代码", []string{"受让方地区代码", "地区代码", "受让方行政区划代码"}, "510107", false},
	{"金额(万元)", []string{"金额(万元)", "金额（万元）", "交易金额(万元)", "合同金额(万元)", "金额"}, "20", false},
	{"合同日期", []string{"合同日期", "签订日期", "合同签订日期", "交易日期"}, "2026-06-30", true},
	{"备案号", []string{"备案号", "合同备案号", "登记号"}, "2026510000123", false},
}

// dealLimits are the most characters each column may hold.
var dealLimits = map[string]int{
	"申请号": 32, "交易类型": 16, "让与方": patentbridge.DealNameMax, "让与方类型": 16, "受让方": patentbridge.DealNameMax,
	"受让方统一社会信用代码": 32, "受让方类型": 16, "受让方是否中小微企业": 8, "受让方地区代码": 16, "金额(万元)": 32, "合同日期": 32,
	"备案号": patentbridge.DealRecordationMax,
}

// dealRow is one row of a deal file: the deal and the file line it came from.
type dealRow struct {
	deal *patentbridge.Deal
	src  patentbridge.DealSource
}

// ImportDeals imports deal (转移转化) files (XLSX, or CSV/TSV in UTF-8, GBK or
// GB18030) with the columns of DealColumns, storing each row through
// store.RecordDeal (source "import", with the file and line): a new deal
// counts as Inserted, a row of a deal already stored (the same patent, kind,
// parties and date or recordation number — a deal typed on the form, a
// platform licence, an earlier file) as Unchanged, its file line becoming
// another source of it. A blank party type is read from the party's name
// (ClassifyParty); a blank SME flag or region code is left to the registry.
// A row refused (invalid value, another city's deal for a city user) is
// reported to opt.Rejects with file, line, column and reason; a file without
// the required columns fails the call with EINVALID before anything is
// written.
func ImportDeals(ctx context.Context, store DealRecorder, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[dealRow]{what: "转移转化（交易）记录表", columns: tableColumns(DealColumns), required: requiredColumns(DealColumns),
		limits: dealLimits, convert: convertDeal,
		store: func(ctx context.Context, r dealRow) (Stored, error) {
			merged, err := store.RecordDeal(ctx, r.deal, r.src)
			if merged {
				return StoredMerged, err
			}
			return StoredNew, err
		},
	}.run(ctx, paths, opt)
}

// convertDeal turns one row into a deal, or lists its problems; the service
// validates the rest (Deal.Validate names the same columns).
func convertDeal(t *table, r row) (dealRow, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	d := &patentbridge.Deal{
		AppNo:         t.get(r, "申请号").value,
		FromName:      t.get(r, "让与方").value,
		ToName:        t.get(r, "受让方").value,
		ToCreditCode:  t.get(r, "受让方统一社会信用代码").value,
		ToRegionCode:  t.get(r, "受让方地区代码").value,
		RecordationNo: t.get(r, "备案号").value,
		Source:        patentbridge.DealFromImport,
	}
	kind := t.get(r, "交易类型")
	if k, ok := patentbridge.ParseDealKind(kind.value); ok {
		d.Kind = k
	} else if kind.value == "" {
		bad(kind, "请填写交易类型")
	} else {
		bad(kind, "交易类型应为转让、独占许可、排他许可、普通许可、开放许可或作价入股")
	}
	d.FromType = dealPartyType(t.get(r, "让与方类型"), d.FromName, bad)
	d.ToType = dealPartyType(t.get(r, "受让方类型"), d.ToName, bad)
	sme := t.get(r, "受让方是否中小微企业")
	if sme.value != "" {
		if v, ok := parseYesNo(sme.value); ok {
			d.ToSME = &v
		} else {
			bad(sme, "受让方是否中小微企业应填写“是”或“否”，不知道可留空（以单位名录为准）")
		}
	}
	amount := t.get(r, "金额(万元)")
	if fen, err := patentbridge.ParseWan(amount.column, amount.value); err != nil {
		bad(amount, patentbridge.ErrorMessage(err))
	} else {
		d.AmountFen = fen
	}
	day := t.get(r, "合同日期")
	if v, err := patentbridge.ParseDate(day.value); err != nil {
		bad(day, patentbridge.ErrorMessage(err))
	} else {
		d.ContractDate = v
	}
	return dealRow{deal: d, src: patentbridge.DealSource{Source: patentbridge.DealFromImport, File: t.file, Line: r.line}}, probs
}

// dealPartyType reads a party type column; blank, it is read from the name.
func dealPartyType(c cell, name string, bad func(cell, string)) patentbridge.PartyType {
	if c.value == "" {
		return patentbridge.ClassifyParty(name, "")
	}
	if pt, ok := patentbridge.ParsePartyTypeLabel(c.value); ok {
		return pt
	}
	bad(c, strings.TrimSuffix(c.column, "类型")+"类型应为大专院校、科研单位、国有企业、企业或个人")
	return ""
}
