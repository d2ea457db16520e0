package route

import (
	"runtime"
	"testing"

	"patentbridge/internal/workbook/workbooktest"
)

// TestDefaultModelTrainsInBoundedMemory trains the product's model in a child
// process, as a server does at start, and checks its peak resident memory: the
// training's dense matrices once took a server holding no data to 771 MB.
func TestDefaultModelTrainsInBoundedMemory(t *testing.T) {
	if workbooktest.IsChild() {
		Default()
		workbooktest.Report("trained")
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("peak memory is read from /proc")
	}
	if testing.Short() {
		t.Skip("trains the whole model in a child process")
	}
	const bound = 520 << 20
	if _, peak := workbooktest.RunChild(t, "TestDefaultModelTrainsInBoundedMemory"); peak > bound {
		t.Errorf("training the default model peaked at %d MB, want at most %d MB", peak>>20, bound>>20)
	} else {
		t.Logf("peak %d MB", peak>>20)
	}
}
