package config

import (
	"path/filepath"
	"strings"

	"patentbridge"
)

// CheckPlaces refuses an index or jobs directory that is the SQLite database
// file or a directory holding it: the index is moved aside when unreadable and
// replaced on rebuild, and the jobs directory is cleaned, which would take the
// database (and the data directory's keys) with them.
func (c *Config) CheckPlaces() error {
	if strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://") {
		return nil
	}
	db, err := filepath.Abs(strings.TrimPrefix(c.DB, "sqlite:"))
	if err != nil {
		return nil // the database's own open reports a bad path
	}
	for _, p := range []struct{ field, label, dir string }{
		{"index", "全文索引目录", c.SearchIndexDir()},
		{"jobs-dir", "任务目录", c.JobsDir()},
	} {
		dir, err := filepath.Abs(p.dir)
		if err != nil {
			continue
		}
		if db == dir || strings.HasPrefix(db, dir+string(filepath.Separator)) {
			return patentbridge.FieldErrorf(p.field, "%s %s 不能是数据库文件 %s 或包含它的目录：请另选一个专用目录", p.label, p.dir, db)
		}
	}
	return nil
}
