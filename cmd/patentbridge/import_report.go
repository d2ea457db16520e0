package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"patentbridge"
)

// importResult is the `import --json` output: the summary of every file read,
// and, when a file (or the command) failed, one error per failure.
type importResult struct {
	patentbridge.ImportSummary
	Errors []importError `json:"errors,omitempty"`
}

// importError is one failure of `import`: the file ("" for the command itself),
// the error code and the Chinese message.
type importError struct {
	File    string `json:"file,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// importReport collects what `import` did and prints it, as text or JSON.
type importReport struct {
	json           bool
	stdout, stderr io.Writer
	sum            patentbridge.ImportSummary
	errs           []importError
}

// add records the failure of a file (nil: none) and prints it on stderr at
// once, JSON or not.
func (r *importReport) add(path string, err error) {
	if err == nil {
		return
	}
	e := importError{Code: patentbridge.ErrorCode(err), Message: patentbridge.ErrorMessage(err)}
	if path != "" {
		e.File = filepath.Base(path)
	}
	if e.Code == patentbridge.EINTERNAL {
		e.Message = err.Error()
	}
	r.errs = append(r.errs, e)
	if e.File != "" && !strings.Contains(e.Message, e.File) {
		fmt.Fprintf(r.stderr, "错误：文件 %s：%s\n", e.File, e.Message)
	} else {
		fmt.Fprintf(r.stderr, "错误：%s\n", e.Message)
	}
}

// fatal reports an error that stops the command before any file is read; it returns exit code 1.
func (r *importReport) fatal(path string, err error) int {
	r.add(path, err)
	if r.json {
		r.print()
	}
	return 1
}

func (r *importReport) print() {
	_ = json.NewEncoder(r.stdout).Encode(importResult{ImportSummary: r.sum, Errors: r.errs})
}

// finish prints the summary and returns the exit code: 1 when any file failed.
func (r *importReport) finish(evs patentbridge.EventDealSummary, rejects bool) int {
	code := 0
	if len(r.errs) > 0 {
		code = 1
	}
	if r.json {
		r.print()
		return code
	}
	sum := r.sum
	fmt.Fprintf(r.stdout, "文件 %d 个，读取 %d 行：新增 %d，更新 %d，未变 %d，拒绝 %d（%.1f 秒）\n",
		sum.Files, sum.Read, sum.Inserted, sum.Updated, sum.Unchanged, sum.Rejected, sum.Seconds)
	if len(r.errs) > 0 {
		fmt.Fprintf(r.stdout, "有 %d 处错误未能导入（见上方错误信息），其余文件已导入。\n", len(r.errs))
	}
	if evs.New+evs.Merged+evs.Skipped > 0 {
		fmt.Fprintf(r.stdout, "法律事件中的转让、许可登记为交易：新增 %d，与已有交易合并 %d，无法登记 %d\n", evs.New, evs.Merged, evs.Skipped)
	}
	if sum.CheckComputed > 0 {
		fmt.Fprintf(r.stdout, "注意：%d 行的申请号是1985–2003年的8位旧号且没有校验位，校验位由平台计算（专利详情页有注明）。\n", sum.CheckComputed)
	}
	if sum.Rejected > 0 && !rejects {
		fmt.Fprintln(r.stdout, "提示：用 --rejects 文件名 可得到每一条被拒绝行的原因。")
	}
	return code
}

// rejectsFile is the `--rejects` report of the command: a BOM and the header
// row written at once, so even an import that fails has them, and the header
// the importer writes for each file dropped, so it appears once (the
// importer writes its header in one Write of its own, see
// patentbridge.ImportOptions.Rejects).
type rejectsFile struct {
	w      io.Writer
	header []byte
}

func newRejectsFile(w io.Writer) (*rejectsFile, error) {
	var b bytes.Buffer
	cw := patentbridge.NewCSVWriter(&b)
	if err := cw.Write(patentbridge.RejectHeader); err != nil {
		return nil, err
	}
	cw.Flush()
	// UTF-8 with a byte order mark, as the web's download, so Excel reads the Chinese.
	if _, err := io.WriteString(w, "\ufeff"+b.String()); err != nil {
		return nil, err
	}
	return &rejectsFile{w: w, header: b.Bytes()}, nil
}

func (f *rejectsFile) Write(p []byte) (int, error) {
	if bytes.Equal(p, f.header) {
		return len(p), nil
	}
	return f.w.Write(p)
}
