package patentbridge

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Offer limits.
const (
	OfferTitleMax    = 200
	OfferTextMax     = 2000 // terms, fields, problem, advantage
	OfferContactMax  = 200
	OfferPatentsMax  = 100
	OfferPriceMaxFen = 100_000_000_000 // 10 亿元
	OfferReasonMax   = 500
)

// Validate trims and checks an offer before it is stored: a kind, one to
// OfferPatentsMax patents, a price or 面议 (an open licence states terms
// instead), a TRL of 1–9, the fields, problem, advantage and contact within
// their limits. Returns EINVALID naming the field.
func (o *Offer) Validate() error {
	for _, s := range []*string{&o.Title, &o.Terms, &o.Fields, &o.Problem, &o.Advantage, &o.Contact} {
		*s = strings.TrimSpace(*s)
	}
	if !slices.Contains(OfferKinds, o.Kind) {
		return FieldErrorf("kind", "交易方式 %q 无效：应为转让、独占许可、排他许可、普通许可、开放许可或作价入股", ClipValue(string(o.Kind)))
	}
	switch n := len(o.AppNos); {
	case n == 0:
		return FieldErrorf("app_nos", "请至少选择一件专利")
	case n > OfferPatentsMax:
		return FieldErrorf("app_nos", "一个报价最多包含%d件专利（现有%d件）", OfferPatentsMax, n)
	}
	seen := map[string]bool{}
	for i, a := range o.AppNos {
		no, _, err := NormalizeAppNo(a)
		if err != nil {
			return FieldErrorf("app_nos", "申请号 %q 无效", ClipValue(a))
		}
		if seen[no] {
			return FieldErrorf("app_nos", "专利 %s 重复", FormatAppNo(no))
		}
		seen[no], o.AppNos[i] = true, no
	}
	switch {
	case o.PriceFen < 0 || o.PriceFen > OfferPriceMaxFen:
		return FieldErrorf("price", "报价应在 0 到 %s 之间", FormatPrice(OfferPriceMaxFen))
	case o.Negotiable && o.PriceFen != 0:
		return FieldErrorf("price", "选择“面议”时不填报价")
	case o.Kind == OfferOpenLicence && o.Terms == "":
		return FieldErrorf("terms", "开放许可报价须写明许可使用费支付方式和标准（以开放许可声明为准）")
	case o.Kind != OfferOpenLicence && !o.Negotiable && o.PriceFen == 0 && o.Terms == "":
		return FieldErrorf("price", "请填写报价，或选择“面议”，或写明交易条件")
	case o.TRL < 1 || o.TRL > 9:
		return FieldErrorf("trl", "技术成熟度（TRL）应为 1 到 9 级")
	case o.Fields == "":
		return FieldErrorf("fields", "请填写应用领域")
	case o.Problem == "":
		return FieldErrorf("problem", "请填写解决的问题")
	case o.Advantage == "":
		return FieldErrorf("advantage", "请填写相对现有技术的优势")
	case o.Contact == "":
		return FieldErrorf("contact", "请填写联系方式")
	}
	for _, f := range []struct {
		field, label, value string
		max                 int
	}{{"title", "报价标题", o.Title, OfferTitleMax}, {"terms", "交易条件", o.Terms, OfferTextMax},
		{"fields", "应用领域", o.Fields, OfferTextMax}, {"problem", "解决的问题", o.Problem, OfferTextMax},
		{"advantage", "技术优势", o.Advantage, OfferTextMax}, {"contact", "联系方式", o.Contact, OfferContactMax}} {
		if err := CheckText(f.field, f.label, f.value, f.max, f.field != "title" && f.field != "contact"); err != nil {
			return err
		}
	}
	return nil
}

// CanOffer is the rule on who offers patents: the admin, and approved
// institution users (高校院所/国企) for their organization. Returns
// EUNAUTHORIZED or EFORBIDDEN.
func CanOffer(u *User) error {
	if err := CanPost(u); err != nil {
		return err
	}
	if u.Role != RoleAdmin && u.Role != RoleInstitution {
		return Errorf(EFORBIDDEN, "没有权限：只有专利权人单位（高校院所、国有企业用户）或省级管理员可以发布转让许可报价")
	}
	return nil
}

// CheckSOEShared refuses the 成熟专利共享 mark on an offer not owned by an SOE.
// Returns EINVALID.
func CheckSOEShared(o *Offer) error {
	if o.SOEShared && o.OrgType != PartySOE {
		return FieldErrorf("soe_shared", "只有国有企业的专利可以标记为“国企成熟专利共享”（报价单位：%s，类型：%s）", o.OrgName, o.OrgType.Label())
	}
	return nil
}

// FormatPrice renders an amount in fen as users read prices: "50 万元", "3,500 元".
func FormatPrice(fen int64) string {
	yuan := fen / 100
	if yuan >= 10_000 && yuan%100 == 0 {
		return strconv.FormatFloat(float64(yuan)/10_000, 'f', -1, 64) + " 万元"
	}
	if fen%100 != 0 {
		return fmt.Sprintf("%d.%02d 元", yuan, fen%100)
	}
	return strconv.FormatInt(yuan, 10) + " 元"
}

// PriceLabel returns the offer's price as shown: "50 万元", "面议", or "见交易条件".
func (o *Offer) PriceLabel() string {
	switch {
	case o.Negotiable:
		return "面议"
	case o.PriceFen > 0:
		return FormatPrice(o.PriceFen)
	}
	return "见交易条件"
}

// Reason returns the offer as a matching reason: "可转让，报价 50 万元",
// "可普通许可，面议", "开放许可".
func (o *Offer) Reason() string {
	if o.Kind == OfferOpenLicence {
		return "开放许可"
	}
	s := "可" + o.Kind.Label()
	switch {
	case o.Negotiable:
		return s + "，面议"
	case o.PriceFen > 0:
		return s + "，报价 " + FormatPrice(o.PriceFen)
	}
	return s
}

// StatusLabel returns the Chinese name of the offer's state.
func (o *Offer) StatusLabel() string {
	switch o.Status {
	case OfferDraft:
		return "草稿"
	case OfferPublished:
		return "已发布"
	case OfferWithdrawn:
		return "已撤回"
	}
	return o.Status
}

// OfferPatentState is what the rules on an offer need to know of one of its
// patents: its application number, legal status and whether an open-licence
// declaration is announced on it.
type OfferPatentState struct {
	AppNo         string
	Status        LegalStatus
	OpenAnnounced bool
}

// CheckOfferPatent is the rule on one patent of an offer of kind k, checked
// when the offer is created and again when it is published: the patent is in
// force or a pending application (which may be transferred or licensed; a
// status not known yet is not refused), not lapsed, expired, invalidated,
// withdrawn or rejected; an open-licence offer needs an announced open-licence
// declaration on the patent (Patent Law art. 50), and an exclusive or sole
// licence is not offered while one is (art. 51(3)). Returns EINVALID naming
// the field, ECONFLICT.
func CheckOfferPatent(k OfferKind, p OfferPatentState) error {
	switch p.Status {
	case StatusInForce, StatusPending, "":
	default:
		return FieldErrorf("app_nos", "专利 %s 的法律状态为“%s”，不能报价：只有有效专利或在审申请可以转让、许可或作价入股", FormatAppNo(p.AppNo), p.Status.Label())
	}
	if (k == OfferExclusive || k == OfferSole) && p.OpenAnnounced {
		return Errorf(ECONFLICT, "%s（专利 %s 的开放许可正在实施），不能发布%s报价", ExclusiveWhileOpenMessage, FormatAppNo(p.AppNo), k.Label())
	}
	if k == OfferOpenLicence && !p.OpenAnnounced {
		return FieldErrorf("kind", "专利 %s 没有已公告的开放许可声明：开放许可须先经专利权人声明并由国务院专利行政部门公告（《专利法》第五十条），请先在“开放许可”办理声明，或选择其他交易方式",
			FormatAppNo(p.AppNo))
	}
	return nil
}
