package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// DefaultJobLease is how long a claim on a background job lasts unless renewed.
const DefaultJobLease = 30 * time.Second

// jobTable is a table of background jobs with lease columns (status, owner,
// lease_until, attempts, error), with its audit names and the messages an
// interrupted job shows.
type jobTable struct {
	table, action string // "import_jobs", audit actions "import.…"
	object        func(id int64) string
	noun          string                    // how messages name one job, e.g. "导入任务"
	crashed       func(owner string) string // why a job whose owner died is interrupted
	shutdown      string                    // why a job a shutdown stopped is interrupted
}

var importJobs = jobTable{table: "import_jobs", action: "import", object: jobObject, noun: "导入任务",
	crashed: func(owner string) string {
		return fmt.Sprintf("导入中断：运行它的进程（%s）已停止。已写入的批次已保存，继续导入即可补全（按申请号更新，不会重复）", owner)
	},
	shutdown: "导入因服务关闭而中断：已写入的批次已保存，继续导入即可补全（按申请号更新，不会重复）"}

var screeningRuns = jobTable{table: "screening_runs", action: "screening", object: runObject, noun: "筛查批次",
	crashed: func(owner string) string {
		return fmt.Sprintf("筛查中断：运行它的进程（%s）已停止。部分结果不会被使用，可重新运行或放弃", owner)
	},
	shutdown: "筛查因服务关闭而中断：部分结果不会被使用，可重新运行或放弃"}

// leaseUntil is when a claim made or renewed at now runs out.
func (db *DB) leaseUntil(now time.Time) time.Time {
	d := db.JobLease
	if d <= 0 {
		d = DefaultJobLease
	}
	return now.Add(d)
}

// renewLease extends owner's lease on its running job. Returns ECONFLICT when
// owner no longer holds the job (it was interrupted and taken over, or discarded).
func (db *DB) renewLease(ctx context.Context, t jobTable, id int64, owner string) error {
	now := db.now()
	q := db.dialect.newQuery().add("UPDATE "+t.table+" SET lease_until = ? WHERE id = ? AND owner = ? AND status = ?",
		formatTime(db.leaseUntil(now)), id, owner, patentbridge.JobRunning)
	n, err := affected(db.write.ExecContext(ctx, q.String(), q.args...))
	if err != nil {
		return fmt.Errorf("sqldb: renew lease of %s %d: %w", t.table, id, err)
	}
	if n == 0 {
		return lostLease(t, id)
	}
	return nil
}

func lostLease(t jobTable, id int64) error {
	return patentbridge.Errorf(patentbridge.ECONFLICT, "%s %d 已不由本进程运行（已中断并由其他进程接管，或已放弃）", t.noun, id)
}

// interruptAbandoned marks interrupted every running job of t whose lease has
// run out, or whose owner dead (may be nil) knows to be gone; each with its
// "….interrupt" audit row, as the platform's act. A job whose owner renewed its
// lease meanwhile is left alone. The running jobs are read first, so that a
// sweep that finds nothing writes nothing. Returns the interrupted jobs' ids.
func (db *DB) interruptAbandoned(ctx context.Context, t jobTable, dead func(owner string) bool) ([]int64, error) {
	type held struct {
		id           int64
		owner, until string
	}
	now := formatTime(db.now())
	q := db.dialect.newQuery().add("SELECT id, owner, lease_until FROM "+t.table+" WHERE status = ? ORDER BY id", patentbridge.JobRunning)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: running %s: %w", t.table, err)
	}
	var gone []held
	for rs.Next() {
		var h held
		if err := rs.Scan(&h.id, &h.owner, &h.until); err != nil {
			rs.Close()
			return nil, fmt.Errorf("sqldb: running %s: %w", t.table, err)
		}
		if h.until < now || (dead != nil && dead(h.owner)) {
			gone = append(gone, h)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil || len(gone) == 0 {
		return nil, err
	}
	var ids []int64
	err = db.WithTx(ctx, func(tx *Tx) error {
		ids = ids[:0]
		for _, h := range gone {
			reason := t.crashed(h.owner)
			q := tx.q().add("UPDATE "+t.table+" SET status = ?, error = ? WHERE id = ? AND status = ? AND owner = ? AND lease_until = ?",
				patentbridge.JobInterrupted, reason, h.id, patentbridge.JobRunning, h.owner, h.until)
			if n, err := affected(tx.exec(ctx, q)); err != nil {
				return fmt.Errorf("sqldb: interrupt %s %d: %w", t.table, h.id, err)
			} else if n == 0 {
				continue
			}
			if err := tx.auditAs(ctx, nil, t.action+".interrupt", t.object(h.id),
				map[string]any{"status": patentbridge.JobRunning, "owner": h.owner, "lease_until": h.until},
				map[string]any{"status": patentbridge.JobInterrupted, "error": reason}); err != nil {
				return err
			}
			ids = append(ids, h.id)
		}
		return nil
	})
	return ids, err
}

// anyRow reports whether q finds a row, on the read pool: a claim that would
// find nothing does not open a write transaction.
func (db *DB) anyRow(ctx context.Context, q *query) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&one)
	if isNoRows(err) {
		return false, nil
	}
	return err == nil, err
}

// releaseLeases marks interrupted the running jobs of t that owner holds, for
// a shutdown that stopped them: a shutdown is not the job's fault, so the claim
// does not count as an attempt (an automatic retry stays available). Each job
// gets its "….interrupt" audit row. Returns the interrupted jobs' ids.
func (db *DB) releaseLeases(ctx context.Context, t jobTable, owner string) ([]int64, error) {
	var ids []int64
	err := db.WithTx(ctx, func(tx *Tx) error {
		ids = ids[:0]
		q := tx.q().add("SELECT id FROM "+t.table+" WHERE status = ? AND owner = ? ORDER BY id", patentbridge.JobRunning, owner)
		rs, err := tx.query(ctx, q)
		if err != nil {
			return fmt.Errorf("sqldb: release %s: %w", t.table, err)
		}
		for rs.Next() {
			var id int64
			if err := rs.Scan(&id); err != nil {
				rs.Close()
				return fmt.Errorf("sqldb: release %s: %w", t.table, err)
			}
			ids = append(ids, id)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return fmt.Errorf("sqldb: release %s: %w", t.table, err)
		}
		held := ids
		ids = nil
		for _, id := range held {
			q := tx.q().add("UPDATE "+t.table+" SET status = ?, error = ?, attempts = attempts - 1 WHERE id = ? AND status = ? AND owner = ?",
				patentbridge.JobInterrupted, t.shutdown, id, patentbridge.JobRunning, owner)
			if n, err := affected(tx.exec(ctx, q)); err != nil {
				return fmt.Errorf("sqldb: release %s %d: %w", t.table, id, err)
			} else if n == 0 {
				continue // taken over meanwhile
			}
			ids = append(ids, id)
			if err := tx.auditAs(ctx, nil, t.action+".interrupt", t.object(id),
				map[string]any{"status": patentbridge.JobRunning, "owner": owner},
				map[string]any{"status": patentbridge.JobInterrupted, "error": t.shutdown}); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}
