package httpx

import (
	"time"

	"patentbridge"
)

// DeclarationView is the presentation of an institution's declaration.
type DeclarationView struct {
	ID          int64      `json:"id"`
	AppNo       string     `json:"app_no"`
	Kind        string     `json:"kind"`
	KindLabel   string     `json:"kind_label"`
	Reason      string     `json:"reason,omitempty"`
	ReasonLabel string     `json:"reason_label,omitempty"`
	Text        string     `json:"text,omitempty"`
	How         string     `json:"how,omitempty"`
	Enterprise  string     `json:"enterprise,omitempty"`
	Since       string     `json:"since,omitempty"`
	OrgName     string     `json:"org_name,omitempty"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	Revoked     bool       `json:"revoked"`
	RevokedAt   *time.Time `json:"revoked_at,omitempty"`
}

// DeclarationKindLabel returns 已实施 or 正当理由.
func DeclarationKindLabel(k patentbridge.DeclarationKind) string {
	switch k {
	case patentbridge.DeclImplemented:
		return "已实施"
	case patentbridge.DeclReason:
		return "正当理由"
	}
	return string(k)
}

// NewDeclarationView builds the view of a declaration.
func NewDeclarationView(d *patentbridge.Declaration) DeclarationView {
	v := DeclarationView{ID: d.ID, AppNo: d.AppNo, Kind: string(d.Kind), KindLabel: DeclarationKindLabel(d.Kind),
		Reason: d.Reason, Text: d.Text, How: d.How, Enterprise: d.Enterprise, Since: patentbridge.FormatDate(d.Since),
		OrgName: d.OrgName, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt.UTC(), Revoked: !d.RevokedAt.IsZero()}
	if d.Reason != "" {
		v.ReasonLabel = patentbridge.ReasonLabel(d.Reason)
	}
	if v.Revoked {
		t := d.RevokedAt.UTC()
		v.RevokedAt = &t
	}
	return v
}

// RatingsView is a patent's enterprise ratings with their averages.
type RatingsView struct {
	Summary patentbridge.RatingSummary `json:"summary"`
	Items   []*patentbridge.Rating     `json:"items"`
}

// NewRatingsView averages the ratings (each 1–5) to two decimals.
func NewRatingsView(rs []*patentbridge.Rating) RatingsView {
	v := RatingsView{Items: rs}
	if v.Items == nil {
		v.Items = []*patentbridge.Rating{}
	}
	for _, r := range rs {
		v.Summary.Count++
		v.Summary.Prospect += float64(r.Prospect)
		v.Summary.Improvement += float64(r.Improvement)
		v.Summary.Cooperation += float64(r.Cooperation)
	}
	if n := float64(v.Summary.Count); n > 0 {
		v.Summary.Prospect = round2(v.Summary.Prospect / n)
		v.Summary.Improvement = round2(v.Summary.Improvement / n)
		v.Summary.Cooperation = round2(v.Summary.Cooperation / n)
	}
	return v
}
