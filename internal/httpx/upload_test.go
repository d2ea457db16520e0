package httpx_test

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

func TestSaveUpload(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", `D:\导出\四川大学专利.XLSX`)
	fw.Write([]byte("PK\x03\x04 not really a workbook"))
	mw.Close()
	req := httptest.NewRequest("POST", "/", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	name, path, err := httpx.SaveUpload(httptest.NewRecorder(), req, 0, dir)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if name != "四川大学专利.XLSX" || filepath.Dir(path) != dir || filepath.Ext(path) != ".xlsx" || !bytes.HasPrefix(got, []byte("PK")) {
		t.Errorf("name %q, path %q, content %q", name, path, got)
	}
}

func TestSaveUploadTooLarge(t *testing.T) {
	dir := t.TempDir()
	req := httptest.NewRequest("POST", "/?filename=big.csv", strings.NewReader(strings.Repeat("x", 4096)))
	_, _, err := httpx.SaveUpload(httptest.NewRecorder(), req, 1024, dir)
	if patentbridge.ErrorCode(err) != patentbridge.ETOOLARGE || httpx.Status(err) != 413 || !strings.Contains(patentbridge.ErrorMessage(err), "大小上限 1 KB") {
		t.Errorf("err = %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("partial upload left behind: %v", left)
	}
}
