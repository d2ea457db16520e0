package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/ledger"
)

// ledgerPageSize is the number of entries per page of /ledger.
const ledgerPageSize = 50

// ledgerRow is one entry of the public ledger as the pages show it.
type ledgerRow struct {
	Index      int64
	At         string // Beijing time, "2006-01-02 15:04:05"
	Kind       string
	KindLabel  string
	Object     string
	ObjectHref string // the object's public page, "" when it has none
}

// ledgerView is the data of /ledger.
type ledgerView struct {
	Checkpoint *patentbridge.LedgerCheckpoint // nil while the ledger is empty
	RootHash   string
	PublicKey  string
	Entries    []ledgerRow
	Total      int64
	Pager      httpx.Pager
}

// ledgerEntryView is the data of /ledger/{index}.
type ledgerEntryView struct {
	ledgerRow
	Record   string // pretty-printed for reading; the script hashes the exact bytes from the API
	LeafHash string
}

func newLedgerRow(e *patentbridge.LedgerEntry) ledgerRow {
	return ledgerRow{Index: e.Index, At: e.At.In(beijing).Format("2006-01-02 15:04:05"), Kind: e.Kind,
		KindLabel: patentbridge.LedgerKindLabel(e.Kind), Object: e.Object, ObjectHref: ledgerObjectHref(e.Object)}
}

// ledgerObjectHref is the public page of a ledger entry's object ("supply_list:12" → /supply/12).
func ledgerObjectHref(object string) string {
	kind, id, ok := strings.Cut(object, ":")
	if n, err := strconv.ParseInt(id, 10, 64); !ok || err != nil || n <= 0 {
		return ""
	}
	switch kind {
	case "supply_list":
		return "/supply/" + id
	case "open_licence":
		return "/open-licences/" + id
	case "offer":
		return "/market/" + id
	case "pool":
		return "/pools/" + id
	}
	return "" // a licence's record is its parties' page, not a public one
}

// ledgerPage serves /ledger?page=N: the latest checkpoint, the public key, how
// to verify, and the entries newest first.
func (s *Server) ledgerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	offset, err := httpx.PageOffset(r.URL.Query(), ledgerPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := ledgerView{PublicKey: s.Ledger.LedgerVerifierKey()}
	if v.Checkpoint, err = s.Ledger.Checkpoint(ctx); err != nil && patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
		s.errorPage(w, r, err)
		return
	} else if v.Checkpoint != nil {
		v.RootHash = ledger.EncodeHash(v.Checkpoint.RootHash)
	}
	es, total, err := s.Ledger.ListEntries(ctx, offset, ledgerPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, e := range es {
		v.Entries = append(v.Entries, newLedgerRow(e))
	}
	v.Total = total
	v.Pager = httpx.NewPager("/ledger", url.Values{}, int(total), ledgerPageSize, offset)
	s.render(w, r, http.StatusOK, "ledger", "公共账本", "ledger", v)
}

// ledgerEntry serves /ledger/{index}: the record, its leaf hash and the
// in-browser check of its inclusion in the latest checkpoint.
func (s *Server) ledgerEntry(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.PathValue("index"), 10, 64)
	if err != nil || n < 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "公共账本中没有序号为 %q 的记录", r.PathValue("index")))
		return
	}
	e, err := s.Ledger.Entry(r.Context(), n)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := ledgerEntryView{ledgerRow: newLedgerRow(e), Record: string(e.Record), LeafHash: ledger.EncodeHash(e.LeafHash)}
	var buf bytes.Buffer
	if json.Indent(&buf, e.Record, "", "  ") == nil {
		v.Record = buf.String()
	}
	s.render(w, r, http.StatusOK, "ledger_entry", "公共账本 · 序号 "+strconv.FormatInt(n, 10), "ledger", v)
}

// ledgerRoutes are the public ledger's pages; anyone may read them.
func (s *Server) ledgerRoutes() []httpx.Route {
	if s.Ledger == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /ledger", httpx.Anyone, s.ledgerPage),
		httpx.NewRoute("GET /ledger/{index}", httpx.Anyone, s.ledgerEntry),
	}
}
