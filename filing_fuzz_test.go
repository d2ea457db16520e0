package patentbridge_test

import (
	"testing"

	"patentbridge"
)

// No filing or service record, however malformed, makes validation panic;
// an accepted one has normalized application numbers and known sources.
func FuzzFilingValidate(f *testing.F) {
	f.Add("成都芯动科技有限公司", "91510100MA61A0001R", "车规级MCU", "ZL202110000001.6", "受让", int64(100), 2025)
	f.Add("", "x", "", "", "赠与", int64(-1), 0)
	f.Fuzz(func(t *testing.T, org, code, product, appNo, source string, fen int64, year int) {
		src, _ := patentbridge.ParsePatentSource(source)
		pf := &patentbridge.ProductFiling{OrgName: org, CreditCode: code, Product: product, FiledOn: filingToday,
			Patents: []patentbridge.FiledPatent{{AppNo: appNo, Source: src}}, Years: []patentbridge.FilingYear{{Year: year, OutputFen: fen, SalesFen: fen}}}
		if pf.Validate(filingToday) == nil {
			if _, _, err := patentbridge.NormalizeAppNo(pf.Patents[0].AppNo); err != nil || pf.Patents[0].Source == "" {
				t.Fatalf("accepted %+v", pf)
			}
		}
		st, _ := patentbridge.ParseServiceType(source)
		r := &patentbridge.ServiceRecord{CommissionerName: org, OrgName: product, CreditCode: code, Type: st, Outcome: appNo, ServedOn: filingToday}
		_ = r.Validate(filingToday)
	})
}
