package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/ledger"
)

// ledgerEntryView is an entry as the API serves it: record is the exact bytes
// that were hashed, as a JSON string, so that anyone can hash it again.
type ledgerEntryView struct {
	Index    int64     `json:"index"`
	Record   string    `json:"record"`
	LeafHash string    `json:"leaf_hash"`
	Kind     string    `json:"kind"`
	Object   string    `json:"object"`
	At       time.Time `json:"at"`
}

func newLedgerEntryView(e *patentbridge.LedgerEntry) ledgerEntryView {
	return ledgerEntryView{Index: e.Index, Record: string(e.Record), LeafHash: ledger.EncodeHash(e.LeafHash),
		Kind: e.Kind, Object: e.Object, At: e.At.UTC()}
}

// ledgerProofView is an inclusion or consistency proof, hashes in base64.
type ledgerProofView struct {
	Index    *int64   `json:"index,omitempty"`
	First    *int64   `json:"first,omitempty"`
	Second   *int64   `json:"second,omitempty"` // = size, for consistency proofs
	Size     int64    `json:"size"`
	RootHash string   `json:"root_hash"`
	OldRoot  string   `json:"first_root_hash,omitempty"`
	Proof    []string `json:"proof"`
}

func proofStrings(hs []patentbridge.LedgerHash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = ledger.EncodeHash(h)
	}
	return out
}

// ledgerInt reads a non-negative integer parameter; def when absent (-1: required). Returns EINVALID.
func ledgerInt(v, key, label string, def int64) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" && def >= 0 {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, patentbridge.FieldErrorf(key, "%s %q 无效：应为非负整数", label, v)
	}
	return n, nil
}

// getLedgerCheckpoint serves GET /api/v1/ledger/checkpoint: the latest signed note, as text.
func (s *Server) getLedgerCheckpoint(w http.ResponseWriter, r *http.Request) {
	c, err := s.Ledger.Checkpoint(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(c.Note))
}

// getLedgerKey serves GET /api/v1/ledger/key: the public verifier key of the checkpoints, as text.
func (s *Server) getLedgerKey(w http.ResponseWriter, r *http.Request) {
	k := s.Ledger.LedgerVerifierKey()
	if k == "" {
		s.error(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "尚未配置公共账本的签名密钥"))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(k + "\n"))
}

// listLedgerEntries serves GET /api/v1/ledger/entries?limit=&offset=, newest first.
func (s *Server) listLedgerEntries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := ledgerInt(q.Get("limit"), "limit", "每页条数", 50)
	if err == nil && (limit < 1 || limit > 200) {
		err = patentbridge.FieldErrorf("limit", "每页条数应在 1 到 200 之间")
	}
	var offset int64
	if err == nil {
		offset, err = ledgerInt(q.Get("offset"), "offset", "偏移量", 0)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	es, total, err := s.Ledger.ListEntries(r.Context(), int(offset), int(limit))
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]ledgerEntryView, len(es))
	for i, e := range es {
		items[i] = newLedgerEntryView(e)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "limit": limit, "offset": offset, "items": items})
}

// getLedgerEntry serves GET /api/v1/ledger/entries/{index}.
func (s *Server) getLedgerEntry(w http.ResponseWriter, r *http.Request) {
	i, err := ledgerInt(r.PathValue("index"), "index", "账本序号", -1)
	if err != nil {
		s.error(w, r, err)
		return
	}
	e, err := s.Ledger.Entry(r.Context(), i)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newLedgerEntryView(e))
}

// latestSize is the size parameter, or the latest checkpoint's when it is absent.
func (s *Server) latestSize(r *http.Request, key string) (int64, error) {
	if v := r.URL.Query().Get(key); v != "" {
		return ledgerInt(v, key, "树的大小", -1)
	}
	c, err := s.Ledger.Checkpoint(r.Context())
	if err != nil {
		return 0, err
	}
	return c.Size, nil
}

// getInclusionProof serves GET /api/v1/ledger/proof/inclusion?index=I&size=N
// (size: the latest checkpoint's when absent).
func (s *Server) getInclusionProof(w http.ResponseWriter, r *http.Request) {
	i, err := ledgerInt(r.URL.Query().Get("index"), "index", "账本序号", -1)
	var size int64
	if err == nil {
		size, err = s.latestSize(r, "size")
	}
	var p *patentbridge.LedgerProof
	if err == nil {
		p, err = s.Ledger.InclusionProof(r.Context(), i, size)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ledgerProofView{Index: &p.Index, Size: p.Size, RootHash: ledger.EncodeHash(p.RootHash), Proof: proofStrings(p.Hashes)})
}

// getConsistencyProof serves GET /api/v1/ledger/proof/consistency?first=M&second=N
// (second: the latest checkpoint's when absent).
func (s *Server) getConsistencyProof(w http.ResponseWriter, r *http.Request) {
	first, err := ledgerInt(r.URL.Query().Get("first"), "first", "较早的树的大小", -1)
	var second int64
	if err == nil {
		second, err = s.latestSize(r, "second")
	}
	var p *patentbridge.LedgerProof
	if err == nil {
		p, err = s.Ledger.ConsistencyProof(r.Context(), first, second)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ledgerProofView{First: &p.Index, Second: &p.Size, Size: p.Size, RootHash: ledger.EncodeHash(p.RootHash),
		OldRoot: ledger.EncodeHash(p.OldRoot), Proof: proofStrings(p.Hashes)})
}

// ledgerRoutes are the public ledger's read endpoints; anyone may use them.
func (s *Server) ledgerRoutes() []httpx.Route {
	if s.Ledger == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/ledger/checkpoint", httpx.Anyone, s.getLedgerCheckpoint),
		httpx.NewRoute("GET /api/v1/ledger/key", httpx.Anyone, s.getLedgerKey),
		httpx.NewRoute("GET /api/v1/ledger/entries", httpx.Anyone, s.listLedgerEntries),
		httpx.NewRoute("GET /api/v1/ledger/entries/{index}", httpx.Anyone, s.getLedgerEntry),
		httpx.NewRoute("GET /api/v1/ledger/proof/inclusion", httpx.Anyone, s.getInclusionProof),
		httpx.NewRoute("GET /api/v1/ledger/proof/consistency", httpx.Anyone, s.getConsistencyProof),
	}
}
