package sqldb

import (
	"slices"
	"unicode/utf8"

	"patentbridge"
)

// The append* functions encode the JSON columns of patents as encoding/json
// would (without HTML escaping) but without reflection, which took half of a
// bulk import's encoding time. TestJSONAppendMatchesEncodingJSON holds them to
// encoding/json's output.

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONStrings appends a JSON array of strings ([] for nil).
func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONParties appends a JSON array of parties ([] for nil).
func appendJSONParties(b []byte, ps []patentbridge.Party) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendJSONString(b, p.Name)
		b = append(b, `,"type":`...)
		b = appendJSONString(b, string(p.Type))
		if p.SME {
			b = append(b, `,"sme":true`...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONEvents appends a JSON array of stored events ([] for nil).
func appendJSONEvents(b []byte, es []storedEvent) []byte {
	b = append(b, '[')
	for i, e := range es {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":`...)
		b = appendJSONString(b, string(e.Type))
		if e.Date != "" {
			b = append(b, `,"date":`...)
			b = appendJSONString(b, e.Date)
		}
		if e.Text != "" {
			b = append(b, `,"text":`...)
			b = appendJSONString(b, e.Text)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONMap appends a JSON object with sorted keys ({} for nil).
func appendJSONMap(b []byte, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return append(b, '}')
}
