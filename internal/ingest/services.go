package ingest

import (
	"context"
	"time"

	"patentbridge"
)

// ServiceRecorder is the part of the commissioner service a service import stores through.
type ServiceRecorder interface {
	// RecordService stores a service record; the same service again is ECONFLICT with r.ID set.
	RecordService(ctx context.Context, r *patentbridge.ServiceRecord) error
}

// CommissionerCreator is the part of the commissioner service a commissioner import stores through.
type CommissionerCreator interface {
	// CreateCommissioner registers a commissioner; the same one again is ECONFLICT with c.ID set.
	CreateCommissioner(ctx context.Context, c *patentbridge.Commissioner) error
	// LeaveCommissioner records the day a commissioner left, once.
	LeaveCommissioner(ctx context.Context, id int64, day time.Time) (*patentbridge.Commissioner, error)
	// FindCommissioner returns a commissioner.
	FindCommissioner(ctx context.Context, id int64) (*patentbridge.Commissioner, error)
}

// ServiceColumns are the columns of a service record file (专员服务记录表), in
// order, with the header names that feed each; the web's template downloads
// are made from this list.
var ServiceColumns = []TemplateColumn{
	{"专员姓名", []string{"专员姓名", "知识产权专员", "专员"}, "李明", true},
	{"专员所属机构", []string{"专员所属机构", "专员单位"}, "成都知识产权服务中心", false},
	{"服务企业", []string{"服务企业", "企业名称", "服务对象"}, "成都芯动科技有限公司", false},
	{"统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码"}, "91350100M000100Y43", false},
	{"服务日期", []string{"服务日期", "服务时间", "日期"}, "2026-05-12", true},
	{"服务类型", []string{"服务类型", "服务内容类型"}, "价值评估", true},
	{"服务成效", []string{"服务成效", "服务成果", "成效"}, "完成 3 件专利的价值评估报告", false},
}

var serviceLimits = map[string]int{
	"专员姓名": patentbridge.PersonNameMax, "专员所属机构": patentbridge.MaxName, "服务企业": patentbridge.MaxName,
	"统一社会信用代码": patentbridge.MaxName, "服务日期": patentbridge.MaxName, "服务类型": patentbridge.MaxName,
	"服务成效": patentbridge.ServiceOutcomeMax,
}

// ImportServices imports commissioners' service record files (专员服务记录表):
// one row a service with 专员姓名 (and 专员所属机构 when two share a name),
// 服务企业 and/or 统一社会信用代码, 服务日期, 服务类型 (信息披露, 价值评估,
// 专利申请与维护, 转化运用 or 对接谈判) and 服务成效. A service already recorded
// counts unchanged; a refused row is reported with its file, line, column and
// reason. A file without 专员姓名, 服务日期 and 服务类型 columns fails the call
// before anything is written.
func ImportServices(ctx context.Context, store ServiceRecorder, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.ServiceRecord]{what: "专员服务记录表", columns: tableColumns(ServiceColumns),
		required: requiredColumns(ServiceColumns), limits: serviceLimits, convert: convertService,
		store: func(ctx context.Context, r *patentbridge.ServiceRecord) (Stored, error) {
			return mergedOnConflict(store.RecordService(ctx, r), r.ID)
		},
	}.run(ctx, paths, opt)
}

// mergedOnConflict reads a refusal of a record already stored (ECONFLICT
// naming it by id) as the row merged into it.
func mergedOnConflict(err error, id int64) (Stored, error) {
	if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT && id != 0 {
		return StoredMerged, nil
	}
	return StoredNew, err
}

// convertService turns one row into a service record, or lists its problems.
func convertService(t *table, r row) (*patentbridge.ServiceRecord, []problem) {
	var probs []problem
	x := &patentbridge.ServiceRecord{CommissionerName: t.get(r, "专员姓名").value, CommissionerOrg: t.get(r, "专员所属机构").value,
		OrgName: t.get(r, "服务企业").value, CreditCode: t.get(r, "统一社会信用代码").value, Outcome: t.get(r, "服务成效").value}
	day := t.get(r, "服务日期")
	var err error
	if x.ServedOn, err = patentbridge.ParseDate(day.value); err != nil {
		probs = append(probs, problem{column: day.column, value: day.value, reason: "服务日期无效（应为 2025-03-05、2025/3/5、20250305 等）"})
	}
	typ := t.get(r, "服务类型")
	var ok bool
	if x.Type, ok = patentbridge.ParseServiceType(typ.value); !ok {
		x.Type = patentbridge.ServiceType(typ.value) // the service names it
	}
	return x, probs
}

// CommissionerColumns are the columns of a commissioner file (知识产权专员名册),
// in order, with the header names that feed each; the web's template
// downloads are made from this list.
var CommissionerColumns = []TemplateColumn{
	{"专员姓名", []string{"专员姓名", "姓名"}, "李明", true},
	{"所属机构", []string{"所属机构", "工作单位", "单位"}, "成都知识产权服务中心", false},
	{"所在市(州)", []string{"所在市(州)", "所在市（州）", "市(州)代码", "市州代码", "地区代码"}, "5101", false},
	{"登记日期", []string{"登记日期", "聘任日期", "备案日期"}, "2026-01-15", true},
	{"离任日期", []string{"离任日期", "解聘日期"}, "", false},
}

var commissionerLimits = map[string]int{
	"专员姓名": patentbridge.PersonNameMax, "所属机构": patentbridge.MaxName, "所在市(州)": patentbridge.MaxName,
	"登记日期": patentbridge.MaxName, "离任日期": patentbridge.MaxName,
}

// ImportCommissioners imports commissioner files (知识产权专员名册): 专员姓名,
// 所属机构, 所在市(州) (a 4-digit code, or a 6-digit one cut to its city; the
// organization's city when empty), 登记日期 and 离任日期. A commissioner already
// registered counts unchanged, or updated when the row gives the 离任日期 of
// one still serving (recorded then); a 离任日期 other than the one stored, or
// before the commissioner's latest service, is refused in 离任日期. A refused
// row is reported with its file, line, column and reason.
func ImportCommissioners(ctx context.Context, store CommissionerCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.Commissioner]{what: "知识产权专员名册", columns: tableColumns(CommissionerColumns),
		required: requiredColumns(CommissionerColumns), limits: commissionerLimits, convert: convertCommissioner,
		store: func(ctx context.Context, c *patentbridge.Commissioner) (Stored, error) {
			got, err := mergedOnConflict(store.CreateCommissioner(ctx, c), c.ID)
			if got != StoredMerged || err != nil || c.LeftOn.IsZero() {
				return got, err
			}
			stored, err := store.FindCommissioner(ctx, c.ID)
			if err != nil {
				return got, err
			}
			if _, err := store.LeaveCommissioner(ctx, c.ID, c.LeftOn); err != nil || !stored.LeftOn.IsZero() {
				return got, err
			}
			return StoredUpdated, nil
		},
	}.run(ctx, paths, opt)
}

// convertCommissioner turns one row into a commissioner, or lists its problems.
func convertCommissioner(t *table, r row) (*patentbridge.Commissioner, []problem) {
	var probs []problem
	c := &patentbridge.Commissioner{Name: t.get(r, "专员姓名").value, OrgName: t.get(r, "所属机构").value, City: rowCity(t, r, "所在市(州)")}
	date := func(col string) time.Time {
		cl := t.get(r, col)
		v, err := patentbridge.ParseDate(cl.value)
		if err != nil {
			probs = append(probs, problem{column: cl.column, value: cl.value, reason: col + "无效（应为 2025-03-05、2025/3/5、20250305 等）"})
		}
		return v
	}
	c.RegisteredOn, c.LeftOn = date("登记日期"), date("离任日期")
	return c, probs
}
