package sqldb

import (
	"strconv"

	"patentbridge"
)

// supplyAudit is a supply list as its audit rows record it before and after an
// act: its text, city, state, number and the patents it offers, without the
// frozen bibliographic data of each item.
type supplyAudit struct {
	Title          string            `json:"title"`
	Description    string            `json:"description,omitempty"`
	CityCode       string            `json:"city_code,omitempty"`
	Status         string            `json:"status"`
	Number         string            `json:"number"` // "2026年第3期", or "草稿"
	PublishedAt    string            `json:"published_at,omitempty"`
	WithdrawnAt    string            `json:"withdrawn_at,omitempty"`
	WithdrawReason string            `json:"withdraw_reason,omitempty"`
	Items          []string          `json:"items"`           // application numbers, in the list's order
	Notes          map[string]string `json:"notes,omitempty"` // the operator's remarks by application number
}

// auditSupply returns the audited form of l.
func auditSupply(l *patentbridge.SupplyList) *supplyAudit {
	a := &supplyAudit{Title: l.Title, Description: l.Description, CityCode: l.CityCode, Status: l.Status,
		Number: l.NumberLabel(), PublishedAt: formatTime(l.PublishedAt), WithdrawnAt: formatTime(l.WithdrawnAt),
		WithdrawReason: l.WithdrawReason, Items: make([]string, len(l.Items))}
	for i, it := range l.Items {
		a.Items[i] = it.AppNo
		if it.Note != "" {
			if a.Notes == nil {
				a.Notes = map[string]string{}
			}
			a.Notes[it.AppNo] = it.Note
		}
	}
	return a
}

// supplyObject names a list in the audit log.
func supplyObject(id int64) string { return "supply_list:" + strconv.FormatInt(id, 10) }
