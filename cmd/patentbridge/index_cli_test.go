package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge/internal/search/searchtest"
)

// TestIndexRebuildOnACorruptIndex: `index rebuild` works from the database alone
// — garbage metadata (Bleve's "error parsing mapping JSON" once made it exit)
// or a truncated segment are no obstacle, nothing of the old directory is
// opened — and it refuses, in Chinese, an index a running server holds.
func TestIndexRebuildOnACorruptIndex(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			index := filepath.Join(dir, "index")
			if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, MustGen(t, dir, 120, "9")); code != 0 {
				t.Fatal(stderr)
			}
			rebuild := func(what string) {
				t.Helper()
				code, stdout, stderr := MustRun(t, nil, "index", "rebuild", "--db", dsn, "--index", index)
				if code != 0 || !strings.Contains(stdout, "120 件专利") {
					t.Fatalf("rebuild %s: %d %q %q", what, code, stdout, stderr)
				}
				if code, stdout, _ := MustRun(t, nil, "index", "status", "--db", dsn, "--index", index); code != 0 ||
					!strings.Contains(stdout, "120 件 / 数据库 120 件") || !strings.Contains(stdout, "跳过 0 件") {
					t.Fatalf("status after the rebuild %s: %q", what, stdout)
				}
			}
			rebuild("of a new index")
			if err := os.WriteFile(filepath.Join(index, "index_meta.json"), []byte(`{"storage":`), 0o644); err != nil {
				t.Fatal(err)
			}
			rebuild("over garbage metadata")
			searchtest.MustTruncateSegment(t, index)
			if err := os.Truncate(filepath.Join(index, "store", "root.bolt"), 10); err != nil {
				t.Fatal(err)
			}
			rebuild("over a truncated segment and root file")

			m := MustStartMain(t, dsn, index, nil)
			defer m.Close()
			MustIndexDocs(t, m, 120)
			code, _, stderr := MustRun(t, nil, "index", "rebuild", "--db", dsn, "--index", index)
			if code == 0 || !strings.Contains(stderr, "正被运行中的服务使用") {
				t.Errorf("rebuild under a running server: %d %q", code, stderr)
			}
		})
	}
}
