package ingest

import (
	"context"
	"time"

	"patentbridge"
)

// OutletCreator is the part of the outlet service an outlet or technology
// manager import stores through.
type OutletCreator interface {
	// CreateOutlet stores an agency or outlet; one of the same name open in the city (or closed since its same opening day) is ECONFLICT with o.ID set.
	CreateOutlet(ctx context.Context, o *patentbridge.ServiceOutlet) error
	// CloseOutlet records the day an agency or outlet closed, once.
	CloseOutlet(ctx context.Context, id int64, day time.Time) (*patentbridge.ServiceOutlet, error)
	// FindOutlet returns an agency or outlet.
	FindOutlet(ctx context.Context, id int64) (*patentbridge.ServiceOutlet, error)
	// CreateTechManager registers a technology manager; the same one again is ECONFLICT with m.ID set.
	CreateTechManager(ctx context.Context, m *patentbridge.TechManager) error
}

// cityColumn is the synonyms of a 市(州) column.
var cityColumn = []string{"所在市(州)", "所在市（州）", "市(州)代码", "市州代码", "地区代码"}

// OutletColumns are the columns of a service agency and outlet file
// (服务机构与网点登记表), in order, with the header names that feed each; the
// web's template downloads are made from this list.
var OutletColumns = []TemplateColumn{
	{"名称", []string{"名称", "机构名称", "网点名称", "服务机构名称"}, "成都高新区知识产权运营服务网点", true},
	{"类型", []string{"类型", "类型(服务机构/网点)", "类型（服务机构/网点）", "机构类型"}, "网点", true},
	{"依托单位", []string{"依托单位", "所属单位", "运营单位"}, "四川省知识产权服务促进中心", false},
	{"所在市(州)", cityColumn, "5101", false},
	{"设立日期", []string{"设立日期", "成立日期", "开设日期"}, "2026-03-01", true},
	{"撤销日期", []string{"撤销日期", "关闭日期"}, "", false},
}

var outletLimits = map[string]int{
	"名称": patentbridge.MaxName, "类型": patentbridge.MaxName, "依托单位": patentbridge.MaxName, "所在市(州)": patentbridge.MaxName,
	"设立日期": patentbridge.MaxName, "撤销日期": patentbridge.MaxName,
}

// ImportOutlets imports service agency and outlet files (服务机构与网点登记表):
// 名称, 类型 (服务机构 or 网点), 依托单位, 所在市(州) (a 4-digit code, or a
// 6-digit one cut to its city; the organization's city when empty), 设立日期
// and 撤销日期. One of the same name open in the city, or the same one closed
// since, counts unchanged, so a file imported again adds nothing, or updated
// when the row gives the 撤销日期 of one still open (recorded then); a
// 撤销日期 other than the one stored is refused in 撤销日期. A refused row is
// reported with its file, line, column and reason.
func ImportOutlets(ctx context.Context, store OutletCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.ServiceOutlet]{what: "服务机构与网点登记表", columns: tableColumns(OutletColumns),
		required: requiredColumns(OutletColumns), limits: outletLimits, convert: convertOutlet,
		store: func(ctx context.Context, o *patentbridge.ServiceOutlet) (Stored, error) {
			got, err := mergedOnConflict(store.CreateOutlet(ctx, o), o.ID)
			if got != StoredMerged || err != nil || o.ClosedOn.IsZero() {
				return got, err
			}
			stored, err := store.FindOutlet(ctx, o.ID)
			if err != nil {
				return got, err
			}
			if _, err := store.CloseOutlet(ctx, o.ID, o.ClosedOn); err != nil || !stored.ClosedOn.IsZero() {
				return got, err
			}
			return StoredUpdated, nil
		},
	}.run(ctx, paths, opt)
}

// convertOutlet turns one row into an agency or outlet, or lists its problems.
func convertOutlet(t *table, r row) (*patentbridge.ServiceOutlet, []problem) {
	var probs []problem
	o := &patentbridge.ServiceOutlet{Name: t.get(r, "名称").value, OrgName: t.get(r, "依托单位").value, City: rowCity(t, r, "所在市(州)")}
	kind := t.get(r, "类型")
	var ok bool
	if o.Kind, ok = patentbridge.ParseOutletKind(kind.value); !ok {
		o.Kind = patentbridge.OutletKind(kind.value) // the service names it
	}
	o.OpenedOn = rowDate(t, r, "设立日期", &probs)
	o.ClosedOn = rowDate(t, r, "撤销日期", &probs)
	return o, probs
}

// rowCity returns a row's 市(州) code as written: the record's Validate reads
// it (patentbridge.ParseSichuanCity: 4 or 6 digits, one of Sichuan's 市(州)),
// so a refused code is reported as the user typed it.
func rowCity(t *table, r row, col string) string {
	return t.get(r, col).value
}

// rowDate reads a date column of a row, zero when empty; a malformed one is a problem.
func rowDate(t *table, r row, col string, probs *[]problem) time.Time {
	cl := t.get(r, col)
	v, err := patentbridge.ParseDate(cl.value)
	if err != nil {
		*probs = append(*probs, problem{column: cl.column, value: cl.value, reason: col + "无效（应为 2025-03-05、2025/3/5、20250305 等）"})
	}
	return v
}

// TechManagerColumns are the columns of a technology manager file
// (技术经理人名册), in order, with the header names that feed each; the web's
// template downloads are made from this list.
var TechManagerColumns = []TemplateColumn{
	{"姓名", []string{"姓名", "技术经理人", "技术经理人姓名"}, "张伟", true},
	{"所属机构", []string{"所属机构", "工作单位", "单位", "依托单位"}, "四川省知识产权服务促进中心", false},
	{"所在市(州)", cityColumn, "5101", false},
	{"登记日期", []string{"登记日期", "备案日期", "认定日期"}, "2026-02-10", true},
}

var managerLimits = map[string]int{
	"姓名": patentbridge.PersonNameMax, "所属机构": patentbridge.MaxName, "所在市(州)": patentbridge.MaxName, "登记日期": patentbridge.MaxName,
}

// ImportTechManagers imports technology manager files (技术经理人名册): 姓名,
// 所属机构, 所在市(州) (the organization's city when empty) and 登记日期. One
// of the same name, organization and city counts unchanged; a refused row is
// reported with its file, line, column and reason.
func ImportTechManagers(ctx context.Context, store OutletCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.TechManager]{what: "技术经理人名册", columns: tableColumns(TechManagerColumns),
		required: requiredColumns(TechManagerColumns), limits: managerLimits,
		convert: func(t *table, r row) (*patentbridge.TechManager, []problem) {
			var probs []problem
			m := &patentbridge.TechManager{Name: t.get(r, "姓名").value, OrgName: t.get(r, "所属机构").value, City: rowCity(t, r, "所在市(州)")}
			m.RegisteredOn = rowDate(t, r, "登记日期", &probs)
			return m, probs
		},
		store: func(ctx context.Context, m *patentbridge.TechManager) (Stored, error) {
			return mergedOnConflict(store.CreateTechManager(ctx, m), m.ID)
		},
	}.run(ctx, paths, opt)
}
