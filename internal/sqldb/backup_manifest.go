package sqldb

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// A backup is one gzip-compressed tar file holding, in this order:
//
//	manifest.json      what the backup holds (BackupManifest)
//	database.sqlite    a consistent copy of a SQLite database (VACUUM INTO), or
//	database.pgdump    a PostgreSQL dump in pg_dump's custom format
//	files/NAME         each small file of the data directory (configuration,
//	                   keys such as a ledger key), with its permissions
//
// Everything derived from the database (the search index) is left out and
// rebuilt after a restore.
const (
	// BackupFormat names the format in every manifest.
	BackupFormat = "patentbridge-backup"
	// BackupFormatVersion is the version of the format this code writes and the
	// newest it restores.
	BackupFormatVersion = 1

	manifestEntry   = "manifest.json"
	sqliteEntry     = "database.sqlite"
	postgresEntry   = "database.pgdump"
	filesPrefix     = "files/"
	maxManifestSize = 1 << 20
)

// BackupManifest describes one backup: when and by what it was made, the
// database's dialect and schema version, the row count of every table at the
// moment of the copy, and a checksum of every entry.
type BackupManifest struct {
	Format           string           `json:"format"`
	FormatVersion    int              `json:"format_version"`
	CreatedAt        time.Time        `json:"created_at"`
	PatentBridge     string           `json:"patentbridge_version"`
	Source           string           `json:"source"` // the database file, or the server URL without its password
	Dialect          string           `json:"dialect"`
	Schema           string           `json:"schema,omitempty"` // PostgreSQL: the one schema dumped, "" for the whole database
	MigrationVersion int64            `json:"migration_version"`
	Tables           map[string]int64 `json:"tables"`
	Database         BackupEntry      `json:"database"`
	Files            []BackupEntry    `json:"files"`
	SkippedFiles     []SkippedFile    `json:"skipped_files,omitempty"`
}

// BackupEntry is one file inside a backup with its size, SHA-256 and (for data
// directory files) permission bits.
type BackupEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Mode   string `json:"mode,omitempty"` // octal, "0600"
}

// perm returns the entry's permission bits, 0600 when none are recorded.
func (e BackupEntry) perm() fs.FileMode {
	if m, err := strconv.ParseUint(e.Mode, 8, 32); err == nil && m != 0 {
		return fs.FileMode(m).Perm()
	}
	return 0o600
}

// SkippedFile is a file of the data directory that a backup left out, and why.
type SkippedFile struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Patents returns the number of patents the backup holds.
func (m *BackupManifest) Patents() int64 { return m.Tables["patents"] }

// readManifest decodes and checks the manifest of the backup named file.
func readManifest(file string, b []byte) (*BackupManifest, error) {
	var m BackupManifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != BackupFormat {
		return nil, notABackup(file, "manifest.json 无法识别")
	}
	if m.FormatVersion < 1 || m.FormatVersion > BackupFormatVersion {
		return nil, patentbridge.Errorf(patentbridge.EINVALID,
			"备份文件 %s 的格式版本为 %d，而本程序最高只支持版本 %d：请使用更新版本的 PatentBridge 恢复",
			file, m.FormatVersion, BackupFormatVersion)
	}
	want := sqliteEntry
	if m.Dialect == "postgres" {
		want = postgresEntry
	} else if m.Dialect != "sqlite" {
		return nil, notABackup(file, fmt.Sprintf("未知的数据库类型 %q", m.Dialect))
	}
	if m.Database.Name != want || len(m.Database.SHA256) != 64 {
		return nil, notABackup(file, "manifest.json 未记录数据库副本")
	}
	for _, f := range m.Files {
		if !validFileEntry(f.Name) {
			return nil, notABackup(file, fmt.Sprintf("不允许的文件名 %q", f.Name))
		}
	}
	return &m, nil
}

// validFileEntry reports whether name is files/ followed by one plain file name.
func validFileEntry(name string) bool {
	base, ok := strings.CutPrefix(name, filesPrefix)
	return ok && base != "" && base != "." && base != ".." && path.Base(base) == base &&
		!strings.ContainsAny(base, `/\`) && !strings.HasPrefix(base, ".")
}

// notABackup is the error for a file that is not a readable backup.
func notABackup(file, why string) error {
	return patentbridge.Errorf(patentbridge.EINVALID, "%s 不是可用的 PatentBridge 备份文件（%s）", file, why)
}

// corruptBackup is the error for a backup whose content does not match its manifest.
func corruptBackup(file, why string) error {
	return patentbridge.Errorf(patentbridge.EINVALID, "备份文件 %s 已损坏：%s", file, why)
}
