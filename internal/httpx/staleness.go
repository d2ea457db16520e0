package httpx

import (
	"fmt"
	"strconv"
	"time"

	"patentbridge"
)

// IndexLagNote is what the search page and its JSON say while the index is
// behind the database (patentbridge.IndexStatus.Behind): "索引更新中（14,000/45,000）",
// the patents indexed of those stored; "" when it is current.
func IndexLagNote(st patentbridge.IndexStatus) string {
	if !st.Behind() {
		return ""
	}
	if st.Docs+st.Skipped < st.Patents {
		return fmt.Sprintf("索引更新中（%s/%s），新导入的专利可能暂时检索不到", Thousands(st.Docs), Thousands(st.Patents))
	}
	return "索引更新中：新近更新的专利尚未全部反映在检索结果中"
}

// RunLagNote is what the sleeping list and its JSON say when n patents were
// imported or changed after the run the list shows: "筛查结果基于 2026-11-27 批次，
// 之后新增或更新 12 件专利，将在下次筛查后计入"; "" when n is 0.
func RunLagNote(asOf time.Time, n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("筛查结果基于 %s 批次，之后新增或更新 %s 件专利，将在下次筛查后计入",
		patentbridge.FormatDate(asOf), Thousands(n))
}

// Thousands writes n with thousands separators (45,000).
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
