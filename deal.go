package patentbridge

import (
	"context"
	"slices"
	"strings"
	"time"
)

// DealKind is what a deal (转移转化) moved: a transfer, a licence of one kind,
// or a contribution as capital (作价入股).
type DealKind string

// Deal kinds, in the order of the deal template's 交易类型 column.
const (
	DealTransfer  DealKind = "transfer"  // 转让
	DealExclusive DealKind = "exclusive" // 独占许可
	DealSole      DealKind = "sole"      // 排他许可
	DealOrdinary  DealKind = "ordinary"  // 普通许可
	DealOpen      DealKind = "open"      // 开放许可
	DealEquity    DealKind = "equity"    // 作价入股
)

// DealKinds lists every deal kind in display order.
var DealKinds = []DealKind{DealTransfer, DealExclusive, DealSole, DealOrdinary, DealOpen, DealEquity}

// Label returns the Chinese name of the kind.
func (k DealKind) Label() string {
	switch k {
	case DealTransfer:
		return "转让"
	case DealExclusive:
		return "独占许可"
	case DealSole:
		return "排他许可"
	case DealOrdinary:
		return "普通许可"
	case DealOpen:
		return "开放许可"
	case DealEquity:
		return "作价入股"
	}
	return string(k)
}

// ParseDealKind reads a kind by its Chinese name or its code. ok is false for
// anything else.
func ParseDealKind(s string) (DealKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range DealKinds {
		if s == string(k) || s == k.Label() {
			return k, true
		}
	}
	return "", false
}

// Where a deal record came from.
const (
	DealFromForm       = "form"        // entered on the deal form
	DealFromImport     = "import"      // a row of an uploaded deal workbook
	DealFromLegalEvent = "legal_event" // a 转让/许可 event of an imported patent export
	DealFromPlatform   = "platform"    // a licence taken or registered on the platform
)

// Deal limits.
const (
	DealNameMax        = 200
	DealRecordationMax = 64
	DealAmountMaxFen   = 10_000_000_000_00 // RMB 10 billion
)

// Deal is one 转移转化 of a patent: who gave it (让与方) and who received it
// (受让方), of which kind, for how much, on which contract date, with its
// recordation number. Parties resolve to organizations of the registry when
// they can, so that the receiver's SME flag and city come from the registry
// when the record does not give them (DESIGN §3.10).
type Deal struct {
	ID           int64     `json:"id"`
	AppNo        string    `json:"app_no"`
	Kind         DealKind  `json:"kind"`
	FromName     string    `json:"from"`
	FromType     PartyType `json:"from_type"`
	FromOrgID    int64     `json:"from_organization_id,omitempty"`
	ToName       string    `json:"to"`
	ToCreditCode string    `json:"to_credit_code,omitempty"`
	ToType       PartyType `json:"to_type"`
	ToSME        *bool     `json:"to_sme"`                   // nil: not given, the registry's flag applies
	ToRegionCode string    `json:"to_region_code,omitempty"` // 6-digit GB/T 2260 (a 4-digit 市(州) is read as its 6-digit code)
	ToOrgID      int64     `json:"to_organization_id,omitempty"`
	// ToCity is the receiver's 4-digit 市(州), where the deal counts: the
	// record's region code, else its organization's city (set when stored).
	ToCity        string    `json:"to_city"`
	AmountFen     int64     `json:"amount_fen"`
	ContractDate  time.Time `json:"-"` // the contract's day (API: contract_date)
	RecordationNo string    `json:"recordation_no,omitempty"`
	Source        string    `json:"source"`
	LicenceID     int64     `json:"licence_id,omitempty"` // the platform licence it records
	CreatedBy     int64     `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// Validate trims and checks a deal record: a valid application number, a
// kind, both parties named and typed, a region code (Deal.normalizeRegion) and a credit code
// when given, an amount within range and a contract date not after today
// nor before PatentLawInForce.
// Errors name the deal template's column (EINVALID).
func (d *Deal) Validate(today time.Time) error {
	d.FromName, d.ToName = NormalizeOrgName(d.FromName), NormalizeOrgName(d.ToName)
	d.RecordationNo, d.ToRegionCode = strings.TrimSpace(d.RecordationNo), strings.TrimSpace(d.ToRegionCode)
	no, _, err := NormalizeAppNo(d.AppNo)
	if err != nil {
		return FieldErrorf("申请号", "申请号 %q 无效", ClipValue(d.AppNo))
	}
	d.AppNo = no
	switch {
	case !slices.Contains(DealKinds, d.Kind):
		return FieldErrorf("交易类型", "交易类型 %q 无效：应为转让、独占许可、排他许可、普通许可、开放许可或作价入股", ClipValue(string(d.Kind)))
	case d.FromName == "":
		return FieldErrorf("让与方", "请填写让与方")
	case d.ToName == "":
		return FieldErrorf("受让方", "请填写受让方")
	case d.FromName == d.ToName:
		return FieldErrorf("受让方", "受让方与让与方相同")
	case !validPartyType(d.FromType):
		return FieldErrorf("让与方类型", "让与方类型应为大专院校、科研单位、国有企业、企业或个人")
	case !validPartyType(d.ToType):
		return FieldErrorf("受让方类型", "受让方类型应为大专院校、科研单位、国有企业、企业或个人")
	case !d.normalizeRegion():
		return FieldErrorf("受让方地区代码", "受让方地区代码 %q 无效：应为6位区县代码（GB/T 2260，如成都市锦江区为 510104）或4位市（州）代码（如 5101）；四川省内应为其 21 个市（州）之一", ClipValue(d.ToRegionCode))
	case d.AmountFen < 0 || d.AmountFen > DealAmountMaxFen:
		return FieldErrorf("金额(万元)", "金额应在 0 至 %s 之间", FormatFen(DealAmountMaxFen))
	case d.ContractDate.IsZero():
		return FieldErrorf("合同日期", "请填写合同日期")
	case DateOf(d.ContractDate).After(DateOf(today)):
		return FieldErrorf("合同日期", "合同日期 %s 晚于今天", FormatDate(d.ContractDate))
	}
	if err := CheckRecordFloor("合同日期", d.ContractDate); err != nil {
		return err
	}
	if d.ToCreditCode != "" {
		code, err := NormalizeCreditCode(d.ToCreditCode)
		if err != nil {
			return FieldErrorf("受让方统一社会信用代码", "%s", ErrorMessage(err))
		}
		d.ToCreditCode = code
	}
	d.ContractDate = DateOf(d.ContractDate)
	if err := CheckText("让与方", "让与方", d.FromName, DealNameMax, false); err != nil {
		return err
	}
	if err := CheckText("受让方", "受让方", d.ToName, DealNameMax, false); err != nil {
		return err
	}
	return CheckText("备案号", "备案号", d.RecordationNo, DealRecordationMax, false)
}

// CheckFiledBefore refuses a contract dated before appDate, the application
// date (申请日) of the deal's patent as stored: no patent is traded before it
// is filed. A zero appDate (the patent is not stored, or its date unknown)
// passes. Returns EINVALID naming 合同日期.
func (d *Deal) CheckFiledBefore(appDate time.Time) error {
	if !appDate.IsZero() && DateOf(d.ContractDate).Before(DateOf(appDate)) {
		return FieldErrorf("合同日期", "合同日期 %s 早于该专利的申请日 %s", FormatDate(DateOf(d.ContractDate)), FormatDate(DateOf(appDate)))
	}
	return nil
}

// normalizeRegion reads ToRegionCode: "" stays, a 4-digit 市(州) code is
// stored as that prefecture's 6-digit code (5107 as 510700) and a 6-digit one
// as given; a code in Sichuan must fall in one of SichuanCities. Codes of
// other provinces are not checked further: such a deal is legitimate and
// counts as 未能归属. Reports whether the code is acceptable.
func (d *Deal) normalizeRegion() bool {
	v := d.ToRegionCode
	if v == "" {
		return true
	}
	if IsCityCode(v) {
		v += "00"
	}
	if len(v) != 6 || strings.Trim(v, "0123456789") != "" {
		return false
	}
	if v[:2] == DemandProvinceCode && SichuanCityName(v[:4]) == "" {
		return false
	}
	d.ToRegionCode = v
	return true
}

// validPartyType admits the deal template's five party types.
func validPartyType(t PartyType) bool {
	switch t {
	case PartyUniversity, PartyInstitute, PartySOE, PartyEnterprise, PartyIndividual:
		return true
	}
	return false
}

// SameAs reports whether two records are one real deal arriving by two paths:
// the same patent, kind and parties, and the same recordation number when
// both have one, else the same contract date.
func (d *Deal) SameAs(o *Deal) bool {
	if d.AppNo != o.AppNo || d.Kind != o.Kind || !sameParty(d.FromOrgID, d.FromName, o.FromOrgID, o.FromName) ||
		!sameParty(d.ToOrgID, d.ToName, o.ToOrgID, o.ToName) {
		return false
	}
	if d.RecordationNo != "" && o.RecordationNo != "" {
		return d.RecordationNo == o.RecordationNo
	}
	return DateOf(d.ContractDate).Equal(DateOf(o.ContractDate))
}

// sameParty compares parties by organization when both resolved, else by name.
func sameParty(aID int64, aName string, bID int64, bName string) bool {
	if aID != 0 && bID != 0 {
		return aID == bID
	}
	return aName == bName
}

// DealFilter selects deals; zero fields do not filter.
type DealFilter struct {
	AppNo         string
	Kind          DealKind
	Year          int    // of the contract date
	City          string // 4-digit 市(州) code of the receiving party
	Limit, Offset int
}

// DealSource is one path by which a deal arrived: the form, a line of an
// uploaded file, a legal event of an imported patent, or a platform licence.
// A deal recorded by two paths is one deal with two sources (the merge).
type DealSource struct {
	ID            int64     `json:"id"`
	DealID        int64     `json:"deal_id"`
	Source        string    `json:"source"`
	File          string    `json:"file,omitempty"`
	Line          int       `json:"line,omitempty"`
	LicenceID     int64     `json:"licence_id,omitempty"`
	RecordationNo string    `json:"recordation_no,omitempty"`
	CreatedBy     int64     `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// DealSourceLabel returns the Chinese name of a deal source.
func DealSourceLabel(s string) string {
	switch s {
	case DealFromForm:
		return "表单录入"
	case DealFromImport:
		return "批量导入"
	case DealFromLegalEvent:
		return "专利法律事件"
	case DealFromPlatform:
		return "平台许可"
	}
	return s
}

// SameSource reports whether two sources are the same path (the same form
// entry is never the same: each is typed anew), so that re-reading a file or
// a patent's events adds no source.
func (s *DealSource) SameSource(o *DealSource) bool {
	if s.Source != o.Source || s.Source == DealFromForm {
		return false
	}
	return s.File == o.File && s.Line == o.Line && s.LicenceID == o.LicenceID
}

// DealService records deals. Every act is authorized against the signed-in
// user of ctx (the admin, or a city user for deals received in its city) and
// audited; city users read only their city's deals.
type DealService interface {
	// CreateDeal validates and stores a deal, resolving its parties; a record
	// of a deal already stored (Deal.SameAs) is refused naming it. Returns
	// EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	CreateDeal(ctx context.Context, d *Deal) error
	// RecordDeal stores d as a new deal arriving by src, or, when it records
	// a deal already stored (Deal.SameAs), adds src to the stored one (filling
	// what it lacked: recordation number, amount, licence) and sets *d to it,
	// reporting merged. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
	RecordDeal(ctx context.Context, d *Deal, src DealSource) (merged bool, err error)
	// DealSources returns the paths by which a deal arrived, first first.
	// Returns ENOTFOUND.
	DealSources(ctx context.Context, id int64) ([]*DealSource, error)
	// FindDeal returns a deal. Returns ENOTFOUND.
	FindDeal(ctx context.Context, id int64) (*Deal, error)
	// ListDeals returns one page of deals, latest contract first, and the total. Returns EINVALID.
	ListDeals(ctx context.Context, f DealFilter) ([]*Deal, int, error)
}

// EventDealSummary counts what recording the deals of imported legal events did.
type EventDealSummary struct {
	Patents int   `json:"patents"` // patents read
	New     int   `json:"new"`     // deals stored
	Merged  int   `json:"merged"`  // events of deals already stored (by another path, or read before)
	Skipped int   `json:"skipped"` // events whose deal the service refused (an invalid party type, a future date)
	LastSeq int64 `json:"last_seq"`
}
