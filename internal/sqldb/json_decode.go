package sqldb

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"patentbridge"
)

// The decode* functions read the JSON columns of patents (as the append*
// functions or encoding/json wrote them) without reflection, for the scan of a
// screening run; TestJSONDecodeMatchesEncodingJSON holds them to encoding/json.

var errJSON = errors.New("malformed JSON column")

// jsonReader is a cursor over one JSON text.
type jsonReader struct {
	s string
	i int
}

func (r *jsonReader) ws() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (r *jsonReader) peek() byte {
	r.ws()
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

func (r *jsonReader) eat(c byte) bool {
	if r.peek() == c {
		r.i++
		return true
	}
	return false
}

// str reads a JSON string; one without escapes is a substring of the text.
func (r *jsonReader) str() (string, error) {
	if !r.eat('"') {
		return "", errJSON
	}
	start := r.i
	for r.i < len(r.s) {
		switch c := r.s[r.i]; {
		case c == '"':
			r.i++
			return r.s[start : r.i-1], nil
		case c == '\\':
			r.i = start - 1
			return r.escaped()
		default:
			r.i++
		}
	}
	return "", errJSON
}

// escaped reads a string that has escapes, rare in stored columns, through encoding/json.
func (r *jsonReader) escaped() (string, error) {
	end := r.i + 1
	for end < len(r.s) && r.s[end] != '"' {
		if r.s[end] == '\\' {
			end++
		}
		end++
	}
	if end >= len(r.s) {
		return "", errJSON
	}
	var out string
	if err := json.Unmarshal([]byte(r.s[r.i:end+1]), &out); err != nil {
		return "", err
	}
	r.i = end + 1
	return out, nil
}

// skip reads and drops one value of any type.
func (r *jsonReader) skip() error {
	switch r.peek() {
	case '"':
		_, err := r.str()
		return err
	case '[', '{':
		depth := 0
		for r.i < len(r.s) {
			switch r.s[r.i] {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			case '"':
				if _, err := r.str(); err != nil {
					return err
				}
				continue
			}
			r.i++
			if depth == 0 {
				return nil
			}
		}
		return errJSON
	}
	for r.i < len(r.s) && r.s[r.i] != ',' && r.s[r.i] != ']' && r.s[r.i] != '}' {
		r.i++
	}
	return nil
}

// each calls fn for every element of an array; null reads as empty.
func (r *jsonReader) each(fn func() error) error {
	if r.peek() == 'n' {
		return r.skip()
	}
	if !r.eat('[') {
		return errJSON
	}
	if r.eat(']') {
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		if r.eat(']') {
			return nil
		}
		if !r.eat(',') {
			return errJSON
		}
	}
}

// fields calls fn with every key of an object, positioned at its value; fn must
// read the value.
func (r *jsonReader) fields(fn func(key string) error) error {
	if r.peek() == 'n' {
		return r.skip()
	}
	if !r.eat('{') {
		return errJSON
	}
	if r.eat('}') {
		return nil
	}
	for {
		k, err := r.str()
		if err != nil {
			return err
		}
		if !r.eat(':') {
			return errJSON
		}
		if err := fn(k); err != nil {
			return err
		}
		if r.eat('}') {
			return nil
		}
		if !r.eat(',') {
			return errJSON
		}
	}
}

// decodeJSONStrings reads an array of strings.
func decodeJSONStrings(s string) ([]string, error) {
	r := &jsonReader{s: s}
	var out []string
	if r.peek() == '[' {
		out = []string{} // empty, not nil, as encoding/json decodes []
	}
	err := r.each(func() error {
		v, err := r.str()
		out = append(out, v)
		return err
	})
	return out, err
}

// decodeJSONParties reads an array of parties.
func decodeJSONParties(s string) ([]patentbridge.Party, error) {
	r := &jsonReader{s: s}
	var out []patentbridge.Party
	if r.peek() == '[' {
		out = []patentbridge.Party{} // empty, not nil, as encoding/json decodes []
	}
	err := r.each(func() error {
		var p patentbridge.Party
		err := r.fields(func(k string) error {
			var err error
			switch k {
			case "name":
				p.Name, err = r.str()
			case "type":
				var t string
				t, err = r.str()
				p.Type = patentbridge.PartyType(t)
			case "sme":
				p.SME = r.peek() == 't'
				err = r.skip()
			default:
				err = r.skip()
			}
			return err
		})
		out = append(out, p)
		return err
	})
	return out, err
}

// decodeJSONEvents reads an array of stored events.
func decodeJSONEvents(s string) ([]storedEvent, error) {
	r := &jsonReader{s: s}
	var out []storedEvent
	if r.peek() == '[' {
		out = []storedEvent{} // empty, not nil, as encoding/json decodes []
	}
	err := r.each(func() error {
		var e storedEvent
		err := r.fields(func(k string) error {
			var err error
			switch k {
			case "type":
				var t string
				t, err = r.str()
				e.Type = patentbridge.EventType(t)
			case "date":
				e.Date, err = r.str()
			case "text":
				e.Text, err = r.str()
			default:
				err = r.skip()
			}
			return err
		})
		out = append(out, e)
		return err
	})
	return out, err
}

// decodeJSONMap reads an object of strings; nil when it is empty.
func decodeJSONMap(s string) (map[string]string, error) {
	r := &jsonReader{s: s}
	var out map[string]string
	err := r.fields(func(k string) error {
		v, err := r.str()
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
		return err
	})
	return out, err
}

// fastDate reads a stored 'YYYY-MM-DD' date ("" is the zero time) without time.Parse.
func fastDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, e1 := strconv.Atoi(s[:4])
		m, e2 := strconv.Atoi(s[5:7])
		d, e3 := strconv.Atoi(s[8:])
		if e1 == nil && e2 == nil && e3 == nil && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return parseDate(s)
}
