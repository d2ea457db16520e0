package sqldb

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"patentbridge"
)

// Values of screening_results.excluded_decl: how a patent that met every other
// criterion was excluded through its institution's declaration.
const (
	exclByReason      = "reason"      // a justified reason (criterion no_justified_reason)
	exclByImplemented = "implemented" // an implementation declaration, and no deal on record
)

// declaredPrefix starts the evidence of not_implemented when its first item is an
// implementation declaration; internal/screen lists recorded deals before
// declarations, so such evidence names no deal.
const declaredPrefix = "声明已实施："

// excludedDecl returns the excluded_decl marker of a result ("" when it is
// sleeping, failed an earlier criterion, or was really implemented).
func excludedDecl(r *patentbridge.ScreeningResult) string {
	if r.Sleeping {
		return ""
	}
	var impl, reason patentbridge.CriterionResult
	for _, c := range r.Criteria {
		switch c.Criterion {
		case patentbridge.CritNotImplemented:
			impl = c
		case patentbridge.CritNoReason:
			reason = c
		default:
			if c.Outcome != patentbridge.Met {
				return ""
			}
		}
	}
	switch {
	case impl.Outcome == patentbridge.Failed && strings.HasPrefix(impl.Evidence, declaredPrefix):
		return exclByImplemented
	case impl.Outcome == patentbridge.Met && reason.Outcome == patentbridge.Failed:
		return exclByReason
	}
	return ""
}

// Tag prefixes of screening_results.tags, by SleepingFilter.System.
var systemTags = map[string]string{"sichuan_5_1": "s51:", "advantage_6": "a6:", "agri_10_3": "a103:"}

// cityTag prefixes the tag of a listed result's city (ScreeningResult.City).
const cityTag = "c:"

// tagCity returns the city tag of a tags column, "" when it has none (a run
// from before results kept their city).
func tagCity(tags string) string {
	i := strings.Index(tags, "|"+cityTag)
	if i < 0 {
		return ""
	}
	rest := tags[i+1+len(cityTag):]
	if j := strings.IndexByte(rest, '|'); j >= 0 {
		return rest[:j]
	}
	return rest
}

// appendTags appends the result's tags, '|'-separated and '|'-terminated after a
// leading '|': the city the pool counts the patent under ("c:5101"), industries
// by system, SEI codes with each of their ancestors ("5" and "5.2" for 5.2),
// and the high-value flags.
func appendTags(b []byte, r *patentbridge.ScreeningResult) []byte {
	b = append(b, '|')
	if r.City != "" {
		b = append(append(append(b, cityTag...), r.City...), '|')
	}
	add := func(prefix string, names []string) {
		for _, n := range names {
			b = append(append(append(b, prefix...), n...), '|')
		}
	}
	c := &r.Classes
	add("s51:", c.Sichuan51)
	add("a6:", c.Advantage6)
	add("a103:", c.Agri103)
	for _, code := range c.SEI {
		for i := 0; i < len(code); i++ {
			if code[i] == '.' {
				b = append(append(append(b, "sei:"...), code[:i]...), '|')
			}
		}
		b = append(append(append(b, "sei:"...), code...), '|')
	}
	add("f:", r.Flags)
	return b
}

// appendJSONCriteria appends criteria as [[criterion, outcome, evidence], …].
func appendJSONCriteria(b []byte, cs []patentbridge.CriterionResult) []byte {
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, string(c.Criterion))
		b = append(b, ',')
		b = appendJSONString(b, string(c.Outcome))
		b = append(b, ',')
		b = appendJSONString(b, c.Evidence)
		b = append(b, ']')
	}
	return append(b, ']')
}

// decodeCriteria reads what appendJSONCriteria wrote.
func decodeCriteria(s string) ([]patentbridge.CriterionResult, error) {
	var raw [][3]string
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("sqldb: stored criteria: %w", err)
	}
	out := make([]patentbridge.CriterionResult, len(raw))
	for i, x := range raw {
		out[i] = patentbridge.CriterionResult{Criterion: patentbridge.Criterion(x[0]), Outcome: patentbridge.Outcome(x[1]), Evidence: x[2]}
	}
	return out, nil
}

// appendJSONClasses appends a classification as encoding/json would.
func appendJSONClasses(b []byte, c *patentbridge.Classification) []byte {
	b = append(b, `{"wipo_fields":`...)
	if c.WIPOFields == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range c.WIPOFields {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(f), 10)
		}
		b = append(b, ']')
	}
	for _, f := range []struct {
		key string
		v   []string
	}{{`,"sei":`, c.SEI}, {`,"sichuan_5_1":`, c.Sichuan51}, {`,"advantage_6":`, c.Advantage6}, {`,"agri_10_3":`, c.Agri103}} {
		b = append(b, f.key...)
		b = appendJSONNullableStrings(b, f.v)
	}
	b = append(b, `,"agricultural":`...)
	b = strconv.AppendBool(b, c.Agricultural)
	return append(b, '}')
}

// appendJSONNullableStrings writes null for a nil slice, as encoding/json does.
func appendJSONNullableStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	return appendJSONStrings(b, ss)
}

// encodeVectors packs the normalized and raw vectors as little-endian float32.
func encodeVectors(norm, raw []float32) []byte {
	b := make([]byte, 0, 4*(len(norm)+len(raw)))
	for _, v := range norm {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	for _, v := range raw {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// decodeVectors unpacks what encodeVectors wrote for n indicators.
func decodeVectors(b []byte, n int) (norm, raw []float32, err error) {
	if len(b) != 8*n {
		return nil, nil, fmt.Errorf("sqldb: stored indicator vectors have %d bytes, want %d", len(b), 8*n)
	}
	v := make([]float32, 2*n)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v[:n], v[n:], nil
}
