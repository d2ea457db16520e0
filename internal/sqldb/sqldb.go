// Package sqldb implements PatentBridge's services on database/sql, with SQLite
// (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx) as dialects.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"golang.org/x/mod/sumdb/note"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// Compile-time checks that *DB implements the root services.
var (
	_ patentbridge.PatentService      = (*DB)(nil)
	_ patentbridge.UserService        = (*DB)(nil)
	_ patentbridge.ImportJobService   = (*DB)(nil)
	_ patentbridge.SleepingService    = (*DB)(nil)
	_ patentbridge.DeclarationService = (*DB)(nil)
	_ patentbridge.SupplyListService  = (*DB)(nil)
)

// DB is an open PatentBridge database: a read pool and a write pool, which are the
// same pool on PostgreSQL and a multi-connection reader plus a single-connection
// writer on SQLite.
type DB struct {
	read    *sql.DB
	write   *sql.DB
	dialect *dialect
	dsn     string

	ckpt *checkpointer // SQLite only

	scanIDs patentIDs   // of the latest screening scan
	listed  listedCache // patents on published supply lists
	bands   sync.Map    // finished run id -> []patentbridge.GradeBand (a done run never changes)

	routerCount routerCount // RouterCorpusState's count, keyed by the last change

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // statements prepared on the write pool, by text

	// Now returns the current time; tests replace it to control expiry.
	Now func() time.Time
	// PasswordCost is the bcrypt cost for new passwords; tests may lower it.
	PasswordCost int
	// SessionTTL is how long a login lasts (browser session or API login token);
	// TokenTTL how long a named API token does.
	SessionTTL, TokenTTL time.Duration
	// Regions is the list a demand's region must be on (patentbridge.Demand.CheckRegion):
	// by default Sichuan's cities and counties; nil checks only the code's form.
	Regions patentbridge.RegionList
	// Matcher ranks patents for a demand (the search service): feedback is
	// taken only on a patent among the demand's matches
	// (patentbridge.CheckDemandMatch); nil refuses every feedback.
	Matcher patentbridge.Matcher
	// JobLease is how long a process's claim on a background job (an upload
	// import, a screening run) lasts unless renewed; a job whose lease ran out is
	// interrupted and may be taken over.
	JobLease time.Duration

	// LedgerSigner signs the ledger's checkpoints (DESIGN §3.9); the command
	// wires the platform's persistent key. When nil, the first append makes a
	// temporary key and logs that its checkpoints cannot be checked later.
	LedgerSigner note.Signer
	// LedgerPublicKey is the verifier key of LedgerSigner in note's text form,
	// shown with the ledger and used by VerifyLedger to check the signatures.
	LedgerPublicKey string
	ledgerOnce      sync.Once

	guard loginGuard // failed logins per username and address

	regGuard addressGuard // registration forms per address
}

// Open opens the database named by dsn — "sqlite:PATH", a plain file path
// (SQLite), or a "postgres://" / "postgresql://" URL — and applies pending
// migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return nil, fmt.Errorf("sqldb: empty database name")
	}
	db := &DB{dsn: dsn, Now: patentbridge.Now, PasswordCost: bcrypt.DefaultCost,
		SessionTTL: DefaultSessionTTL, TokenTTL: DefaultTokenTTL, JobLease: DefaultJobLease,
		Regions: refdata.ProvinceRegions{Province: patentbridge.DemandProvinceCode}}
	var err error
	if isPostgresDSN(dsn) {
		err = db.openPostgres(ctx, dsn)
	} else {
		err = db.openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) openSQLite(ctx context.Context, path string) error {
	if path == "" {
		return fmt.Errorf("sqldb: empty SQLite path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("sqldb: create database directory: %w", err)
		}
	}
	db.dialect = sqliteDialect
	w, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		return fmt.Errorf("sqldb: open SQLite writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	db.write = w
	// The writer connects first so that the file exists and is in WAL mode before
	// the read-only connections open it.
	if err := w.PingContext(ctx); err != nil {
		return fmt.Errorf("sqldb: open SQLite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return fmt.Errorf("sqldb: open SQLite readers: %w", err)
	}
	r.SetMaxOpenConns(readPoolSize())
	r.SetMaxIdleConns(readPoolSize())
	db.read = r
	if err := r.PingContext(ctx); err != nil {
		return err
	}
	if db.ckpt, err = startCheckpointer(ctx, path); err != nil {
		return fmt.Errorf("sqldb: open SQLite checkpointer: %w", err)
	}
	return nil
}

func (db *DB) openPostgres(ctx context.Context, dsn string) error {
	db.dialect = postgresDialect
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("sqldb: open PostgreSQL: %w", err)
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	p.SetConnMaxIdleTime(5 * time.Minute)
	db.read, db.write = p, p
	if err := p.PingContext(ctx); err != nil {
		return fmt.Errorf("sqldb: connect to PostgreSQL: %w", err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var first error
	db.stmtMu.Lock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmts = nil
	db.stmtMu.Unlock()
	if err := db.ckpt.close(); err != nil {
		first = err
	}
	if db.read != nil && db.read != db.write {
		first = db.read.Close()
	}
	if db.write != nil {
		if err := db.write.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name }

// now returns the current time in UTC, truncated to microseconds as stored.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }
