package httpx

import (
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

// FeeText describes fee terms in Chinese, e.g. "净销售额提成 3.5%，每6个月报告并支付".
func FeeText(f patentbridge.FeeTerms) string {
	switch f.Method {
	case patentbridge.FeeFree:
		return "免费"
	case patentbridge.FeeFixed:
		return "固定费用 " + Yuan(f.LumpSumFen) + " 元"
	case patentbridge.FeeSales:
		return fmt.Sprintf("按净销售额提成 %s，每%d个月报告并支付", Percent(f.RateBP), f.ReportMonths)
	case patentbridge.FeeProfit:
		return fmt.Sprintf("按利润提成 %s，每%d个月报告并支付", Percent(f.RateBP), f.ReportMonths)
	case patentbridge.FeeEntryRoyalty:
		base := "净销售额"
		if f.RoyaltyBase == patentbridge.RoyaltyProfit {
			base = "利润"
		}
		return fmt.Sprintf("入门费 %s 元，另按%s提成 %s，每%d个月报告并支付", Yuan(f.EntryFeeFen), base, Percent(f.RateBP), f.ReportMonths)
	case patentbridge.FeeDeferred:
		when := fmt.Sprintf("许可生效后 %d 个月内免付", f.GraceMonths)
		if f.UntilFirstRevenue {
			when = "至首笔销售收入前免付"
		}
		if f.Then == nil {
			return "先使用后付费：" + when
		}
		return "先使用后付费：" + when + "，其后" + FeeText(*f.Then)
	}
	return string(f.Method)
}

// Yuan renders fen as yuan with two decimals when needed: 12345600 → "123456", 150 → "1.50".
func Yuan(fen int64) string {
	s := strconv.FormatInt(fen/100, 10)
	if c := fen % 100; c != 0 {
		s += fmt.Sprintf(".%02d", c)
	}
	return s
}

// Percent renders basis points as a percentage: 350 → "3.5%", 2000 → "20%".
func Percent(bp int) string {
	s := fmt.Sprintf("%d.%02d", bp/100, bp%100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// ParseYuan reads an amount in yuan ("1234.5", "20000000") as fen. Returns EINVALID on field.
func ParseYuan(field, s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || len(whole) > 13 {
		return 0, patentbridge.FieldErrorf(field, "金额 %q 无效：请填写元，最多两位小数", patentbridge.ClipValue(s))
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	frac += strings.Repeat("0", 2-len(frac))
	c, err2 := strconv.ParseInt(frac, 10, 64)
	if err != nil || err2 != nil || c < 0 {
		return 0, patentbridge.FieldErrorf(field, "金额 %q 无效：请填写元，最多两位小数", patentbridge.ClipValue(s))
	}
	if w < 0 {
		return w*100 - c, nil
	}
	return w*100 + c, nil
}

// ParsePercent reads a percentage ("3.5", "20%") as basis points. Returns EINVALID on field.
func ParsePercent(field, s string) (int, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || len(whole) > 5 {
		return 0, patentbridge.FieldErrorf(field, "比例 %q 无效：请填写百分数，最多两位小数（如 3.5 表示 3.5%%）", patentbridge.ClipValue(s))
	}
	w, err := strconv.Atoi(whole)
	frac += strings.Repeat("0", 2-len(frac))
	c, err2 := strconv.Atoi(frac)
	if err != nil || err2 != nil || c < 0 {
		return 0, patentbridge.FieldErrorf(field, "比例 %q 无效：请填写百分数，最多两位小数（如 3.5 表示 3.5%%）", patentbridge.ClipValue(s))
	}
	return w*100 + c, nil
}
