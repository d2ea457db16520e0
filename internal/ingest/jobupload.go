package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"patentbridge"
)

// uploadPrefix begins the name of each upload's folder in the jobs directory.
const uploadPrefix = "u-"

// StartImport records a queued job for the uploaded file at path, which the
// runner then owns: it is moved into its own folder of the jobs directory
// under the upload's name (so its extension tells the format and the rejects
// name it), queued, and claimed by the runner of one of the platform's
// processes; the file is removed when the job ends or is discarded.
// Returns ECONFLICT when the runner is shutting down.
func (r *JobRunner) StartImport(ctx context.Context, userID int64, fileName, path string) (*patentbridge.ImportJob, error) {
	upload, err := r.keepUpload(fileName, path)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	job := &patentbridge.ImportJob{FileName: fileName, Status: patentbridge.JobQueued, CreatedBy: userID,
		CreatedAt: patentbridge.Now().UTC(), Upload: upload}
	if r.stopped() {
		r.removeUpload(upload)
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "服务正在关闭，请稍后重新上传")
	}
	if err := r.jobs.CreateImportJob(ctx, job); err != nil {
		r.removeUpload(upload)
		return nil, err
	}
	r.w.Kick()
	return job, nil
}

// stopped reports whether the runner was shut down.
func (r *JobRunner) stopped() bool {
	select {
	case <-r.w.Stopped():
		return true
	default:
		return false
	}
}

// keepUpload moves the file at path into a new folder of the jobs directory
// under the upload's base name, copying it when it is on another file
// system, and returns its path inside the directory ("u-…/name.xlsx").
func (r *JobRunner) keepUpload(fileName, path string) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("ingest: uploaded file: %w", err)
	}
	name := filepath.Base(strings.ReplaceAll(fileName, `\`, "/"))
	if name == "." || name == "/" || name == ".." || name == "" {
		name = "upload" + filepath.Ext(path)
	}
	name = shortFileName(name, maxStoredName)
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	folder := uploadPrefix + hex.EncodeToString(b)
	if err := os.MkdirAll(filepath.Join(r.o.Dir, folder), 0o700); err != nil {
		return "", fmt.Errorf("ingest: jobs directory: %w", err)
	}
	dst := filepath.Join(r.o.Dir, folder, name)
	if err := os.Rename(path, dst); err != nil {
		if err := copyFile(path, dst); err != nil {
			os.RemoveAll(filepath.Join(r.o.Dir, folder))
			return "", fmt.Errorf("ingest: keep upload: %w", err)
		}
		os.Remove(path)
	}
	return folder + "/" + name, nil
}

// maxStoredName is the longest name, in bytes, an upload is kept under: file
// systems refuse names over 255 bytes, 85 Chinese characters.
const maxStoredName = 120

// shortFileName cuts name to at most max bytes on a character boundary, keeping
// its extension (by which the format is told) when it has a short one.
func shortFileName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	ext := filepath.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	stem := name[:len(name)-len(ext)]
	cut := max - len(ext)
	for cut > 0 && !utf8.RuneStart(stem[cut]) {
		cut--
	}
	return stem[:cut] + ext
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// uploadPath is where a job's upload is in the jobs directory.
func (r *JobRunner) uploadPath(j *patentbridge.ImportJob) string {
	return filepath.Join(r.o.Dir, filepath.FromSlash(j.Upload))
}

// removeUpload deletes an upload's folder; "" is nothing to remove.
func (r *JobRunner) removeUpload(upload string) {
	folder, _, _ := strings.Cut(upload, "/")
	if !strings.HasPrefix(folder, uploadPrefix) {
		return
	}
	if err := os.RemoveAll(filepath.Join(r.o.Dir, folder)); err != nil {
		r.logger.Warn("remove upload", "upload", upload, "err", err)
	}
}

// ResumeImport queues an interrupted job again once its upload is found in
// the jobs directory. Returns ENOTFOUND, ECONFLICT when the job is not
// interrupted or its upload is gone.
func (r *JobRunner) ResumeImport(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	j, err := r.jobs.FindImportJob(ctx, id)
	if err != nil {
		return nil, err
	}
	if j.Status == patentbridge.JobInterrupted && j.Upload != "" {
		if _, err := os.Stat(r.uploadPath(j)); err != nil {
			return nil, patentbridge.Errorf(patentbridge.ECONFLICT,
				"导入任务 %d 的上传文件 %s 在任务目录中找不到，无法继续；请重新上传该文件（按申请号更新，不会重复）", id, j.FileName)
		}
	}
	if j, err = r.jobs.ResumeImportJob(ctx, id); err != nil {
		return nil, err
	}
	r.w.Kick()
	return j, nil
}

// DiscardImport gives up an interrupted or queued job and removes its upload.
// Returns ENOTFOUND, ECONFLICT when the job is running or has ended.
func (r *JobRunner) DiscardImport(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	j, err := r.jobs.DiscardImportJob(ctx, id)
	if err != nil {
		return nil, err
	}
	r.removeUpload(j.Upload)
	j.Upload = ""
	return j, nil
}

// CleanUploads removes from the jobs directory what no job needs any more
// and is older than age: the folders of uploads whose job ended (their
// removal failed, or a process died just before it) and partial uploads a
// crash left. Returns how many entries it removed.
func (r *JobRunner) CleanUploads(ctx context.Context, age time.Duration) (int, error) {
	inUse, err := r.jobs.ImportUploadsInUse(ctx)
	if err != nil {
		return 0, err
	}
	keep := map[string]bool{}
	for u := range inUse {
		folder, _, _ := strings.Cut(u, "/")
		keep[folder] = true
	}
	entries, err := os.ReadDir(r.o.Dir)
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("ingest: jobs directory: %w", err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		// u-…: kept uploads; pb-…: uploads being received, and the inline
		// imports' (demands, registries) working copies.
		ours := (e.IsDir() && strings.HasPrefix(name, uploadPrefix)) || strings.HasPrefix(name, "pb-")
		info, err := e.Info()
		if !ours || keep[name] || err != nil || time.Since(info.ModTime()) < age {
			continue
		}
		if err := os.RemoveAll(filepath.Join(r.o.Dir, name)); err == nil {
			n++
		}
	}
	return n, nil
}
