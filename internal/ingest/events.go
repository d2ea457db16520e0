package ingest

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

// EventRecorder is the part of the event service an event file is stored through.
type EventRecorder interface {
	// RecordEventProject stores one row's event and project (patentbridge.EventService).
	RecordEventProject(ctx context.Context, e *patentbridge.Event) (patentbridge.EventRecorded, error)
}

// EventColumns are the columns of an event file (对接活动登记表), one row per
// project presented: the importer's and the downloadable template's.
var EventColumns = []TemplateColumn{
	{"活动名称", []string{"活动名称", "活动标题", "名称"}, "四川大学专利成果进园区", true},
	{"活动类型", []string{"活动类型", "类型", "活动形式"}, "入园惠企", true},
	{"地区代码", []string{"地区代码", "行政区划代码", "市（州）代码", "市(州)代码"}, "5101", true},
	{"活动日期", []string{"活动日期", "举办日期", "日期"}, "2026-05-12", true},
	{"主办单位", []string{"主办单位", "组织单位", "承办单位"}, "四川大学", true},
	{"参与人数", []string{"参与人数", "参会人数", "人数"}, "120", false},
	{"项目名称", []string{"项目名称", "路演项目", "项目"}, "锂电池正极材料制备方法", true},
	{"申请号", []string{"申请号", "专利申请号", "专利号"}, "202110123456.7", false},
	{"项目单位", []string{"项目单位", "项目所属单位", "路演单位"}, "四川大学", false},
}

var eventLimits = map[string]int{
	"活动名称": patentbridge.ProgrammeTitleMax, "活动类型": patentbridge.MaxName, "地区代码": patentbridge.MaxName,
	"活动日期": patentbridge.MaxName, "主办单位": patentbridge.MaxName, "参与人数": patentbridge.MaxName,
	"项目名称": patentbridge.MaxTitle, "申请号": patentbridge.MaxName, "项目单位": patentbridge.MaxName,
}

// ImportEvents imports event files (XLSX, or CSV in UTF-8 or GBK) with one
// row per project presented: 活动名称, 活动类型 (路演, 对接会, 入园惠企,
// 高校专利展示), 地区代码 (a Sichuan 市(州), 4 or 6 digits), 活动日期, 主办单位, 参与人数,
// 项目名称, 申请号 (optional) and 项目单位, stored row by row through the
// event service. Rows with the same 活动名称 and 活动日期 are one event, in
// this file or already stored: the first creates it, each further row adds
// its project to it, and a row whose project the event has already (the
// same 申请号, else the same 项目名称) adds nothing and counts as unchanged,
// so re-importing a file is harmless. A row whose 活动类型, 地区代码 or
// 主办单位 (or 参与人数, when given) differ from the stored event's is
// rejected naming the column, as are rows the service refuses; rejects go to
// opt.Rejects (文件,行,列,值,原因).
func ImportEvents(ctx context.Context, events EventRecorder, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.Event]{what: "对接活动登记表", columns: tableColumns(EventColumns),
		required: requiredColumns(EventColumns), limits: eventLimits,
		convert: convertEvent,
		store: func(ctx context.Context, e *patentbridge.Event) (Stored, error) {
			got, err := events.RecordEventProject(ctx, e)
			if got == patentbridge.EventProjectKnown {
				return StoredMerged, err
			}
			return StoredNew, err
		},
	}.run(ctx, paths, opt)
}

// convertEvent turns one row into an event with its one project, or lists its problems.
func convertEvent(t *table, r row) (*patentbridge.Event, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	e := &patentbridge.Event{Title: t.get(r, "活动名称").value, City: t.get(r, "地区代码").value, Organizer: t.get(r, "主办单位").value,
		Projects: []*patentbridge.EventProject{{Title: t.get(r, "项目名称").value, AppNo: t.get(r, "申请号").value, OrgName: t.get(r, "项目单位").value}}}
	kind := t.get(r, "活动类型")
	var ok bool
	if e.Kind, ok = patentbridge.ParseEventKind(kind.value); !ok {
		bad(kind, "活动类型应为路演、对接会、入园惠企或高校专利展示")
	}
	held := t.get(r, "活动日期")
	var err error
	if e.HeldOn, err = patentbridge.ParseDate(held.value); err != nil {
		bad(held, "活动日期无法识别（应为 2026-05-12 等日期）")
	}
	if n := t.get(r, "参与人数"); n.value != "" {
		if e.Participants, err = strconv.Atoi(strings.TrimSuffix(n.value, "人")); err != nil || e.Participants < 0 {
			bad(n, "参与人数应为非负整数")
		}
	}
	return e, probs
}

// CaseCreator is the part of the case service a case file is stored through.
type CaseCreator interface {
	// CreateCase stores one typical case (patentbridge.CaseService); the same
	// case again is ECONFLICT with c.ID set.
	CreateCase(ctx context.Context, c *patentbridge.TypicalCase) error
}

// CaseColumns are the columns of a typical-case file (典型案例表): the
// importer's and the downloadable template's.
var CaseColumns = []TemplateColumn{
	{"标题", []string{"标题", "案例标题", "案例名称"}, "锂电池正极材料专利转让助力企业投产", true},
	{"正文", []string{"正文", "案例正文", "内容", "案例内容"}, "四川大学将锂电池正极材料专利转让给成都某科技有限公司……", true},
	{"地区代码", []string{"地区代码", "行政区划代码", "市（州）代码", "市(州)代码"}, "5101", true},
	{"发布日期", []string{"发布日期", "日期"}, "2026-06-30", true},
	{"关联交易编号", []string{"关联交易编号", "交易编号"}, "12；15", false},
}

var caseLimits = map[string]int{
	"标题": patentbridge.ProgrammeTitleMax, "正文": patentbridge.CaseBodyMax, "地区代码": patentbridge.MaxName,
	"发布日期": patentbridge.MaxName, "关联交易编号": patentbridge.MaxField,
}

// ImportCases imports typical-case files with the columns 标题, 正文, 地区代码,
// 发布日期 and 关联交易编号 (ids of stored deals, separated by ；, ; or 、),
// each row one case stored through the case service: a deal id that is not
// stored, or (for a city user) not of its city, rejects the row naming
// 关联交易编号; a case already stored (the same 标题 and 发布日期) counts
// unchanged when the row gives its 正文, 地区代码 and 关联交易编号, so
// re-importing a file adds nothing, and is rejected naming the column that
// differs otherwise. Rejects go to opt.Rejects (文件,行,列,值,原因).
func ImportCases(ctx context.Context, cases CaseCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.TypicalCase]{what: "典型案例表", columns: tableColumns(CaseColumns),
		required: requiredColumns(CaseColumns), limits: caseLimits, convert: convertCase,
		store: func(ctx context.Context, c *patentbridge.TypicalCase) (Stored, error) {
			return mergedOnConflict(cases.CreateCase(ctx, c), c.ID)
		},
	}.run(ctx, paths, opt)
}

// convertCase turns one row into a case, or lists its problems.
func convertCase(t *table, r row) (*patentbridge.TypicalCase, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	c := &patentbridge.TypicalCase{Title: t.get(r, "标题").value, Body: t.get(r, "正文").value, City: t.get(r, "地区代码").value}
	published := t.get(r, "发布日期")
	var err error
	if c.PublishedOn, err = patentbridge.ParseDate(published.value); err != nil {
		bad(published, "发布日期无法识别（应为 2026-05-12 等日期）")
	}
	deals := t.get(r, "关联交易编号")
	for _, s := range strings.FieldsFunc(deals.value, func(r rune) bool { return strings.ContainsRune(";；,，、 ", r) }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			bad(deals, "关联交易编号应为交易编号（正整数），多个以分号分隔")
			break
		}
		c.DealIDs = append(c.DealIDs, id)
	}
	if len(c.DealIDs) > patentbridge.CaseDealsMax {
		bad(deals, fmt.Sprintf("一个案例最多关联 %d 笔交易", patentbridge.CaseDealsMax))
	}
	return c, probs
}
