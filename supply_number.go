package patentbridge

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// supplyNumber finds a list's number as users cite it, "2026年第2期".
var supplyNumber = regexp.MustCompile(`(\d{4})\s*年\s*第\s*(\d{1,4})\s*期`)

// PickSupplyList finds among lists the published one a user cites by its
// number: "2026年第2期", with its issuer's name ("成都市2026年第2期", or the heading
// "成都市专利技术供给清单（2026年第2期）"), or by its exact title. A number without
// an issuer means the list of own (the user's own issuer: a city user's city
// code) when there is one, else the only list of that number; own is "" for a
// user who sees every issuer's lists alike (an administrator), to whom a number
// several issuers bear is ambiguous. cityName resolves city codes (may be nil).
// Returns EINVALID naming the field "list" for an empty, overlong or ambiguous
// text (an ambiguous number as *AmbiguousSupplyNumber), ENOTFOUND.
func PickSupplyList(lists []*SupplyList, raw string, cityName func(string) string, own string) (*SupplyList, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return nil, FieldErrorf("list", "请填写供给清单的期号，如“2026年第2期”")
	case utf8.RuneCountInString(raw) > 100:
		return nil, FieldErrorf("list", "供给清单期号不能超过100个字")
	}
	var published []*SupplyList
	for _, l := range lists {
		if l.Status == ListPublished {
			published = append(published, l)
		}
	}
	m := supplyNumber.FindStringSubmatchIndex(raw)
	if m == nil {
		for _, l := range published {
			if l.Title == raw {
				return l, nil
			}
		}
		return nil, Errorf(ENOTFOUND, "没有期号或标题为“%s”的已发布供给清单；请按期号填写，如“2026年第2期”", raw)
	}
	year, _ := strconv.Atoi(raw[m[2]:m[3]])
	number, _ := strconv.Atoi(raw[m[4]:m[5]])
	issuer := strings.NewReplacer("专利技术供给清单", "", "（", "", "(", "", "《", "", " ", "").Replace(raw[:m[0]])
	var found []*SupplyList
	for _, l := range published {
		if l.Year == year && l.Number == number && (issuer == "" || strings.HasPrefix(l.IssuerName(cityName), issuer)) {
			found = append(found, l)
		}
	}
	if len(found) > 1 && issuer == "" {
		for _, l := range found {
			if own != "" && l.Issuer() == cityOf(own) {
				return l, nil
			}
		}
		return nil, ambiguousNumber(found, cityName)
	}
	if len(found) == 0 {
		return nil, Errorf(ENOTFOUND, "没有%s%d年第%d期的已发布供给清单", issuer, year, number)
	}
	return found[0], nil
}

// AmbiguousSupplyNumber is the error of a bare number ("2026年第1期") that lists
// of several issuers bear: EINVALID naming the field "list", with Choices, what
// cites each of those lists ("四川省2026年第1期", "成都市2026年第1期"), for a
// page to offer; errors.As finds its *Error.
type AmbiguousSupplyNumber struct {
	Err     *Error
	Choices []string
}

// Error implements the error interface.
func (e *AmbiguousSupplyNumber) Error() string { return e.Err.Error() }

// Unwrap returns the *Error, so ErrorCode, ErrorMessage and ErrorField read it.
func (e *AmbiguousSupplyNumber) Unwrap() error { return e.Err }

// ambiguousNumber tells that the lists found bear one number, naming them with
// their issuers, the province's first, then by city code.
func ambiguousNumber(found []*SupplyList, cityName func(string) string) *AmbiguousSupplyNumber {
	sort.SliceStable(found, func(i, j int) bool { return found[i].Issuer() < found[j].Issuer() })
	choices := make([]string, len(found))
	for i, l := range found {
		choices[i] = l.IssuerName(cityName) + l.NumberLabel()
	}
	n := found[0].NumberLabel()
	return &AmbiguousSupplyNumber{Choices: choices,
		Err: FieldErrorf("list", "%s 有多份清单：%s，请写明发布单位", n, strings.Join(choices, "、"))}
}
