package patentbridge

import "strings"

// LegalStatus is a patent's normalized legal status (法律状态).
type LegalStatus string

// Normalized legal statuses.
const (
	StatusInForce           LegalStatus = "in_force"           // 有权
	StatusPending           LegalStatus = "pending"            // 审中
	StatusLapsedUnpaid      LegalStatus = "lapsed_unpaid"      // 未缴年费终止
	StatusExpired           LegalStatus = "expired"            // 期限届满
	StatusInvalidated       LegalStatus = "invalidated"        // 全部无效
	StatusWithdrawnRejected LegalStatus = "withdrawn_rejected" // 撤回、驳回、放弃
)

// LegalStatuses lists every status in display order.
var LegalStatuses = []LegalStatus{StatusInForce, StatusPending, StatusLapsedUnpaid,
	StatusExpired, StatusInvalidated, StatusWithdrawnRejected}

// Label returns the Chinese name of the status.
func (s LegalStatus) Label() string {
	switch s {
	case StatusInForce:
		return "有效"
	case StatusPending:
		return "审中"
	case StatusLapsedUnpaid:
		return "未缴年费终止"
	case StatusExpired:
		return "期限届满"
	case StatusInvalidated:
		return "被宣告无效"
	case StatusWithdrawnRejected:
		return "撤回/驳回/放弃"
	}
	return string(s)
}

// NormalizeLegalStatus maps an export's legal-status text ("有权-审定授权",
// "无权-未缴年费", "审中-实审", "无权-期限届满", "无权-全部无效", "无权-驳回", …) to a
// LegalStatus; ok is false when the text says nothing recognizable.
func NormalizeLegalStatus(text string) (LegalStatus, bool) {
	t := strings.TrimSpace(text)
	switch {
	case t == "":
		return "", false
	case strings.Contains(t, "年费") || strings.Contains(t, "未缴"):
		return StatusLapsedUnpaid, true
	case strings.Contains(t, "届满"):
		return StatusExpired, true
	case strings.Contains(t, "全部无效") || strings.Contains(t, "宣告无效") || t == "无效":
		return StatusInvalidated, true
	case strings.Contains(t, "驳回") || strings.Contains(t, "撤回") || strings.Contains(t, "放弃") ||
		strings.Contains(t, "视为撤回"):
		return StatusWithdrawnRejected, true
	case strings.HasPrefix(t, "有权") || strings.Contains(t, "授权") || strings.Contains(t, "有效") ||
		strings.Contains(t, "部分无效") || strings.Contains(t, "维持"):
		return StatusInForce, true
	case strings.Contains(t, "审中") || strings.Contains(t, "实审") || strings.Contains(t, "公开") ||
		strings.Contains(t, "实质审查"):
		return StatusPending, true
	case strings.HasPrefix(t, "无权") || strings.Contains(t, "失效") || strings.Contains(t, "终止"):
		return StatusLapsedUnpaid, true
	}
	for _, s := range LegalStatuses {
		if string(s) == t {
			return s, true
		}
	}
	return "", false
}
