package httpx

import (
	"sort"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// PatentView is the presentation form of a patent shared by the JSON API and the
// web pages: dates as YYYY-MM-DD, codes with their Chinese labels, the dotted
// application number and the region's name.
type PatentView struct {
	AppNo             string      `json:"app_no"`
	AppNoDisplay      string      `json:"app_no_display"`
	Kind              string      `json:"kind"`
	KindLabel         string      `json:"kind_label"`
	PubNo             string      `json:"pub_no,omitempty"`
	GrantNo           string      `json:"grant_no,omitempty"`
	Title             string      `json:"title"`
	Abstract          string      `json:"abstract,omitempty"`
	FirstClaim        string      `json:"first_claim,omitempty"`
	AppDate           string      `json:"app_date,omitempty"`
	PubDate           string      `json:"pub_date,omitempty"`
	GrantDate         string      `json:"grant_date,omitempty"`
	LapseDate         string      `json:"lapse_date,omitempty"`
	Status            string      `json:"status,omitempty"`
	StatusLabel       string      `json:"status_label,omitempty"`
	StatusText        string      `json:"status_text,omitempty"`
	MainIPC           string      `json:"main_ipc,omitempty"`
	MainIPCTitle      string      `json:"main_ipc_title,omitempty"`
	IPC               []string    `json:"ipc"`
	Applicants        []PartyView `json:"applicants"`
	Patentees         []PartyView `json:"patentees"`
	Inventors         []string    `json:"inventors"`
	RegionCode        string      `json:"region_code,omitempty"`
	RegionName        string      `json:"region_name,omitempty"`
	Address           string      `json:"address,omitempty"`
	Agency            string      `json:"agency,omitempty"`
	Priority          string      `json:"priority,omitempty"`
	PCTAppNo          string      `json:"pct_app_no,omitempty"`
	ForwardCitations  int         `json:"forward_citations"`
	BackwardCitations int         `json:"backward_citations"`
	// FamilySize and ClaimsCount are null when unknown (Patent.FamilySizeMissing,
	// Patent.ClaimsCountMissing): a blank in the export, never a real 0.
	FamilySize    *int        `json:"family_size"`
	ClaimsCount   *int        `json:"claims_count"`
	TransferCount int         `json:"transfer_count"`
	LicenceCount  int         `json:"licence_count"`
	PledgeCount   int         `json:"pledge_count"`
	Events        []EventView `json:"events"`
	Source        string      `json:"source,omitempty"`
	UpdatedAt     *time.Time  `json:"updated_at,omitempty"`
	// IPCDetails and Extra are filled for the detail view only (NewPatentDetail).
	IPCDetails []refdata.IPCInfo `json:"ipc_details,omitempty"`
	Extra      []ExtraField      `json:"-"`
	ExtraMap   map[string]string `json:"extra,omitempty"`
	// AppNoCheckComputed: the source gave an old 8-digit 申请号 without its
	// check character, and the platform computed the one shown.
	AppNoCheckComputed bool `json:"app_no_check_computed,omitempty"`
}

// PartyView is an applicant or patentee with its type's Chinese label.
type PartyView struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	TypeLabel string `json:"type_label"`
	SME       bool   `json:"sme,omitempty"`
}

// EventView is a legal event with its date and type label.
type EventView struct {
	Type      string `json:"type"`
	TypeLabel string `json:"type_label"`
	Date      string `json:"date,omitempty"`
	Text      string `json:"text,omitempty"`
}

// ExtraField is one of the export's unmapped columns, for ordered display.
type ExtraField struct {
	Name  string
	Value string
}

// NewPatentView builds the list view of a patent; ref may be nil.
func NewPatentView(p *patentbridge.Patent, ref RefData) PatentView {
	v := PatentView{
		AppNo: p.AppNo, AppNoDisplay: patentbridge.FormatAppNo(p.AppNo),
		Kind: string(p.Kind), KindLabel: p.Kind.Label(),
		PubNo: p.PubNo, GrantNo: p.GrantNo, Title: p.Title, Abstract: p.Abstract, FirstClaim: p.FirstClaim,
		AppDate: patentbridge.FormatDate(p.AppDate), PubDate: patentbridge.FormatDate(p.PubDate),
		GrantDate: patentbridge.FormatDate(p.GrantDate), LapseDate: patentbridge.FormatDate(p.LapseDate),
		Status: string(p.Status), StatusText: p.StatusText,
		MainIPC: p.MainIPC, IPC: nonNil(p.IPC), Inventors: nonNil(p.Inventors),
		Applicants: partyViews(p.Applicants), Patentees: partyViews(p.Patentees),
		RegionCode: p.RegionCode, RegionName: RegionName(ref, p.RegionCode),
		Address: p.Address, Agency: p.Agency, Priority: p.Priority, PCTAppNo: p.PCTAppNo,
		ForwardCitations: p.ForwardCitations, BackwardCitations: p.BackwardCitations,
		TransferCount: p.TransferCount,
		LicenceCount:  p.LicenceCount, PledgeCount: p.PledgeCount,
		Events: []EventView{}, Source: p.Source, AppNoCheckComputed: p.AppNoCheckComputed,
	}
	v.FamilySize = knownCount(p.FamilySize, p.FamilySizeMissing())
	v.ClaimsCount = knownCount(p.ClaimsCount, p.ClaimsCountMissing())
	if p.Status != "" {
		v.StatusLabel = p.Status.Label()
	}
	if p.MainIPC != "" && ref != nil {
		v.MainIPCTitle = ref.IPCTitle(p.MainIPC)
	}
	if !p.UpdatedAt.IsZero() {
		t := p.UpdatedAt.UTC()
		v.UpdatedAt = &t
	}
	for _, e := range p.Events {
		v.Events = append(v.Events, EventView{Type: string(e.Type), TypeLabel: e.Type.Label(),
			Date: patentbridge.FormatDate(e.Date), Text: e.Text})
	}
	return v
}

// NewPatentDetail builds the detail view: the list view plus, for each IPC code,
// its title hierarchy, SEI industries and WIPO field, and the Extra columns.
// A code the scheme does not know is listed with its code only.
func NewPatentDetail(p *patentbridge.Patent, ref RefData) PatentView {
	v := NewPatentView(p, ref)
	v.IPCDetails = []refdata.IPCInfo{}
	for _, code := range p.IPC {
		info := refdata.IPCInfo{Code: code}
		if ref != nil {
			if i, err := ref.IPC(code); err == nil {
				info = i
			}
		}
		if info.Hierarchy == nil {
			info.Hierarchy = []refdata.IPCNode{}
		}
		if info.SEI == nil {
			info.SEI = []refdata.SEIIndustry{}
		}
		v.IPCDetails = append(v.IPCDetails, info)
	}
	v.ExtraMap = p.Extra
	for k, val := range p.Extra {
		v.Extra = append(v.Extra, ExtraField{Name: k, Value: val})
	}
	sort.Slice(v.Extra, func(i, j int) bool { return v.Extra[i].Name < v.Extra[j].Name })
	return v
}

func partyViews(ps []patentbridge.Party) []PartyView {
	out := make([]PartyView, 0, len(ps))
	for _, p := range ps {
		out = append(out, PartyView{Name: p.Name, Type: string(p.Type), TypeLabel: p.Type.Label(), SME: p.SME})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// knownCount returns n, or nil when the count is unknown.
func knownCount(n int, missing bool) *int {
	if missing {
		return nil
	}
	return &n
}
