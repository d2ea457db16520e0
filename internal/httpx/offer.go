package httpx

import (
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
)

// ParseOfferFilter reads the market's query, for the market page and the API
// alike: kind, system and industry (or industry_key "sichuan_5_1:电子信息"),
// city (by patentbridge.ParseCityFilter), price_min and price_max in 万元 (price_max, when given, at least 1 and
// not below price_min), trl (the least), org_type, app_no, soe_shared (1 or
// true; 0, false or empty for all), status, limit, offset. Returns EINVALID
// naming the parameter.
func ParseOfferFilter(q url.Values) (patentbridge.OfferFilter, error) {
	f := patentbridge.OfferFilter{Kind: patentbridge.OfferKind(strings.TrimSpace(q.Get("kind"))),
		System: strings.TrimSpace(q.Get("system")), Industry: strings.TrimSpace(q.Get("industry")),
		City: strings.TrimSpace(q.Get("city")), OrgType: patentbridge.PartyType(strings.TrimSpace(q.Get("org_type"))),
		AppNo: strings.TrimSpace(q.Get("app_no")), Status: strings.TrimSpace(q.Get("status"))}
	switch v := strings.TrimSpace(q.Get("soe_shared")); v {
	case "1", "true":
		f.SOEShared = true
	case "", "0", "false":
	default:
		return f, patentbridge.FieldErrorf("soe_shared", "国企成熟专利共享（soe_shared）%q 无效：应为 1（仅看共享专利）或留空", patentbridge.ClipValue(v))
	}
	var err error
	if f.City, err = patentbridge.ParseCityFilter(f.City); err != nil {
		return f, err
	}
	if key := strings.TrimSpace(q.Get("industry_key")); key != "" {
		sys, name, ok := strings.Cut(key, ":")
		if !ok || sys == "" || name == "" {
			return f, patentbridge.FieldErrorf("industry_key", "产业（industry_key）%q 无效：应为“产业体系:产业名称”，如 sichuan_5_1:电子信息", patentbridge.ClipValue(key))
		}
		f.System, f.Industry = sys, name
	}
	num := func(key, label string, max int64) (int64, error) {
		v := strings.TrimSpace(q.Get(key))
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > max {
			return 0, patentbridge.FieldErrorf(key, "%s %q 无效：应为 0 到 %d 之间的整数", label, patentbridge.ClipValue(v), max)
		}
		return n, nil
	}
	var lo, hi, trl, limit, offset int64
	if lo, err = num("price_min", "最低价格（万元）", 1_000_000); err != nil {
		return f, err
	}
	if hi, err = num("price_max", "最高价格（万元）", 1_000_000); err != nil {
		return f, err
	}
	switch {
	case q.Has("price_max") && strings.TrimSpace(q.Get("price_max")) != "" && hi == 0:
		return f, patentbridge.FieldErrorf("price_max", "最高价格（万元）应至少为 1；不限价格请留空")
	case hi > 0 && lo > hi:
		return f, patentbridge.FieldErrorf("price_max", "最高价格 %d 万元低于最低价格 %d 万元", hi, lo)
	}
	f.MinFen, f.MaxFen = lo*1_000_000, hi*1_000_000
	if trl, err = num("trl", "技术成熟度", 9); err != nil {
		return f, err
	}
	if limit, err = num("limit", "每页条数", 1000); err != nil {
		return f, err
	}
	if offset, err = num("offset", "偏移量", 1<<40); err != nil {
		return f, err
	}
	f.MinTRL, f.Limit, f.Offset = int(trl), int(limit), int(offset)
	return f, nil
}

// OfferView is an offer as the API and the pages show it.
type OfferView struct {
	*patentbridge.Offer
	KindLabel   string `json:"kind_label"`
	PriceLabel  string `json:"price_label"`
	StatusLabel string `json:"status_label"`
	// IndustryLabels name Industries in Chinese ("“5+1”现代产业体系·电子信息").
	IndustryLabels []string `json:"industry_labels"`
	PublishedAt    string   `json:"published_at,omitempty"` // RFC 3339
	WithdrawnAt    string   `json:"withdrawn_at,omitempty"`
}

// NewOfferView returns the view of o.
func NewOfferView(o *patentbridge.Offer) OfferView {
	v := OfferView{Offer: o, KindLabel: o.Kind.Label(), PriceLabel: o.PriceLabel(), StatusLabel: o.StatusLabel(), IndustryLabels: []string{}}
	for _, k := range o.Industries {
		v.IndustryLabels = append(v.IndustryLabels, patentbridge.IndustryKeyLabel(k))
	}
	if !o.PublishedAt.IsZero() {
		v.PublishedAt = o.PublishedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	if !o.WithdrawnAt.IsZero() {
		v.WithdrawnAt = o.WithdrawnAt.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	return v
}
