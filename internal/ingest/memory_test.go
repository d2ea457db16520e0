package ingest

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"patentbridge"
)

// TestImportMemoryDoesNotGrowWithFile imports a generated 61-column export and
// samples the live heap after every batch: it must stay far below what holding
// the file would take. PATENTBRIDGE_TEST_ROWS=1000000 runs it at full scale.
func TestImportMemoryDoesNotGrowWithFile(t *testing.T) {
	rows := 20000
	if s := os.Getenv("PATENTBRIDGE_TEST_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	} else if testing.Short() {
		t.Skip("generates a large file")
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	writeExport61(t, path, rows)
	st, _ := os.Stat(path)
	store := &countingStore{}
	var peak uint64
	var ms runtime.MemStats
	runtime.GC() // what earlier tests left is not this import's
	opt := patentbridge.ImportOptions{Progress: func(read int, f float64) {
		if read%(10*DefaultBatchSize) == 0 {
			runtime.GC()
		}
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}}
	sum, err := NewImporter(store, fakeRegions{}, nil).ImportFiles(t.Context(), []string{path}, opt)
	if err != nil || store.n != rows {
		t.Fatalf("imported %d of %d: %+v %v", store.n, rows, sum, err)
	}
	t.Logf("%d rows, file %d MB, peak heap in use %d MB", rows, st.Size()>>20, peak>>20)
	if peak > 200<<20 {
		t.Errorf("peak heap %d MB for a %d MB file", peak>>20, st.Size()>>20)
	}
}
