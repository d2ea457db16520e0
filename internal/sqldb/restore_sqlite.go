package sqldb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// refuseSQLiteTarget returns ECONFLICT when the SQLite file target or one of
// its journals exists.
func refuseSQLiteTarget(target string) error {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := refuseExisting(target+suffix, "目标数据库文件 %s 已存在：恢复不会覆盖已有的数据库。"+
			"请先停止服务，把它（连同同名的 -wal、-shm 文件和索引目录）移到别处，或用 --db 指定新的位置"); err != nil {
			return err
		}
	}
	return nil
}

// restoreSQLite restores the backup read by r as the SQLite file target, which
// must not exist (nor its journals), with the data files beside it.
func restoreSQLite(ctx context.Context, r *archiveReader, target string) error {
	target, err := filepath.Abs(target)
	if err != nil {
		return fmt.Errorf("sqldb: restore: %w", err)
	}
	if err := refuseSQLiteTarget(target); err != nil {
		return err
	}
	dir := filepath.Dir(target)
	stage, err := stageRestore(r, dir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	staged := filepath.Join(stage, sqliteEntry)
	tables, _, err := inspectSQLite(ctx, staged, r.file, "integrity_check")
	if err != nil {
		return err
	}
	if err := sameCounts(r.file, r.m.Tables, tables); err != nil {
		return err
	}
	if err := placeFiles(r.m, stage, dir); err != nil {
		return err
	}
	if err := placeFile(staged, target); err != nil {
		return fmt.Errorf("sqldb: restore %s: %w", target, err)
	}
	return nil
}

// sameCounts checks the restored tables against the manifest's row counts.
func sameCounts(file string, want, got map[string]int64) error {
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if c, ok := got[n]; !ok {
			return corruptBackup(file, fmt.Sprintf("清单中的表 %s 不在数据库中", n))
		} else if c != want[n] {
			return corruptBackup(file, fmt.Sprintf("表 %s 有 %d 行，清单记录 %d 行", n, c, want[n]))
		}
	}
	if len(got) != len(want) {
		return corruptBackup(file, "数据库中有清单之外的表")
	}
	return nil
}
