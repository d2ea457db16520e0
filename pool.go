package patentbridge

import (
	"context"
	"strings"
	"time"
)

// Pool states.
const (
	PoolDraft     = "draft"
	PoolPublished = "published"
)

// Pool limits.
const (
	PoolNameMax    = 200
	PoolTextMax    = 4000
	PoolPatentsMax = 500
	PoolMembersMax = 100
)

// PoolMember is a member organization of a patent pool.
type PoolMember struct {
	OrgID int64  `json:"organization_id"`
	Name  string `json:"name"`
}

// Pool is a 专利池: member organizations pool their patents of a field and
// license them as a package on the pool's terms; an enterprise takes the
// package licence (LicenceService.TakePoolLicence) from its first member.
type Pool struct {
	ID          int64        `json:"id"`
	Name        string       `json:"name"`
	Field       string       `json:"field"`
	Members     []PoolMember `json:"members"`
	AppNos      []string     `json:"app_nos"`
	Titles      []string     `json:"titles"`
	Terms       string       `json:"terms"`
	Fee         *FeeTerms    `json:"fee,omitempty"`
	Status      string       `json:"status"`
	CreatedBy   int64        `json:"created_by"`
	CreatedAt   time.Time    `json:"created_at"`
	PublishedAt time.Time    `json:"-"`
	LedgerIndex *int64       `json:"ledger_index"`
}

// Validate trims and checks a pool: a name, a field, two to PoolMembersMax
// distinct members, one to PoolPatentsMax distinct patents, the package terms
// and the fee, if stated, by the rules of an open licence's fee
// (CheckFeeTerms). Returns EINVALID.
func (p *Pool) Validate() error {
	p.Name, p.Field, p.Terms = strings.TrimSpace(p.Name), strings.TrimSpace(p.Field), strings.TrimSpace(p.Terms)
	switch {
	case p.Name == "":
		return FieldErrorf("name", "请填写专利池名称")
	case p.Field == "":
		return FieldErrorf("field", "请填写专利池的技术领域")
	case len(p.Members) < 2:
		return FieldErrorf("members", "专利池至少应有两家成员单位")
	case len(p.Members) > PoolMembersMax:
		return FieldErrorf("members", "专利池最多%d家成员单位（现有%d家）", PoolMembersMax, len(p.Members))
	case len(p.AppNos) == 0 || len(p.AppNos) > PoolPatentsMax:
		return FieldErrorf("app_nos", "专利池应包含 1 到 %d 件专利", PoolPatentsMax)
	case p.Terms == "":
		return FieldErrorf("terms", "请填写打包许可条件")
	}
	seenOrg := map[int64]bool{}
	for _, m := range p.Members {
		if seenOrg[m.OrgID] {
			return FieldErrorf("members", "成员单位 %d 重复", m.OrgID)
		}
		seenOrg[m.OrgID] = true
	}
	seen := map[string]bool{}
	for i, a := range p.AppNos {
		no, _, err := NormalizeAppNo(a)
		if err != nil {
			return FieldErrorf("app_nos", "申请号 %q 无效", ClipValue(a))
		}
		if seen[no] {
			return FieldErrorf("app_nos", "专利 %s 重复", FormatAppNo(no))
		}
		seen[no], p.AppNos[i] = true, no
	}
	if p.Fee != nil {
		if err := CheckFeeTerms(*p.Fee, ""); err != nil {
			return FieldErrorf("fee", "打包许可使用费：%s", ErrorMessage(err))
		}
	}
	if err := CheckText("name", "专利池名称", p.Name, PoolNameMax, false); err != nil {
		return err
	}
	if err := CheckText("field", "技术领域", p.Field, PoolNameMax, false); err != nil {
		return err
	}
	return CheckText("terms", "打包许可条件", p.Terms, PoolTextMax, true)
}

// PoolService builds and publishes patent pools (the admin, or an institution
// user of a member organization); publication is a ledger entry.
type PoolService interface {
	// CreatePool stores a draft pool whose patents are all owned by its members.
	// Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
	CreatePool(ctx context.Context, p *Pool) error
	// PublishPool publishes a draft with its ledger entry. Returns ECONFLICT, ENOTFOUND, EFORBIDDEN.
	PublishPool(ctx context.Context, id int64) (*Pool, error)
	// FindPool returns a pool; a draft only to those who may manage it. Returns ENOTFOUND.
	FindPool(ctx context.Context, id int64) (*Pool, error)
	// ListPools returns the published pools, newest first.
	ListPools(ctx context.Context) ([]*Pool, error)
	// CountPools returns the pools published in each year.
	CountPools(ctx context.Context) (map[int]int, error)
}

// FeeText is the pool's package licence fee in Chinese, 面议 when it has none.
func (p *Pool) FeeText() string {
	if p.Fee == nil {
		return "面议"
	}
	return FeeTermsText(*p.Fee)
}
