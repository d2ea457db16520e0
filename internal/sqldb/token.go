package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"patentbridge"
)

// errExpired answers every unknown, expired or revoked token.
var errExpired = patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "登录已失效，请重新登录")

// newToken returns a secret of 32 random bytes in hex and the hash stored for it.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = hex.EncodeToString(b)
	return token, hashToken(token)
}

// hashToken is the SHA-256 of a token in hex; only hashes are stored.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(h[:])
}

// CreateSession opens a browser session for the user and returns its secret
// token; expired sessions are purged on the way. Returns ENOTFOUND for an
// unknown user and EINVALID for a non-positive ttl.
func (db *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		return "", patentbridge.FieldErrorf("ttl", "会话有效期必须大于零")
	}
	token, hash := newToken()
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("sqldb: create session: %w", err)
	}
	defer tx.Rollback()
	if err := db.userExists(ctx, tx, userID); err != nil {
		return "", err
	}
	del := db.dialect.newQuery().add("DELETE FROM sessions WHERE expires_at <= ?", formatTime(now))
	ins := db.dialect.newQuery().add("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
		hash, userID, formatTime(now), formatTime(now.Add(ttl)))
	for _, q := range []*query{del, ins} {
		if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
			return "", fmt.Errorf("sqldb: create session: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("sqldb: create session: %w", err)
	}
	return token, nil
}

// CreateAPIToken issues a long-lived API token for the user and returns its
// secret. Returns ENOTFOUND for an unknown user.
func (db *DB) CreateAPIToken(ctx context.Context, userID int64, name string) (string, error) {
	token, hash := newToken()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("sqldb: create API token: %w", err)
	}
	defer tx.Rollback()
	if err := db.userExists(ctx, tx, userID); err != nil {
		return "", err
	}
	q := db.dialect.newQuery().add("INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)",
		hash, userID, strings.TrimSpace(name), formatTime(db.now()))
	if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
		return "", fmt.Errorf("sqldb: create API token: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("sqldb: create API token: %w", err)
	}
	return token, nil
}

func (db *DB) userExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var one int
	q := db.dialect.newQuery().add("SELECT 1 FROM users WHERE id = ?", id)
	err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "用户不存在")
	} else if err != nil {
		return fmt.Errorf("sqldb: find user %d: %w", id, err)
	}
	return nil
}

// UserByToken resolves a session token (unexpired) or an API token.
// Returns EUNAUTHORIZED when unknown or expired.
func (db *DB) UserByToken(ctx context.Context, token string) (*patentbridge.User, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errExpired
	}
	hash := hashToken(token)
	q := db.dialect.newQuery().
		add("SELECT "+prefixed("u.", userColumns)+" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
			hash, formatTime(db.now())).
		add(" UNION ALL SELECT "+prefixed("u.", userColumns)+" FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?", hash)
	u, err := scanUser(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errExpired
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: user by token: %w", err)
	}
	return u, nil
}

// DeleteSession ends a browser session; ending an unknown session is not an error.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	q := db.dialect.newQuery().add("DELETE FROM sessions WHERE token_hash = ?", hashToken(token))
	if _, err := db.write.ExecContext(ctx, q.String(), q.args...); err != nil {
		return fmt.Errorf("sqldb: delete session: %w", err)
	}
	return nil
}

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}
