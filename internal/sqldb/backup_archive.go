package sqldb

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// archiveWriter writes a backup to a temporary file beside its destination and
// renames it into place only when every entry is written, so that a failed
// backup never leaves a file that looks like one.
type archiveWriter struct {
	dst, tmp string
	f        *os.File
	gz       *gzip.Writer
	tw       *tar.Writer
	at       time.Time
}

// createArchive starts the backup file dst, readable by its owner only: it
// holds every password hash and key of the platform.
func createArchive(dst string, at time.Time) (*archiveWriter, error) {
	tmp := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sqldb: create backup file: %w", err)
	}
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	return &archiveWriter{dst: dst, tmp: tmp, f: f, gz: gz, tw: tar.NewWriter(gz), at: at}, nil
}

// addBytes writes an entry holding b.
func (a *archiveWriter) addBytes(name string, b []byte, mode int64) error {
	if err := a.tw.WriteHeader(a.header(name, int64(len(b)), mode)); err != nil {
		return fmt.Errorf("sqldb: backup %s: %w", name, err)
	}
	if _, err := a.tw.Write(b); err != nil {
		return fmt.Errorf("sqldb: backup %s: %w", name, err)
	}
	return nil
}

// addFile writes an entry holding the file src, whose size e already records.
func (a *archiveWriter) addFile(e BackupEntry, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("sqldb: backup %s: %w", e.Name, err)
	}
	defer f.Close()
	if err := a.tw.WriteHeader(a.header(e.Name, e.Size, int64(e.perm()))); err != nil {
		return fmt.Errorf("sqldb: backup %s: %w", e.Name, err)
	}
	if _, err := io.CopyN(a.tw, f, e.Size); err != nil {
		return fmt.Errorf("sqldb: backup %s: %w", e.Name, err)
	}
	return nil
}

func (a *archiveWriter) header(name string, size, mode int64) *tar.Header {
	return &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: mode, ModTime: a.at, Format: tar.FormatPAX}
}

// commit finishes the archive, flushes it to disk and renames it into place.
func (a *archiveWriter) commit() error {
	err := errors.Join(a.tw.Close(), a.gz.Close(), a.f.Sync(), a.f.Close())
	if err == nil {
		err = os.Rename(a.tmp, a.dst)
	}
	if err != nil {
		os.Remove(a.tmp)
		return fmt.Errorf("sqldb: write backup file: %w", err)
	}
	return nil
}

// abort removes the unfinished archive.
func (a *archiveWriter) abort() {
	a.f.Close()
	os.Remove(a.tmp)
}

// hashFile returns the entry for the file src: its size and SHA-256.
func hashFile(name, src string) (BackupEntry, error) {
	f, err := os.Open(src)
	if err != nil {
		return BackupEntry{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return BackupEntry{}, err
	}
	return BackupEntry{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
