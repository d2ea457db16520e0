package patentbridge

import (
	"errors"
	"strings"
	"testing"
)

func cityNames(code string) string {
	return map[string]string{"5101": "成都市", "5107": "绵阳市"}[code]
}

func TestSupplyListHeading(t *testing.T) {
	for _, tc := range []struct {
		l    SupplyList
		want string
	}{
		{SupplyList{Year: 2026, Number: 1}, "四川省专利技术供给清单（2026年第1期）"},
		{SupplyList{CityCode: "5101", Year: 2026, Number: 1}, "成都市专利技术供给清单（2026年第1期）"},
		{SupplyList{CityCode: "510107", Year: 2026, Number: 3}, "成都市专利技术供给清单（2026年第3期）"},
		{SupplyList{CityCode: "5107"}, "绵阳市专利技术供给清单（未编号）"},
	} {
		if got := tc.l.Heading(cityNames); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.l, got, tc.want)
		}
	}
	if err := CheckPublishConfirmed(false); ErrorField(err) != "confirm" {
		t.Errorf("unconfirmed publish: %v", err)
	}
	if err := CheckPublishConfirmed(true); err != nil {
		t.Errorf("confirmed publish: %v", err)
	}
}

func TestPickSupplyList(t *testing.T) {
	prov := &SupplyList{ID: 1, Title: "全省A级", Status: ListPublished, Year: 2026, Number: 2}
	cd := &SupplyList{ID: 2, Title: "成都高校", Status: ListPublished, CityCode: "5101", Year: 2026, Number: 2}
	my := &SupplyList{ID: 3, Title: "绵阳第一期", Status: ListPublished, CityCode: "5107", Year: 2026, Number: 1}
	gone := &SupplyList{ID: 4, Title: "已撤回", Status: ListWithdrawn, Year: 2025, Number: 1}
	lists := []*SupplyList{prov, cd, my, gone}
	for _, tc := range []struct {
		raw, own string
		want     int64
		code     string
	}{
		{"2026年第2期", "", 0, EINVALID}, // an administrator sees both issuers' lists
		{"2026年第2期", "5101", 2, ""},
		{"成都市2026年第2期", "", 2, ""},
		{"成都市专利技术供给清单（2026年第2期）", "", 2, ""},
		{"四川省专利技术供给清单（2026 年 第 2 期）", "5101", 1, ""},
		{"2026年第1期", "", 3, ""},
		{"绵阳第一期", "", 3, ""},
		{"2026年第2期", "5107", 0, EINVALID},
		{"2026年第2期", "510104", 2, ""},
		{"四川省2026年第2期", "", 1, ""},
		{"2025年第1期", "", 0, ENOTFOUND},
		{"1", "", 0, ENOTFOUND},
		{"", "", 0, EINVALID},
	} {
		l, err := PickSupplyList(lists, tc.raw, cityNames, tc.own)
		if ErrorCode(err) != tc.code || tc.code == "" && l.ID != tc.want {
			t.Errorf("%q (own %q) = %v, %v; want list %d %s", tc.raw, tc.own, l, err, tc.want, tc.code)
		}
	}
}

func TestPickSupplyListAmbiguous(t *testing.T) {
	cd := &SupplyList{ID: 2, Status: ListPublished, CityCode: "5101", Year: 2026, Number: 1}
	prov := &SupplyList{ID: 1, Status: ListPublished, Year: 2026, Number: 1}
	_, err := PickSupplyList([]*SupplyList{cd, prov}, "2026年第1期", cityNames, "")
	want := "2026年第1期 有多份清单：四川省2026年第1期、成都市2026年第1期，请写明发布单位"
	if ErrorField(err) != "list" || ErrorMessage(err) != want {
		t.Fatalf("ambiguous number: %v; want %q", err, want)
	}
	var a *AmbiguousSupplyNumber
	if !errors.As(err, &a) || strings.Join(a.Choices, " ") != "四川省2026年第1期 成都市2026年第1期" {
		t.Errorf("choices of %v: %+v", err, a)
	}
	for _, c := range a.Choices {
		if _, err := PickSupplyList([]*SupplyList{cd, prov}, c, cityNames, ""); err != nil {
			t.Errorf("choice %q: %v", c, err)
		}
	}
}
