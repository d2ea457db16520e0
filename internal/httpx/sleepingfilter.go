package httpx

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"patentbridge"
)

// Flags lists CNIPA's five high-value flags in display order.
var Flags = []string{patentbridge.FlagSEI, patentbridge.FlagOverseas, patentbridge.FlagMaintained, patentbridge.FlagPledge, patentbridge.FlagAward}

var seiCode = regexp.MustCompile(`^\d{1,2}(\.\d{1,2})?$`)

// ParseSleepingFilter reads a sleeping-patent filter from query parameters
// (institution, city, grade, system, industry, sei, ipc, kind, grant_year, flag,
// excluded, run_id, limit, offset). An industry without a system takes the one
// system that has it. A bad value returns EINVALID naming the parameter in Field.
func ParseSleepingFilter(q url.Values) (patentbridge.SleepingFilter, error) {
	f := patentbridge.SleepingFilter{Limit: DefaultLimit}
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	f.Institution = patentbridge.NormalizeOrgName(get("institution"))
	var err error
	if f.City, err = patentbridge.ParseCityFilter(get("city")); err != nil {
		return f, err
	}
	if v := strings.ToUpper(get("grade")); v != "" {
		if !slices.Contains(patentbridge.Grades, v) {
			return f, patentbridge.FieldErrorf("grade", "等级 %q 无效：应为 A、B、C 或 D", get("grade"))
		}
		f.Grade = v
	}
	if err := parseIndustry(&f, get("system"), get("industry")); err != nil {
		return f, err
	}
	if v := get("sei"); v != "" {
		if !seiCode.MatchString(v) {
			return f, patentbridge.FieldErrorf("sei", "战略性新兴产业代码 %q 无效：应如 5 或 5.2", v)
		}
		f.SEI = v
	}
	if v := get("ipc"); v != "" {
		p, err := NormalizeIPCPrefix(v)
		if err != nil {
			return f, err
		}
		f.IPCPrefix = p
	}
	if v := get("kind"); v != "" {
		k, ok := patentbridge.ParseKind(v)
		if !ok {
			return f, patentbridge.FieldErrorf("kind", "专利类型 %q 无法识别", v)
		}
		f.Kind = k
	}
	if v := get("flag"); v != "" {
		if !slices.Contains(Flags, v) {
			return f, patentbridge.FieldErrorf("flag", "高价值标志 %q 无法识别（可选 %s）", v, strings.Join(Flags, "、"))
		}
		f.Flag = v
	}
	switch v := strings.ToLower(get("excluded")); v {
	case "", "0", "false", "no", "off":
	case "1", "true", "yes", "on":
		f.Excluded = true
	default:
		return f, patentbridge.FieldErrorf("excluded", "参数 excluded 的值 %q 无效：应为 true 或 false", get("excluded"))
	}
	if f.GrantYear, err = intParam(q, "grant_year", "授权年份", 0, 1985, 2100); err != nil {
		return f, err
	}
	if v := get("run_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, patentbridge.FieldErrorf("run_id", "筛查批次编号 %q 无效：应为正整数", v)
		}
		f.RunID = id
	}
	if f.Limit, err = intParam(q, "limit", "每页条数", DefaultLimit, 1, MaxLimit); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q, "offset", "偏移量", 0, 0, 1<<30); err != nil {
		return f, err
	}
	return f, nil
}

// parseIndustry checks the system and the industry's membership in it.
func parseIndustry(f *patentbridge.SleepingFilter, system, industry string) error {
	if system != "" && !slices.Contains(patentbridge.Systems, system) {
		return patentbridge.FieldErrorf("system", "未知的产业体系 %q（可选：%s）", patentbridge.ClipValue(system), patentbridge.SystemChoices())
	}
	if industry == "" {
		f.System = system
		return nil
	}
	if system == "" {
		var in []string
		for _, s := range patentbridge.Systems {
			if slices.Contains(patentbridge.Industries(s), industry) {
				in = append(in, s)
			}
		}
		switch len(in) {
		case 0:
			return patentbridge.FieldErrorf("industry", "产业 %q 不属于任何产业体系", industry)
		case 1:
			system = in[0]
		default:
			return patentbridge.FieldErrorf("system", "产业 %q 属于多个产业体系，请同时选择产业体系", industry)
		}
	}
	if !slices.Contains(patentbridge.Industries(system), industry) {
		return patentbridge.FieldErrorf("industry", "产业 %q 不属于%s", industry, patentbridge.SystemLabel(system))
	}
	f.System, f.Industry = system, industry
	return nil
}
