package httpx

import (
	"time"

	"patentbridge"
)

// SupplyListView is the presentation form of a supply list shared by the JSON
// API and the web pages: dates as YYYY-MM-DD, the number as "2026年第3期", the
// status and the city with their Chinese names.
type SupplyListView struct {
	ID             int64     `json:"id"`
	Title          string    `json:"title"`
	Heading        string    `json:"heading"`     // 成都市专利技术供给清单（2026年第3期）
	IssuerName     string    `json:"issuer_name"` // 成都市, or 四川省 for a provincial list
	Description    string    `json:"description,omitempty"`
	CityCode       string    `json:"city_code,omitempty"`
	CityName       string    `json:"city_name,omitempty"`
	Status         string    `json:"status"`
	StatusLabel    string    `json:"status_label"`
	Year           int       `json:"year,omitempty"`
	Number         int       `json:"number,omitempty"`
	NumberLabel    string    `json:"number_label"`
	PublishedAt    string    `json:"published_at,omitempty"`
	WithdrawnAt    string    `json:"withdrawn_at,omitempty"`
	WithdrawReason string    `json:"withdraw_reason,omitempty"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	ItemCount      int       `json:"item_count"`
	// LedgerIndex and WithdrawLedgerIndex are the public ledger's entries of
	// the publication and the withdrawal (/ledger/N).
	LedgerIndex         *int64           `json:"ledger_index,omitempty"`
	WithdrawLedgerIndex *int64           `json:"withdraw_ledger_index,omitempty"`
	Items               []SupplyItemView `json:"items,omitempty"`
}

// SupplyItemView is one patent of a supply list.
type SupplyItemView struct {
	No           int      `json:"no"` // 序号, from 1
	AppNo        string   `json:"app_no"`
	AppNoDisplay string   `json:"app_no_display"`
	Title        string   `json:"title"`
	Patentees    []string `json:"patentees"`
	City         string   `json:"city,omitempty"`
	CityName     string   `json:"city_name,omitempty"`
	GrantDate    string   `json:"grant_date,omitempty"`
	Grade        string   `json:"grade,omitempty"`
	Score        float64  `json:"score"`
	Industries   []string `json:"industries"`
	Flags        []string `json:"flags"`
	Note         string   `json:"note,omitempty"`
}

// NewSupplyListView builds the view of a list; items are included when withItems
// is set (detail pages), otherwise only counted. ref may be nil.
func NewSupplyListView(l *patentbridge.SupplyList, ref RefData, withItems bool) SupplyListView {
	v := SupplyListView{
		ID: l.ID, Title: l.Title, Heading: l.Heading(cityNamer(ref)), IssuerName: l.IssuerName(cityNamer(ref)),
		Description: l.Description, CityCode: l.CityCode, CityName: cityName(ref, l.CityCode),
		Status: l.Status, StatusLabel: l.StatusLabel(), Year: l.Year, Number: l.Number, NumberLabel: l.NumberLabel(),
		PublishedAt: patentbridge.FormatDate(l.PublishedAt), WithdrawnAt: patentbridge.FormatDate(l.WithdrawnAt),
		WithdrawReason: l.WithdrawReason, CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt.UTC(), ItemCount: len(l.Items),
		LedgerIndex: l.LedgerIndex, WithdrawLedgerIndex: l.WithdrawLedgerIndex,
	}
	if !withItems {
		return v
	}
	v.Items = make([]SupplyItemView, 0, len(l.Items))
	for i, it := range l.Items {
		names := make([]string, len(it.Patentees))
		for j, p := range it.Patentees {
			names[j] = p.Name
		}
		v.Items = append(v.Items, SupplyItemView{
			No: i + 1, AppNo: it.AppNo, AppNoDisplay: patentbridge.FormatAppNo(it.AppNo), Title: it.Title, Patentees: names,
			City: it.City, CityName: cityName(ref, it.City), GrantDate: patentbridge.FormatDate(it.GrantDate),
			Grade: it.Grade, Score: it.Score, Industries: nonNil(it.Industries), Flags: nonNil(it.Flags), Note: it.Note,
		})
	}
	return v
}

// cityNamer returns ref's city-name lookup, or nil without ref.
func cityNamer(ref RefData) func(string) string {
	if ref == nil {
		return nil
	}
	return ref.CityName
}

// cityName resolves a 4-digit city code with ref, or returns "".
func cityName(ref RefData, code string) string {
	if ref == nil || len(code) < 4 {
		return ""
	}
	return ref.CityName(code[:4])
}
