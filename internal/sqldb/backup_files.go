package sqldb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
)

// maxDataFileSize bounds the data directory files a backup carries:
// configuration and keys are small, anything larger is data of another kind.
const maxDataFileSize = 1 << 20

// dataFiles lists the files of dir a backup carries — every regular file at
// its top level up to maxDataFileSize, with its checksum and permissions —
// and the entries it leaves out with the reason. own reports the absolute
// paths that belong to the database or the backup itself, which are left out
// silently; so are hidden files. A dir that does not exist holds nothing.
func dataFiles(dir string, own func(path string) bool) ([]BackupEntry, []SkippedFile, error) {
	if dir == "" {
		return nil, nil, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("sqldb: data directory: %w", err)
	}
	des, err := os.ReadDir(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, patentbridge.Errorf(patentbridge.EINVALID, "无法读取数据目录 %s（%v）", dir, pathErr(err))
	}
	var files []BackupEntry
	var skipped []SkippedFile
	for _, de := range des {
		name, path := de.Name(), filepath.Join(abs, de.Name())
		if own(path) || strings.HasPrefix(name, ".") {
			continue
		}
		info, err := os.Lstat(path)
		switch {
		case err != nil:
			return nil, nil, fmt.Errorf("sqldb: data directory: %w", err)
		case info.IsDir():
			skipped = append(skipped, SkippedFile{Name: name, Reason: "目录（全文索引等派生数据不备份，恢复后重建）"})
		case !info.Mode().IsRegular():
			skipped = append(skipped, SkippedFile{Name: name, Reason: "不是普通文件"})
		case isBackupName(name):
			skipped = append(skipped, SkippedFile{Name: name, Reason: "备份文件"})
		case info.Size() > maxDataFileSize:
			skipped = append(skipped, SkippedFile{Name: name, Reason: "超过 1 MB（只备份配置与密钥等小文件）"})
		default:
			e, err := hashFile(filesPrefix+name, path)
			if err != nil {
				return nil, nil, patentbridge.Errorf(patentbridge.EINVALID, "无法读取数据目录中的 %s（%v）", name, pathErr(err))
			}
			e.Mode = fmt.Sprintf("%04o", info.Mode().Perm())
			files = append(files, e)
		}
	}
	return files, skipped, nil
}

// isBackupName reports whether a file name looks like a backup, which a later
// backup must not carry inside itself.
func isBackupName(name string) bool {
	return strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz")
}

// checkDataFiles refuses a restore whose files would replace different files
// already in dir; a file with the same content is fine.
func checkDataFiles(m *BackupManifest, dir string) error {
	for _, f := range m.Files {
		name := strings.TrimPrefix(f.Name, filesPrefix)
		have, err := hashFile(f.Name, filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return patentbridge.Errorf(patentbridge.EINVALID, "无法读取数据目录中已有的 %s（%v）", name, pathErr(err))
		}
		if have.SHA256 != f.SHA256 {
			return patentbridge.Errorf(patentbridge.ECONFLICT,
				"数据目录 %s 中已有内容不同的 %s：恢复不会覆盖已有文件，请先把它移走", dir, name)
		}
	}
	return nil
}

// placeFiles moves the data files extracted into stage to dir, never replacing
// a file (one that appeared since checkDataFiles is kept).
func placeFiles(m *BackupManifest, stage, dir string) error {
	for _, f := range m.Files {
		name := strings.TrimPrefix(f.Name, filesPrefix)
		if err := placeFile(filepath.Join(stage, f.Name), filepath.Join(dir, name)); err != nil &&
			!errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("sqldb: restore %s: %w", name, err)
		}
	}
	return nil
}

// placeFile moves src to dst unless dst exists (fs.ErrExist): a hard link
// never replaces its target, unlike a rename; where the file system has no
// hard links, the file is copied into a newly created dst.
func placeFile(src, dst string) error {
	err := os.Link(src, dst)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		err = copyNew(src, dst)
	}
	if err != nil {
		return err
	}
	return os.Remove(src)
}

// copyNew copies src to dst, which must not exist yet, and flushes it to disk.
func copyNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := errors.Join(out.Sync(), out.Close()); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}
