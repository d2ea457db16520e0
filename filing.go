package patentbridge

import (
	"context"
	"strings"
	"time"
)

// PatentSource is how a filed product's patent came to its enterprise.
type PatentSource string

// Patent sources, in the order of the filing template's 专利来源 column.
const (
	SourceOwn      PatentSource = "own"      // 自有
	SourceLicensed PatentSource = "licensed" // 许可
	SourceAssigned PatentSource = "assigned" // 受让
)

// PatentSources lists every patent source in display order.
var PatentSources = []PatentSource{SourceOwn, SourceLicensed, SourceAssigned}

// Label returns the Chinese name of the source.
func (s PatentSource) Label() string {
	switch s {
	case SourceOwn:
		return "自有"
	case SourceLicensed:
		return "许可"
	case SourceAssigned:
		return "受让"
	}
	return string(s)
}

// ParsePatentSource reads a source by its Chinese name or its code ("" is
// own). ok is false for anything else.
func ParsePatentSource(s string) (PatentSource, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return SourceOwn, true
	}
	for _, p := range PatentSources {
		if s == string(p) || s == p.Label() {
			return p, true
		}
	}
	return "", false
}

// Admits reports whether a deal of the kind can be where a patent of this
// source came from: a transfer for 受让, a licence for 许可, none for 自有.
func (s PatentSource) Admits(k DealKind) bool {
	switch s {
	case SourceAssigned:
		return k == DealTransfer
	case SourceLicensed:
		return k == DealExclusive || k == DealSole || k == DealOrdinary || k == DealOpen
	}
	return false
}

// Product filing limits.
const (
	FilingNameMax      = 200
	FilingPatentsMax   = 100
	FilingAmountMaxFen = 10_000_000_000_00 // RMB 10 billion a year
	FilingFirstYear    = 2000
)

// FiledPatent is one patent a filed product uses, with its source and, for a
// licensed or assigned one, the deal it came from when the platform has it.
type FiledPatent struct {
	AppNo  string       `json:"app_no"`
	Source PatentSource `json:"source"`
	DealID int64        `json:"deal_id,omitempty"`
}

// FilingYear is a filed product's output value (产值) and sales (销售额) of
// one year, in fen.
type FilingYear struct {
	Year      int   `json:"year"`
	OutputFen int64 `json:"output_fen"`
	SalesFen  int64 `json:"sales_fen"`
}

// Validate checks a year's figures; errors name the filing template's columns.
func (y FilingYear) Validate(today time.Time) error {
	switch {
	case y.Year < FilingFirstYear || y.Year > today.In(Beijing).Year():
		return FieldErrorf("年度", "年度 %d 无效：应在 %d 至 %d 之间", y.Year, FilingFirstYear, today.In(Beijing).Year())
	case y.OutputFen < 0 || y.OutputFen > FilingAmountMaxFen:
		return FieldErrorf("产值(万元)", "产值应在 0 至 %s 之间", FormatFen(FilingAmountMaxFen))
	case y.SalesFen < 0 || y.SalesFen > FilingAmountMaxFen:
		return FieldErrorf("销售额(万元)", "销售额应在 0 至 %s 之间", FormatFen(FilingAmountMaxFen))
	}
	return nil
}

// ProductFiling is a 专利产品备案: an enterprise's product (name and model)
// and the patents it uses, its industry and its yearly output and sales,
// filed on a date and counted in the enterprise's 市(州) (DESIGN §3.10).
type ProductFiling struct {
	ID         int64         `json:"id"`
	OrgID      int64         `json:"organization_id"`
	OrgName    string        `json:"enterprise"`
	CreditCode string        `json:"credit_code,omitempty"` // resolves the enterprise first when given
	SME        bool          `json:"sme"`                   // the registry's flag (read)
	City       string        `json:"city"`                  // the enterprise's 4-digit 市(州)
	Product    string        `json:"product_name"`
	Model      string        `json:"model"`
	Industry   string        `json:"industry"`
	Patents    []FiledPatent `json:"patents"`
	Years      []FilingYear  `json:"years"`
	FiledOn    time.Time     `json:"-"` // API: filed_on
	CreatedBy  int64         `json:"created_by"`
	CreatedAt  time.Time     `json:"created_at"`
}

// Validate trims and checks a filing: the enterprise named, a product name,
// at least one patent with a valid, distinct application number and a source
// (a deal only for a licensed or assigned one), distinct valid years, and a
// filing date not after today. Errors name the template's columns (EINVALID).
func (f *ProductFiling) Validate(today time.Time) error {
	f.OrgName, f.Product = NormalizeOrgName(f.OrgName), strings.TrimSpace(f.Product)
	f.Model, f.Industry, f.CreditCode = strings.TrimSpace(f.Model), strings.TrimSpace(f.Industry), strings.TrimSpace(f.CreditCode)
	switch {
	case f.OrgName == "" && f.CreditCode == "":
		return FieldErrorf("企业名称", "请填写企业名称")
	case f.Product == "":
		return FieldErrorf("产品名称", "请填写产品名称")
	case len(f.Patents) == 0:
		return FieldErrorf("申请号", "请填写产品使用的专利申请号")
	case len(f.Patents) > FilingPatentsMax:
		return FieldErrorf("申请号", "一项备案最多 %d 件专利", FilingPatentsMax)
	case f.FiledOn.IsZero():
		return FieldErrorf("备案日期", "请填写备案日期")
	case DateOf(f.FiledOn).After(DateOf(today)):
		return FieldErrorf("备案日期", "备案日期 %s 晚于今天", FormatDate(f.FiledOn))
	}
	if err := CheckRecordFloor("备案日期", f.FiledOn); err != nil {
		return err
	}
	if f.CreditCode != "" {
		code, err := NormalizeCreditCode(f.CreditCode)
		if err != nil {
			return FieldErrorf("统一社会信用代码", "%s", ErrorMessage(err))
		}
		f.CreditCode = code
	}
	seen := map[string]bool{}
	for i := range f.Patents {
		p := &f.Patents[i]
		no, _, err := NormalizeAppNo(p.AppNo)
		if err != nil {
			return FieldErrorf("申请号", "申请号 %q 无效", ClipValue(p.AppNo))
		}
		if seen[no] {
			return FieldErrorf("申请号", "申请号 %s 重复", no)
		}
		seen[no], p.AppNo = true, no
		if p.Source == "" {
			p.Source = SourceOwn
		}
		switch {
		case p.Source != SourceOwn && p.Source != SourceLicensed && p.Source != SourceAssigned:
			return FieldErrorf("专利来源", "专利来源 %q 无效：应为自有、许可或受让", ClipValue(string(p.Source)))
		case p.Source == SourceOwn && p.DealID != 0:
			return FieldErrorf("专利来源", "自有专利 %s 不关联交易", no)
		case p.DealID < 0:
			return FieldErrorf("交易编号", "交易编号无效")
		}
	}
	years := map[int]bool{}
	for _, y := range f.Years {
		if err := y.Validate(today); err != nil {
			return err
		}
		if years[y.Year] {
			return FieldErrorf("年度", "年度 %d 重复", y.Year)
		}
		years[y.Year] = true
	}
	f.FiledOn = DateOf(f.FiledOn)
	for _, c := range []struct{ col, v string }{{"企业名称", f.OrgName}, {"产品名称", f.Product}, {"型号", f.Model}, {"行业", f.Industry}} {
		if err := CheckText(c.col, c.col, c.v, FilingNameMax, false); err != nil {
			return err
		}
	}
	return nil
}

// Year returns the filing's figures of a year, and whether it has them.
func (f *ProductFiling) Year(year int) (FilingYear, bool) {
	for _, y := range f.Years {
		if y.Year == year {
			return y, true
		}
	}
	return FilingYear{}, false
}

// FilingFilter selects product filings; zero fields do not filter.
type FilingFilter struct {
	Year          int    // of the filing date
	City          string // 4-digit 市(州) code of the enterprise
	OrgID         int64
	SME           *bool  // the enterprise's registry flag
	Industry      string // exact
	AppNo         string // filings using the patent
	Limit, Offset int
}

// FilingService keeps 专利产品备案. Every act is authorized against the
// signed-in user of ctx (the admin, or a city user for its city's
// enterprises) and audited; city users read only their city's filings.
type FilingService interface {
	// CreateFiling validates and stores a filing of a registered enterprise
	// (by credit code, else name), linking each licensed or assigned patent to
	// the deal it came from (the given one, which must be of the patent, of the
	// source's kind, received by the enterprise and concluded on or before the
	// filing date; else the latest such deal, when there is one, the filing
	// being kept unlinked when the platform has none). An own patent the store
	// has must be owned by the enterprise or a child organization of it (a
	// patent not in the store is accepted). A filing of the same enterprise, product and model is
	// refused, f.ID set to the stored one. Returns EINVALID, ENOTFOUND,
	// ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	CreateFiling(ctx context.Context, f *ProductFiling) error
	// SetFilingYear sets (adds or replaces) a year's output and sales of a
	// filing, the yearly update. Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	SetFilingYear(ctx context.Context, id int64, y FilingYear) (*ProductFiling, error)
	// FindFiling returns a filing with its patents and years. Returns ENOTFOUND.
	FindFiling(ctx context.Context, id int64) (*ProductFiling, error)
	// ListFilings returns one page of filings, latest first, and the total. Returns EINVALID.
	ListFilings(ctx context.Context, f FilingFilter) ([]*ProductFiling, int, error)
}
