package screen

import (
	"bytes"
	"encoding/csv"
	"patentbridge"
	"strings"
)

// Systems lists the Sichuan industry systems a user can filter on (patentbridge.Systems).
var Systems = patentbridge.Systems

// MappingIndustries returns the industry names of a system in the embedded
// mapping's order, or nil for an unknown system; it must equal
// patentbridge.Industries (a test holds them together).
func MappingIndustries(system string) []string {
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
