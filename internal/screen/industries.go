package screen

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// Systems lists the Sichuan industry systems a user can filter on, in display order.
var Systems = []string{System51, SystemAdvantage6, SystemAgri103}

// SystemLabel returns the Chinese name of an industry system, or "" for an unknown one.
func SystemLabel(system string) string {
	switch system {
	case System51:
		return "“5+1”现代产业体系"
	case SystemAdvantage6:
		return "六大优势产业"
	case SystemAgri103:
		return "农业“10+3”产业体系"
	case SystemAgricultural:
		return "涉农专利"
	}
	return ""
}

// Industries returns the industry names of a system in the embedded mapping's
// order ("川粮油", "川猪", … for SystemAgri103), or nil for an unknown system.
func Industries(system string) []string {
	cr := csv.NewReader(bytes.NewReader(sichuanCSV))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		// The mapping is embedded in the binary: failing to parse it is a build defect.
		panic("screen: embedded Sichuan mapping is invalid: " + err.Error())
	}
	var out []string
	for i, rec := range recs {
		if i == 0 || len(rec) < 2 || rec[0] != system {
			continue
		}
		if name := strings.TrimSpace(rec[1]); name != "" {
			out = append(out, name)
		}
	}
	return out
}
