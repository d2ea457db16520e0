package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/ingest/ingesttest"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/workbook/workbooktest"
)

// Every over-long field of an export (CSV or XLSX) is a rejected row naming its
// line, column and limit in Chinese, and the rest of the file lands, through the
// CLI and through the upload, on SQLite and PostgreSQL.
func TestOverlongFieldsEndToEnd(t *testing.T) {
	for _, format := range []struct {
		name  string
		write func(testing.TB, string) ([]string, []ingesttest.Overlong)
	}{{"超长.csv", ingesttest.MustWriteOverlongCSV}, {"超长.xlsx", ingesttest.MustWriteOverlongXLSX}} {
		path := filepath.Join(t.TempDir(), format.name)
		good, rejected := format.write(t, path)
		want := fmt.Sprintf("inserted %d, rejected %d", len(good), len(rejected))
		for _, dsn := range testDSNs(t) {
			t.Run(format.name+"/"+dsnLabel(dsn)+"/cli", func(t *testing.T) {
				rejects := filepath.Join(t.TempDir(), "rejects.csv")
				code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, "--json", "--rejects", rejects, path)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				if s := decodeSummary(t, stdout); fmt.Sprintf("inserted %d, rejected %d", s.Inserted, s.Rejected) != want {
					t.Errorf("summary %+v, want %s", s, want)
				}
				b, err := os.ReadFile(rejects)
				if err != nil {
					t.Fatal(err)
				}
				ingesttest.MustMatchRejects(t, format.name, ingesttest.MustParseRejects(t, b), rejected)
				db, err := sqldb.Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				mustHoldExactly(t, db.FindPatent, good, rejected)
			})
		}
		for _, dsn := range testDSNs(t) {
			t.Run(format.name+"/"+dsnLabel(dsn)+"/upload", func(t *testing.T) {
				m := MustOpenMain(t, dsn, 0)
				token := MustAdminToken(t, m)
				job := mustUploadAs(t, m, token, path, format.name)
				if s := job.Summary; job.Status != patentbridge.JobDone || fmt.Sprintf("inserted %d, rejected %d", s.Inserted, s.Rejected) != want {
					t.Fatalf("job %+v, want done with %s", job, want)
				}
				req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/imports/%d/rejects", m.URL(), job.ID), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				ingesttest.MustMatchRejects(t, format.name, ingesttest.MustParseRejects(t, b), rejected)
				mustHoldExactly(t, m.DB.FindPatent, good, rejected)
			})
		}
	}
}

// mustHoldExactly checks that the good patents are stored and the rejected are not.
func mustHoldExactly(tb testing.TB, find func(context.Context, string) (*patentbridge.Patent, error), good []string, rejected []ingesttest.Overlong) {
	tb.Helper()
	for _, appNo := range good {
		if _, err := find(context.Background(), appNo); err != nil {
			tb.Errorf("good row %s not stored: %v", appNo, err)
		}
	}
	for _, r := range rejected {
		if _, err := find(context.Background(), r.AppNo); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			tb.Errorf("rejected row %s (%s): %v, want ENOTFOUND", r.AppNo, r.Column, err)
		}
	}
}

// bombWays are the ways a workbook reaches the importer from the command line.
var bombWays = []string{"cli", "cli-enterprises"}

// Every bomb is refused through the CLI (patents and the enterprise registry)
// and through the upload (POST /api/v1/imports, run by the job runner) with the
// Chinese message naming the file, nothing lands, and the importing process's
// peak resident memory stays under 600 MB — on SQLite and PostgreSQL. The
// server is measured from after its start-up load (the IPC router and the word
// segmenter, hundreds of MB on their own) to the end of each import.
func TestXLSXBombsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, b := range workbooktest.Bombs {
		path := filepath.Join(dir, b.Name+".xlsx")
		b.Write(t, path, []string{"申请号", "专利名称", "企业名称", "统一社会信用代码"})
		paths = append(paths, path)
	}
	for _, dsn := range testDSNs(t) {
		for i, b := range workbooktest.Bombs {
			for _, way := range bombWays {
				t.Run(dsnLabel(dsn)+"/"+way+"/"+b.Name, func(t *testing.T) {
					res, peak := workbooktest.RunChild(t, "TestXLSXBombsEndToEndChild", "BOMB_FILES="+paths[i], "BOMB_DSN="+dsn, "BOMB_WAY="+way)
					mustRefuseBomb(t, b, map[string]string{"cli": "exit 1, 0 patents: 错误：", "cli-enterprises": "exit 1: 错误："}[way], res, peak)
				})
			}
		}
		res, _ := workbooktest.RunChild(t, "TestXLSXBombsEndToEndChild", "BOMB_FILES="+strings.Join(paths, string(os.PathListSeparator)), "BOMB_DSN="+dsn, "BOMB_WAY=upload")
		results := strings.Split(res, "\t")
		t.Logf("%s server: %s", dsnLabel(dsn), results[0])
		results = results[1:]
		for i, b := range workbooktest.Bombs {
			t.Run(dsnLabel(dsn)+"/upload/"+b.Name, func(t *testing.T) {
				if i >= len(results) {
					t.Fatalf("upload child reported %q", res)
				}
				n, rest, _ := strings.Cut(results[i], " ")
				peak, err := strconv.ParseInt(n, 10, 64)
				if err != nil {
					t.Fatalf("upload child reported %q", results[i])
				}
				mustRefuseBomb(t, b, "failed, 0 inserted: ", rest, peak)
			})
		}
	}
}

// mustRefuseBomb checks a child's report of a bomb's import: the prefix, the
// message naming the file and the limit, and the peak memory.
func mustRefuseBomb(tb testing.TB, b workbooktest.Bomb, prefix, res string, peak int64) {
	tb.Helper()
	tb.Logf("peak RSS %d MB", peak>>20)
	msg := "文件 " + b.Name + ".xlsx 超出 Excel 导入的安全限制"
	if !strings.HasPrefix(res, prefix+msg) || !strings.Contains(res, b.Refusal) {
		tb.Errorf("%s\nwant %s…%s", res, prefix+msg, b.Refusal)
	}
	if peak > workbooktest.MaxPeak {
		tb.Errorf("peak RSS %d MB, over %d MB", peak>>20, workbooktest.MaxPeak>>20)
	}
}

// TestXLSXBombsEndToEndChild is TestXLSXBombsEndToEnd's child process: it
// imports BOMB_FILES into BOMB_DSN the BOMB_WAY way and reports the outcome; an
// upload child reports its start-up peak memory, then for each file in turn the
// peak memory of its import.
func TestXLSXBombsEndToEndChild(t *testing.T) {
	if !workbooktest.IsChild() {
		t.Skip("runs only as the child process of TestXLSXBombsEndToEnd")
	}
	paths, dsn := filepath.SplitList(os.Getenv("BOMB_FILES")), os.Getenv("BOMB_DSN")
	switch os.Getenv("BOMB_WAY") {
	case "cli":
		code, _, stderr := MustRun(t, nil, "import", "--db", dsn, "--json", paths[0])
		db, err := sqldb.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, n, err := db.ListPatents(context.Background(), patentbridge.PatentFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		workbooktest.Report(fmt.Sprintf("exit %d, %d patents: %s", code, n, stderr))
	case "cli-enterprises":
		code, _, stderr := MustRun(t, nil, "import", "--db", dsn, "--kind", "enterprises", paths[0])
		workbooktest.Report(fmt.Sprintf("exit %d: %s", code, stderr))
	case "upload":
		m := MustOpenMain(t, dsn, 0)
		token := MustAdminToken(t, m)
		warmUpMatching() // waits for the server's own start-up load
		start, err := workbooktest.Peak()
		if err != nil {
			t.Fatal(err)
		}
		results := []string{fmt.Sprintf("peak RSS %d MB from its start to the first upload", start>>20)}
		for _, path := range paths {
			runtime.GC()
			debug.FreeOSMemory()
			if err := workbooktest.ResetPeak(); err != nil {
				t.Fatal(err)
			}
			job := mustUploadAs(t, m, token, path, filepath.Base(path))
			peak, err := workbooktest.Peak()
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, fmt.Sprintf("%d %s, %d inserted: %s", peak, job.Status, job.Summary.Inserted, job.Error))
		}
		workbooktest.Report(strings.Join(results, "\t"))
	}
}

// mustUploadAs uploads the file at path under name through POST /api/v1/imports
// and waits for the job to end.
func mustUploadAs(tb testing.TB, m *Main, token, path, name string) patentbridge.ImportJob {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	content, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	var job patentbridge.ImportJob
	call := func(method, url string, body io.Reader) int {
		req, _ := http.NewRequest(method, url, body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		defer res.Body.Close()
		job = patentbridge.ImportJob{}
		_ = json.NewDecoder(res.Body).Decode(&job)
		return res.StatusCode
	}
	if code := call("POST", m.URL()+"/api/v1/imports", &body); code != http.StatusAccepted {
		tb.Fatalf("POST /api/v1/imports: %d %+v", code, job)
	}
	id := job.ID
	for range 1200 {
		call("GET", fmt.Sprintf("%s/api/v1/imports/%d", m.URL(), id), nil)
		if job.Status == patentbridge.JobDone || job.Status == patentbridge.JobFailed {
			return job
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("import job %d did not finish: %+v", id, job)
	return job
}
