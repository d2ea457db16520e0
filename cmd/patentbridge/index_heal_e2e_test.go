package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/search"
	"patentbridge/internal/search/searchtest"
)

// gatedStore holds the indexer's reads of every patent (a build) until open is closed.
type gatedStore struct {
	search.Store
	open chan struct{}
}

func (g gatedStore) EachPatentTagged(ctx context.Context, runID int64, fn func(*patentbridge.Patent, patentbridge.PatentTags) error) error {
	select {
	case <-g.open:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Store.EachPatentTagged(ctx, runID, fn)
}

// MustStartMain starts the real server like MustOpenMain, with the index in
// indexDir and, when gate is not nil, its indexer's builds held until gate is
// closed; the caller closes it (Main.Close is not to be called twice).
func MustStartMain(tb testing.TB, dsn, indexDir string, gate chan struct{}) *Main {
	tb.Helper()
	m := &Main{Config: config.Config{DB: dsn, Addr: "127.0.0.1:0", AdminPassword: "admin-secret-1", IndexDir: indexDir},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if gate != nil {
		m.indexStore = func(s search.Store) search.Store { return gatedStore{s, gate} }
	}
	if err := m.Open(context.Background()); err != nil {
		_ = m.Close()
		tb.Fatalf("open: %v", err)
	}
	go func() { _ = m.Serve() }()
	return m
}

// healPatents are granted inventions whose titles hold 电池.
func healPatents(n int) []*patentbridge.Patent {
	var ps []*patentbridge.Patent
	for i := range n {
		ps = append(ps, scopePatent(500+i, fmt.Sprintf("一种第%d号锂离子电池的散热装置", i+1), "四川大学"))
	}
	return ps
}

// MustIndexDocs waits until the server's index holds n docs.
func MustIndexDocs(tb testing.TB, m *Main, n int) {
	tb.Helper()
	var st patentbridge.IndexStatus
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if MustGetJSON(tb, m.URL()+"/api/v1/search/status", &st); st.Docs == n && !st.Rebuilding {
			return
		}
	}
	tb.Fatalf("the index holds %d docs (status %+v), want %d", st.Docs, st, n)
}

// MustGetBody returns a GET's response and its body.
func MustGetBody(tb testing.TB, u string) (*http.Response, string) {
	tb.Helper()
	res, err := http.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(b)
}

// TestServeHealsACorruptIndex: a server whose index has a truncated segment
// comes up, moves the index aside, answers searches 503 in Chinese with a
// Retry-After (API and page) while it rebuilds — every other page as usual —
// and then finds every patent.
func TestServeHealsACorruptIndex(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			indexDir := filepath.Join(t.TempDir(), "index")
			first := MustStartMain(t, dsn, indexDir, nil)
			if _, err := first.DB.UpsertPatents(context.Background(), healPatents(40)); err != nil {
				t.Fatal(err)
			}
			MustIndexDocs(t, first, 40)
			if err := first.Close(); err != nil {
				t.Fatal(err)
			}
			searchtest.MustTruncateSegment(t, indexDir)

			gate := make(chan struct{})
			m := MustStartMain(t, dsn, indexDir, gate)
			defer m.Close()
			q := url.QueryEscape("电池")
			res, body := MustGetBody(t, m.URL()+"/api/v1/patents/search?q="+q)
			if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(body, `"code":"EUNAVAILABLE"`) ||
				!strings.Contains(body, "全文索引正在重建") {
				t.Errorf("API search during the rebuild: %d %s (Retry-After %q)", res.StatusCode, body, res.Header.Get("Retry-After"))
			}
			res, body = MustGetBody(t, m.URL()+"/search?q="+q)
			if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "全文索引正在重建") {
				t.Errorf("search page during the rebuild: %d (Retry-After %q)", res.StatusCode, res.Header.Get("Retry-After"))
			}
			for _, page := range []string{"/", "/patents", "/api/v1/patents?limit=1"} {
				if res, _ := MustGetBody(t, m.URL()+page); res.StatusCode != 200 {
					t.Errorf("%s answers %d during the rebuild", page, res.StatusCode)
				}
			}
			var st patentbridge.IndexStatus
			MustGetJSON(t, m.URL()+"/api/v1/search/status", &st)
			aside, _ := filepath.Glob(indexDir + ".corrupt-*")
			// The public status names the folder, never the server's directories.
			if !st.Rebuilding || len(aside) != 1 || st.MovedAside != filepath.Base(aside[0]) {
				t.Errorf("status %+v; directories moved aside %v", st, aside)
			}

			close(gate)
			MustIndexDocs(t, m, 40)
			var found struct{ Total int }
			if code := MustGetJSON(t, m.URL()+"/api/v1/patents/search?q="+q, &found); code != 200 || found.Total != 40 {
				t.Errorf("search after the rebuild: %d, %d found, want 40", code, found.Total)
			}
		})
	}
}

// TestSearchResponsesStayBrief: patents with 10 MB abstracts, written to the
// database past the import limits, are indexed and found, and a page of their
// hits stays small in the API and on the search page.
func TestSearchResponsesStayBrief(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			m := MustOpenMain(t, dsn, 0)
			ps := healPatents(3)
			for _, p := range ps {
				p.Abstract = "本发明公开了一种锂离子电池的散热装置。" + strings.Repeat("散热片由铝合金制成，", 350_000)
				p.FirstClaim = p.Abstract
			}
			if _, err := m.DB.UpsertPatents(context.Background(), ps); err != nil {
				t.Fatal(err)
			}
			MustIndexDocs(t, m, 3)
			q := url.QueryEscape("散热")
			res, body := MustGetBody(t, m.URL()+"/api/v1/patents/search?q="+q)
			if res.StatusCode != 200 || !strings.Contains(body, `"total":3`) || len(body) > 32<<10 {
				t.Errorf("API search: %d, %d bytes (want 3 hits in under 32 KiB)", res.StatusCode, len(body))
			}
			res, body = MustGetBody(t, m.URL()+"/search?q="+q)
			if res.StatusCode != 200 || !strings.Contains(body, ps[0].AppNo) || len(body) > 64<<10 {
				t.Errorf("search page: %d, %d bytes (want the hits in under 64 KiB)", res.StatusCode, len(body))
			}
		})
	}
}
