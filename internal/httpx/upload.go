package httpx

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
)

// DefaultMaxUpload is the upload size limit when none is configured (200 MB;
// larger exports go through the command line's import).
const DefaultMaxUpload int64 = 200 << 20

// SaveUpload streams an uploaded file to a new temporary file in dir ("" means
// the system's) without holding it in memory, and returns the client's file name
// and the temporary path (named with the original extension, which importers use
// to pick the format). It takes the multipart field "file", or else the raw
// request body named by the "filename" query parameter. The caller owns the file.
// Returns EINVALID for a missing, empty, malformed or cut-short upload and
// ETOOLARGE for an oversized one.
func SaveUpload(w http.ResponseWriter, r *http.Request, maxBytes int64, dir string) (name, path string, err error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxUpload
	}
	body := http.MaxBytesReader(w, r.Body, maxBytes)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		name = cleanFileName(r.URL.Query().Get("filename"))
		if name == "" {
			return "", "", patentbridge.FieldErrorf("file", "请以 multipart 字段 file 上传文件，或在 ?filename= 中给出文件名")
		}
		path, err = saveTemp(body, name, dir, maxBytes)
		return name, path, err
	}
	r.Body = body
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", patentbridge.FieldErrorf("file", "上传内容无法解析：不是有效的 multipart 表单")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", "", patentbridge.FieldErrorf("file", "请选择要导入的文件")
		} else if err != nil {
			return "", "", uploadError(&clientError{err}, maxBytes)
		}
		if part.FormName() != "file" || part.FileName() == "" {
			part.Close()
			continue
		}
		name = cleanFileName(part.FileName())
		path, err = saveTemp(part, name, dir, maxBytes)
		part.Close()
		return name, path, err
	}
}

// saveTemp copies r into a temporary file and removes it again on failure.
func saveTemp(r io.Reader, name, dir string, maxBytes int64) (string, error) {
	f, err := os.CreateTemp(dir, "pb-upload-*"+safeExt(name))
	if err != nil {
		return "", fmt.Errorf("httpx: create upload file: %w", err)
	}
	n, err := io.Copy(f, clientReader{r})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n == 0 {
		err = patentbridge.FieldErrorf("file", "上传的文件 %s 是空的", name)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", uploadError(err, maxBytes)
	}
	return f.Name(), nil
}

// uploadError turns a body-size overflow into a user error and keeps others.
func uploadError(err error, maxBytes int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &patentbridge.Error{Code: patentbridge.ETOOLARGE, Field: "file",
			Message: fmt.Sprintf("文件超过大小上限 %s（更大的文件请用命令 patentbridge import 导入）", sizeLabel(maxBytes))}
	}
	if patentbridge.ErrorCode(err) != patentbridge.EINTERNAL {
		return err
	}
	var client *clientError
	if errors.As(err, &client) {
		return patentbridge.FieldErrorf("file", "上传内容不完整或格式错误，请重新上传")
	}
	return fmt.Errorf("httpx: save upload: %w", err)
}

// clientError marks an error of reading the request (a body cut short, a
// malformed multipart part): the client's, answered 400, where an error of
// writing the file is the server's.
type clientError struct{ err error }

func (e *clientError) Error() string { return e.err.Error() }
func (e *clientError) Unwrap() error { return e.err }

// clientReader marks the errors of reading r as the client's.
type clientReader struct{ r io.Reader }

func (c clientReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = &clientError{err}
	}
	return n, err
}

// sizeLabel writes a byte count as users read it: "200 MB", "512 KB".
func sizeLabel(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(1, n>>10))
}

// cleanFileName keeps only the base name of a client-supplied file name.
func cleanFileName(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\`, "/")
	s = filepath.Base(s)
	if s == "." || s == "/" {
		return ""
	}
	return s
}

// safeExt returns the file's extension if it is short and alphanumeric, else "".
func safeExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) < 2 || len(ext) > 8 {
		return ""
	}
	for _, r := range ext[1:] {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return ""
		}
	}
	return ext
}
