package sqldb

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strconv"

	"patentbridge"
)

// patentColumns are the patents table's columns in the order of patentRow.vals.
// The columns from "app_no" to before "source" make up the content hash.
var patentColumns = []string{
	"id", "app_no", "kind", "pub_no", "grant_no", "title", "abstract", "first_claim",
	"app_date", "pub_date", "grant_date", "lapse_date", "status", "status_text",
	"main_ipc", "ipc", "region_code", "city_code", "address", "agency", "priority",
	"pct_app_no", "forward_citations", "backward_citations", "family_size",
	"claims_count", "transfer_count", "licence_count", "pledge_count",
	"applicants", "patentees", "inventors", "events", "extra",
	"source", "content_hash", "created_at", "updated_at", "app_no_check_computed",
}

// Columns of the child tables and the outbox, in the order of patentRow's rows.
var (
	ipcColumns    = []string{"patent_id", "code", "is_main"}
	ownerColumns  = []string{"patent_id", "pos", "name", "type"}
	changeColumns = []string{"app_no", "op", "changed_at"}
)

// Positions in patentColumns that the writers fill in.
var (
	colAppNo     = slices.Index(patentColumns, "app_no")
	colSource    = slices.Index(patentColumns, "source")
	colHash      = slices.Index(patentColumns, "content_hash")
	colCreatedAt = slices.Index(patentColumns, "created_at")
	colUpdatedAt = slices.Index(patentColumns, "updated_at")
)

// patentRow is a patent encoded as column values plus its child rows; the
// writer gives it an id (setID) once it knows whether the patent is new.
type patentRow struct {
	appNo  string
	hash   string
	vals   []any
	ipc    [][]any // patent_id, code, is_main
	owners [][]any // patent_id, pos, name, type
}

// setID sets the patent's id in its row and in its child rows.
func (r *patentRow) setID(id int64) {
	r.vals[0] = id
	for _, c := range r.ipc {
		c[0] = id
	}
	for _, c := range r.owners {
		c[0] = id
	}
}

// storedEvent is a legal event as kept in the events JSON column.
type storedEvent struct {
	Type patentbridge.EventType `json:"type"`
	Date string                 `json:"date,omitempty"`
	Text string                 `json:"text,omitempty"`
}

// encodePatent turns a patent into a row; the content hash covers every field
// except Source and UpdatedAt.
func encodePatent(p *patentbridge.Patent, now string) *patentRow {
	events := make([]storedEvent, len(p.Events))
	for i, e := range p.Events {
		events[i] = storedEvent{Type: e.Type, Date: patentbridge.FormatDate(e.Date), Text: e.Text}
	}
	// The six JSON columns share one buffer and one string.
	var ends [6]int
	b := make([]byte, 0, 1024)
	b = appendJSONStrings(b, p.IPC)
	ends[0] = len(b)
	b = appendJSONParties(b, p.Applicants)
	ends[1] = len(b)
	b = appendJSONParties(b, p.Patentees)
	ends[2] = len(b)
	b = appendJSONStrings(b, p.Inventors)
	ends[3] = len(b)
	b = appendJSONEvents(b, events)
	ends[4] = len(b)
	b = appendJSONMap(b, p.Extra)
	ends[5] = len(b)
	all := string(b)
	var jsons [6]string
	for i, end := range ends {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		jsons[i] = all[start:end]
	}
	city := ""
	if len(p.RegionCode) >= 4 {
		city = p.RegionCode[:4]
	}
	r := &patentRow{appNo: p.AppNo}
	r.vals = []any{
		nil, p.AppNo, string(p.Kind), p.PubNo, p.GrantNo, p.Title, p.Abstract, p.FirstClaim,
		patentbridge.FormatDate(p.AppDate), patentbridge.FormatDate(p.PubDate),
		patentbridge.FormatDate(p.GrantDate), patentbridge.FormatDate(p.LapseDate),
		string(p.Status), p.StatusText, p.MainIPC, jsons[0], p.RegionCode, city,
		p.Address, p.Agency, p.Priority, p.PCTAppNo,
		int64(p.ForwardCitations), int64(p.BackwardCitations), int64(p.FamilySize),
		int64(p.ClaimsCount), int64(p.TransferCount), int64(p.LicenceCount), int64(p.PledgeCount),
		jsons[1], jsons[2], jsons[3], jsons[4], jsons[5],
		p.Source, "", now, now, boolInt(p.AppNoCheckComputed),
	}
	// The computed-check flag joins the hash only when set, so the hashes of
	// every patent stored before it existed stay valid.
	hashed := r.vals[colAppNo:colSource:colSource]
	if p.AppNoCheckComputed {
		hashed = append(hashed, "app_no_check_computed")
	}
	r.hash = contentHash(hashed)
	r.vals[colHash] = r.hash

	seen := make(map[string]bool, len(p.IPC)+1)
	codes, main := p.IPC, p.MainIPC
	if main == "" && len(codes) > 0 {
		main = codes[0]
	} else if main != "" && !slices.Contains(codes, main) {
		codes = append([]string{main}, codes...)
	}
	for _, c := range codes {
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		r.ipc = append(r.ipc, []any{nil, c, c == main})
	}
	for i, o := range p.Owners() {
		r.owners = append(r.owners, []any{nil, int64(i), o.Name, string(o.Type)})
	}
	return r
}

// contentHash is a SHA-256 over the length-prefixed column values.
func contentHash(vals []any) string {
	buf := make([]byte, 0, 4096)
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			buf = binary.AppendUvarint(buf, uint64(len(x)))
			buf = append(buf, x...)
		case int64:
			buf = strconv.AppendInt(buf, x, 10)
			buf = append(buf, 0)
		}
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}
