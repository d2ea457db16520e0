package sqldb

import (
	"errors"
	"net/url"
	"runtime"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
)

// dialect holds everything that differs between SQLite and PostgreSQL; no other
// file tests which database it talks to.
type dialect struct {
	name  string
	goose goose.Dialect
	// numbered placeholders ($1, $2, …) instead of "?".
	numbered bool
	// like is the case-insensitive substring operator.
	like string
	// insertAll starts an insert whose failure undoes the whole transaction:
	// SQLite's OR ROLLBACK (no statement journal), PostgreSQL's plain INSERT.
	insertAll string
	// skipLocked ends the SELECT with which a process claims a background job:
	// PostgreSQL's FOR UPDATE SKIP LOCKED lets processes claim different jobs at
	// once; SQLite's write transactions are serialized, so it needs nothing.
	skipLocked string
	// forUpdate locks the rows a SELECT reads until the transaction ends
	// (PostgreSQL); SQLite's write transaction holds the whole database.
	forUpdate string
	// lockRunClaims, when set, is run first in a screening-run claim so that
	// claims queue up (one run at a time across processes); SQLite's write
	// transaction already does.
	lockRunClaims string
	// lockChanges, when set, makes a transaction that writes patent_changes
	// take its turn with the patent writers (PostgreSQL; see copyWriter);
	// SQLite's single writer already does.
	lockChanges string
	// lockLedger, when set, is run first in a ledger append so that appends
	// from every process on one PostgreSQL take turns (one tree, no gaps);
	// SQLite's single write transaction already does.
	lockLedger string
	// lockDeals, when set, is run before a deal is matched against the stored
	// ones (Deal.SameAs) so that two processes recording one deal at once
	// store it once (PostgreSQL); SQLite's single write transaction already does.
	lockDeals string
	// bulkUpsert writes a prepared batch of patents inside the caller's plan:
	// prepared statements on SQLite, COPY on PostgreSQL.
	bulkUpsert func(db *DB) patentWriter
}

var sqliteDialect = &dialect{
	name:       "sqlite",
	goose:      goose.DialectSQLite3,
	like:       "LIKE",
	insertAll:  "INSERT OR ROLLBACK INTO ",
	bulkUpsert: func(db *DB) patentWriter { return sqlWriter{db} },
}

var postgresDialect = &dialect{
	name:       "postgres",
	goose:      goose.DialectPostgres,
	numbered:   true,
	like:       "ILIKE",
	insertAll:  "INSERT INTO ",
	skipLocked: " FOR UPDATE SKIP LOCKED",
	forUpdate:  " FOR UPDATE",
	// Key 0x5042_7275 ("PBru"): the screening-run claim lock.
	lockRunClaims: "SELECT pg_advisory_xact_lock(1346532981)",
	lockChanges:   "LOCK TABLE patent_changes IN EXCLUSIVE MODE",
	lockLedger:    "SELECT pg_advisory_xact_lock(1346532982)",
	lockDeals:     "SELECT pg_advisory_xact_lock(1346532983)",
	bulkUpsert:    func(db *DB) patentWriter { return copyWriter{db} },
}

// isPostgresDSN reports whether dsn names a PostgreSQL server.
func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePageSize is the page size of new SQLite databases: patent rows take about
// 1.5 KB, and 16 KiB pages make a bulk import write (and checkpoint) a quarter as
// many pages, each a write system call, as the default 4 KiB. Existing databases
// keep their page size.
const sqlitePageSize = 16384

// sqliteDSN returns the modernc.org/sqlite connection string for path: busy_timeout
// first so that every later pragma already waits for locks, the page size of a
// new file, then foreign keys, synchronous=NORMAL (durable in WAL mode up to the
// last checkpointed commit) and WAL, which the driver applies after every _pragma
// (a page_size must come before the file is switched to WAL).
func sqliteDSN(path string, writer bool) string {
	q := []string{
		"_pragma=busy_timeout(10000)",
		"_pragma=page_size(" + strconv.Itoa(sqlitePageSize) + ")",
		"_journal_mode=WAL",
		"_pragma=foreign_keys(1)",
		"_pragma=synchronous(NORMAL)",
		"_pragma=cache_size(-32000)",
		"_pragma=temp_store(MEMORY)",
	}
	if writer {
		q = append(q, "_pragma=wal_autocheckpoint("+strconv.Itoa(writerAutoCheckpoint)+")", "_txlock=immediate")
	} else {
		q = append(q, "_pragma=query_only(1)")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + strings.Join(q, "&")
}

// readPoolSize is the number of SQLite reader connections.
func readPoolSize() int { return max(4, 2*runtime.NumCPU()) }

// rebind rewrites "?" placeholders to the dialect's form; queries never contain a
// literal question mark.
func (d *dialect) rebind(query string) string {
	if !d.numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// placeholder returns the n-th (1-based) placeholder.
func (d *dialect) placeholder(n int) string {
	if d.numbered {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// isUniqueViolation reports whether err is a unique or primary key violation.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
		return se.Code() == 2067 || se.Code() == 1555
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}
