package sqldb

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"patentbridge"
)

// archiveReader reads a backup entry by entry, in the order the manifest
// lists them, checking each one's size and checksum.
type archiveReader struct {
	file string
	f    *os.File
	gz   *gzip.Reader
	tr   *tar.Reader
	m    *BackupManifest
}

// openArchive opens the backup file and reads its manifest. Returns ENOTFOUND
// for a missing file and EINVALID for one that is not a backup.
func openArchive(file string) (*archiveReader, error) {
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "备份文件 %s 不存在", file)
	} else if err != nil {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "无法读取备份文件 %s（%v）", file, errors.Unwrap(err))
	}
	r := &archiveReader{file: file, f: f}
	if err := r.readManifest(); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

func (r *archiveReader) readManifest() error {
	var err error
	if r.gz, err = gzip.NewReader(r.f); err != nil {
		return notABackup(r.file, "不是 gzip 压缩的 tar 文件")
	}
	r.tr = tar.NewReader(r.gz)
	hdr, err := r.tr.Next()
	if err != nil {
		return notABackup(r.file, "不是 tar 文件")
	}
	if hdr.Name != manifestEntry || hdr.Size > maxManifestSize {
		return notABackup(r.file, "第一项不是 manifest.json")
	}
	b, err := io.ReadAll(r.tr)
	if err != nil {
		return r.broken()
	}
	r.m, err = readManifest(r.file, b)
	return err
}

// extract writes the next entry, which must be want, to the new file dst with
// the permission bits perm.
func (r *archiveReader) extract(want BackupEntry, dst string, perm fs.FileMode) error {
	hdr, err := r.tr.Next()
	if err == io.EOF {
		return corruptBackup(r.file, "缺少 "+want.Name)
	} else if err != nil {
		return r.broken()
	}
	if hdr.Name != want.Name || hdr.Typeflag != tar.TypeReg {
		return corruptBackup(r.file, fmt.Sprintf("此处应为 %s，实为 %s", want.Name, hdr.Name))
	}
	if hdr.Size != want.Size {
		return corruptBackup(r.file, want.Name+" 的大小与清单不符")
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("sqldb: restore %s: %w", want.Name, err)
	}
	defer out.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.TeeReader(r.tr, out)); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("sqldb: restore %s: %w", want.Name, err)
		}
		return r.broken()
	}
	if hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return corruptBackup(r.file, want.Name+" 的校验和与清单不符")
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("sqldb: restore %s: %w", want.Name, err)
	}
	return out.Close()
}

// end checks that no entry follows the last one and that the compressed
// stream ends with its checksum intact.
func (r *archiveReader) end() error {
	hdr, err := r.tr.Next()
	if err == nil {
		return corruptBackup(r.file, "含有清单之外的 "+hdr.Name)
	} else if err != io.EOF {
		return r.broken()
	}
	if _, err := io.Copy(io.Discard, r.gz); err != nil {
		return r.broken()
	}
	return nil
}

// broken is the error for a stream that cannot be read to its end.
func (r *archiveReader) broken() error {
	return corruptBackup(r.file, "无法读完，文件被截断或内容被改动")
}

// close closes the backup file.
func (r *archiveReader) close() { r.f.Close() }
