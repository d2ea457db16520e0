package config

import (
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
)

// TestCheckPlacesRefusesTheDatabaseAsIndex: an index or jobs directory naming the
// SQLite file or its data directory is refused in Chinese (healing an "unreadable
// index" there moved the live database aside), and the defaults and separate
// directories pass.
func TestCheckPlacesRefusesTheDatabaseAsIndex(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "pb.db")
	for _, c := range []struct {
		name  string
		cfg   Config
		field string
	}{
		{"index is the database file", Config{DB: db, IndexDir: filepath.Join(dir, "pb.db")}, "index"},
		{"index is the data directory", Config{DB: db, IndexDir: dir}, "index"},
		{"index holds the data directory", Config{DB: db, IndexDir: filepath.Dir(dir)}, "index"},
		{"jobs directory is the data directory", Config{DB: db, Jobs: Jobs{Dir: dir}}, "jobs-dir"},
	} {
		err := c.cfg.CheckPlaces()
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "不能是数据库文件") {
			t.Errorf("%s: CheckPlaces = %v, want EINVALID naming the database", c.name, err)
			continue
		}
		if f := patentbridge.ErrorField(err); f != c.field {
			t.Errorf("%s: field %q, want %q", c.name, f, c.field)
		}
	}
	for _, ok := range []Config{
		{DB: db},
		{DB: db, IndexDir: filepath.Join(dir, "index"), Jobs: Jobs{Dir: filepath.Join(dir, "jobs")}},
		{DB: "postgres://pb@127.0.0.1/pb", IndexDir: dir},
	} {
		if err := ok.CheckPlaces(); err != nil {
			t.Errorf("CheckPlaces(%+v) = %v, want nil", ok, err)
		}
	}
}
