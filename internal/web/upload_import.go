package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// importResult is what a page shows after an inline registry import.
type importResult struct {
	File       string
	Summary    *patentbridge.ImportSummary
	RejectsURL template.URL // data: URL of the rejects CSV
	Error      string
}

// importFunc imports the file at path, writing its rejects CSV to rejects.
type importFunc func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error)

// importRegistryUpload saves the form's file (at most maxBytes) under the operator's
// file name, so that the rejects name it, and imports it inline with imp. A
// user's mistake (too large, not a registry) comes back in the result with
// status 400; only internal failures return an error.
func (s *Server) importRegistryUpload(w http.ResponseWriter, r *http.Request, maxBytes int64, tooLarge string, imp importFunc) (importResult, int, error) {
	name, path, err := httpx.SaveUpload(w, r, maxBytes, s.UploadDir)
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.ETOOLARGE {
		return importResult{Error: patentbridge.ErrorMessage(err) + tooLarge}, httpx.Status(err), nil
	} else if err != nil {
		return importResult{}, 0, err
	}
	defer os.Remove(path)
	dir, err := os.MkdirTemp(s.UploadDir, "pb-import-*")
	if err != nil {
		return importResult{}, 0, err
	}
	defer os.RemoveAll(dir)
	named := filepath.Join(dir, name)
	if err := os.Rename(path, named); err != nil {
		return importResult{}, 0, err
	}
	var rejects bytes.Buffer
	sum, err := imp(r.Context(), named, &rejects)
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.ENOTFOUND {
		return importResult{File: name, Error: patentbridge.ErrorMessage(err)}, http.StatusBadRequest, nil
	} else if err != nil {
		return importResult{}, 0, err
	}
	res := importResult{File: name, Summary: &sum}
	if sum.Rejected > 0 {
		// The BOM lets Excel open the UTF-8 report with the Chinese intact.
		res.RejectsURL = template.URL("data:text/csv;charset=utf-8;base64," +
			base64.StdEncoding.EncodeToString(append([]byte("\ufeff"), rejects.Bytes()...)))
	}
	return res, http.StatusOK, nil
}
