package httpx

import (
	"strconv"
	"strings"

	"patentbridge"
)

// OfferForm is an offer's fields as the web form carries them: the patents'
// application numbers one a line (or separated by commas or spaces), the price
// in 万元, the TRL as typed; Organization is the admin's choice of the
// offering organization (a registry name or id).
type OfferForm struct {
	AppNos, Kind, Title, Price, Terms, TRL, Fields, Problem, Advantage, Contact string
	Organization                                                                string
	Negotiable, SOEShared                                                       bool
}

// OfferFormOf reads the posted offer form through get, a url.Values' Get.
func OfferFormOf(get func(string) string) OfferForm {
	return OfferForm{AppNos: get("app_nos"), Kind: get("kind"), Title: get("title"), Price: get("price"), Terms: get("terms"),
		TRL: get("trl"), Fields: get("fields"), Problem: get("problem"), Advantage: get("advantage"), Contact: get("contact"),
		Organization: get("organization"), Negotiable: get("negotiable") == "yes", SOEShared: get("soe_shared") == "yes"}
}

// SplitAppNos splits a list of application numbers typed one a line, or
// separated by commas, semicolons or spaces.
func SplitAppNos(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ';' || r == '；' || r == '、' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000'
	})
}

// Offer turns the form into an offer (the service checks the rules). Returns
// EINVALID naming the field for an unreadable price or TRL.
func (f OfferForm) Offer() (*patentbridge.Offer, error) {
	o := &patentbridge.Offer{Kind: patentbridge.OfferKind(strings.TrimSpace(f.Kind)), Title: f.Title, AppNos: SplitAppNos(f.AppNos),
		Negotiable: f.Negotiable, Terms: f.Terms, Fields: f.Fields, Problem: f.Problem, Advantage: f.Advantage,
		Contact: f.Contact, SOEShared: f.SOEShared}
	if p := strings.TrimSpace(f.Price); p != "" {
		fen, err := ParseYuan("price", p) // 万元 read as yuan: fen of 1/10000 the price
		if err != nil {
			return nil, patentbridge.FieldErrorf("price", "报价 %q 无效：请填写万元，最多两位小数", patentbridge.ClipValue(p))
		}
		if fen > patentbridge.OfferPriceMaxFen {
			fen = patentbridge.OfferPriceMaxFen/10_000 + 1 // over the limit either way: Validate says so
		}
		o.PriceFen = fen * 10_000
	}
	if t := strings.TrimSpace(f.TRL); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			return nil, patentbridge.FieldErrorf("trl", "技术成熟度（TRL）%q 无效：应为 1 到 9 级", patentbridge.ClipValue(t))
		}
		o.TRL = n
	}
	return o, nil
}
