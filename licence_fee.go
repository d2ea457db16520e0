package patentbridge

// FeeMethod is how the fee of an open licence (or a negotiated licence) is
// paid (DESIGN §3.8).
type FeeMethod string

// Fee methods.
const (
	FeeFixed        FeeMethod = "fixed"          // 固定费用 (a lump sum)
	FeeSales        FeeMethod = "sales_royalty"  // 净销售额提成
	FeeProfit       FeeMethod = "profit_royalty" // 利润提成
	FeeEntryRoyalty FeeMethod = "entry_royalty"  // 入门费+提成
	FeeFree         FeeMethod = "free"           // 免费
	FeeDeferred     FeeMethod = "deferred"       // 先使用后付费
)

// FeeMethods lists the fee methods in display order.
var FeeMethods = []FeeMethod{FeeFixed, FeeSales, FeeProfit, FeeEntryRoyalty, FeeFree, FeeDeferred}

// Label returns the Chinese name of the fee method.
func (m FeeMethod) Label() string {
	switch m {
	case FeeFixed:
		return "固定费用"
	case FeeSales:
		return "净销售额提成"
	case FeeProfit:
		return "利润提成"
	case FeeEntryRoyalty:
		return "入门费+提成"
	case FeeFree:
		return "免费"
	case FeeDeferred:
		return "先使用后付费"
	}
	return string(m)
}

// Royalty bases of FeeTerms.RoyaltyBase.
const (
	RoyaltyNetSales = "net_sales" // 净销售额
	RoyaltyProfit   = "profit"    // 利润额
)

// FeeTerms is a fee payment method and standard. Money is in fen (分, 1/100
// yuan) and rates in basis points (万分之一: 2000 is 20%), so that the limits of
// the 2024 notice are checked exactly.
type FeeTerms struct {
	Method FeeMethod `json:"method"`
	// LumpSumFen is the fixed fee (FeeFixed).
	LumpSumFen int64 `json:"lump_sum_fen,omitempty"`
	// EntryFeeFen is the entry fee (FeeEntryRoyalty).
	EntryFeeFen int64 `json:"entry_fee_fen,omitempty"`
	// RoyaltyBase is RoyaltyNetSales or RoyaltyProfit: implied by FeeSales and
	// FeeProfit, chosen for FeeEntryRoyalty.
	RoyaltyBase string `json:"royalty_base,omitempty"`
	// RateBP is the royalty rate in basis points of the base.
	RateBP int `json:"rate_bp,omitempty"`
	// ReportMonths is how often a royalty licensee reports its sales or profit
	// and pays (3, 6 or 12 months).
	ReportMonths int `json:"report_months,omitempty"`
	// GraceMonths defers every payment (FeeDeferred) for this many months from
	// the licence's effect; UntilFirstRevenue defers it until the licensee
	// first reports sales revenue instead. Then is the method that applies
	// after the deferral (any method but FeeDeferred and FeeFree).
	GraceMonths       int       `json:"grace_months,omitempty"`
	UntilFirstRevenue bool      `json:"until_first_revenue,omitempty"`
	Then              *FeeTerms `json:"then,omitempty"`
}
