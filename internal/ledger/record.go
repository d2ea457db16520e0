// Package ledger holds the rules of the public ledger (DESIGN §3.9) that do not
// depend on where it is stored: the canonical form of a record, the tree
// hashing of RFC 6962 through golang.org/x/mod/sumdb/tlog, and checkpoints.
package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Record is one public act as it is hashed into the log.
type Record struct {
	Kind   string    `json:"kind"`   // the act, e.g. "supply_list.publish", "open_licence.announce"
	Object string    `json:"object"` // what it is about, e.g. "supply_list:12"
	At     time.Time `json:"at"`     // when the act took effect (the store's clock, UTC)
	Data   any       `json:"data"`   // the act's public content
}

// Canonical returns the canonical JSON of a record: object keys sorted, no
// insignificant white space, no HTML escaping, numbers as written. The same
// record always gives the same bytes, and those bytes are what the log hashes.
func Canonical(r Record) ([]byte, error) {
	r.At = r.At.UTC()
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("ledger: encode record: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("ledger: decode record: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // maps encode with sorted keys
		return nil, fmt.Errorf("ledger: canonical record: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
