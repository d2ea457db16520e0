package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"patentbridge"
)

// maxTokensPerUser bounds a user's named API tokens in force.
const maxTokensPerUser = 20

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

// UserByToken resolves an unexpired session or an unexpired, unrevoked API
// token of an enabled user, noting the token's use at most once a minute.
// Returns EUNAUTHORIZED otherwise.
func (db *DB) UserByToken(ctx context.Context, token string) (*patentbridge.User, error) {
	if strings.TrimSpace(token) == "" || len(token) > 200 {
		return nil, errExpired
	}
	hash, now := hashToken(token), formatTime(db.now())
	q := db.dialect.newQuery().
		add("SELECT "+prefixed("u.", userColumns)+", 0, '' FROM sessions s JOIN users u ON u.id = s.user_id"+
			" WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at = ''", hash, now).
		add(" UNION ALL SELECT "+prefixed("u.", userColumns)+", t.id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id"+
			" WHERE t.token_hash = ? AND t.revoked_at = '' AND t.expires_at > ? AND u.disabled_at = ''", hash, now)
	var tokenID int64
	var lastUsed string
	u, err := scanUser(db.read.QueryRowContext(ctx, q.String(), q.args...), &tokenID, &lastUsed)
	if isNoRows(err) {
		return nil, errExpired
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: user by token: %w", err)
	}
	if tokenID != 0 && lastUsed < formatTime(db.now().Add(-time.Minute)) {
		uq := db.dialect.newQuery().add("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, tokenID)
		if _, err := db.write.ExecContext(ctx, uq.String(), uq.args...); err != nil {
			return nil, fmt.Errorf("sqldb: note token use: %w", err)
		}
	}
	return u, nil
}

// CreateAPIToken issues a named API token to the signed-in user, valid for
// TokenTTL, and returns its secret (shown once; only its hash is stored).
// Returns EINVALID, EUNAUTHORIZED, ECONFLICT (too many tokens).
func (db *DB) CreateAPIToken(ctx context.Context, name string) (string, *patentbridge.APIToken, error) {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil {
		return "", nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", nil, patentbridge.FieldErrorf("name", "请为令牌命名，例如\"导入脚本\"")
	case utf8.RuneCountInString(name) > 64:
		return "", nil, patentbridge.FieldErrorf("name", "令牌名称不能超过64个字符")
	}
	secret, hash := newToken()
	t := &patentbridge.APIToken{Name: name}
	err := db.WithTx(ctx, func(tx *Tx) error {
		var n int
		cq := tx.q().add("SELECT COUNT(*) FROM api_tokens WHERE user_id = ? AND revoked_at = '' AND expires_at > ?", actor.ID, formatTime(tx.now))
		if err := tx.queryRow(ctx, cq).Scan(&n); err != nil {
			return fmt.Errorf("sqldb: count API tokens: %w", err)
		}
		if n >= maxTokensPerUser {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "有效令牌已达%d个，请先撤销不用的令牌", maxTokensPerUser)
		}
		t.CreatedAt, t.ExpiresAt = tx.now, tx.now.Add(db.TokenTTL)
		q := tx.q().add("INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
			hash, actor.ID, name, formatTime(t.CreatedAt), formatTime(t.ExpiresAt))
		if err := tx.queryRow(ctx, q).Scan(&t.ID); err != nil {
			return fmt.Errorf("sqldb: create API token: %w", err)
		}
		return tx.audit(ctx, "token.create", fmt.Sprintf("api_token:%d", t.ID), nil, t)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// ListAPITokens returns the signed-in user's API tokens in force, newest first.
// Returns EUNAUTHORIZED.
func (db *DB) ListAPITokens(ctx context.Context) ([]*patentbridge.APIToken, error) {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	q := db.dialect.newQuery().add("SELECT id, name, created_at, expires_at, last_used_at FROM api_tokens"+
		" WHERE user_id = ? AND revoked_at = '' AND expires_at > ? ORDER BY id DESC", actor.ID, formatTime(db.now()))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list API tokens: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.APIToken{}
	for rs.Next() {
		var t patentbridge.APIToken
		var created, expires, used string
		if err := rs.Scan(&t.ID, &t.Name, &created, &expires, &used); err != nil {
			return nil, fmt.Errorf("sqldb: list API tokens: %w", err)
		}
		if t.CreatedAt, err = parseTime(created); err == nil {
			if t.ExpiresAt, err = parseTime(expires); err == nil {
				t.LastUsedAt, err = parseTime(used)
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, &t)
	}
	return out, rs.Err()
}

// RevokeAPIToken revokes one of the signed-in user's tokens. Returns ENOTFOUND, EUNAUTHORIZED.
func (db *DB) RevokeAPIToken(ctx context.Context, id int64) error {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil {
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		n, err := affected(tx.exec(ctx, tx.q().add("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = ''",
			formatTime(tx.now), id, actor.ID)))
		if err != nil {
			return fmt.Errorf("sqldb: revoke API token %d: %w", id, err)
		} else if n == 0 {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "令牌 %d 不存在或已撤销", id)
		}
		return tx.audit(ctx, "token.revoke", fmt.Sprintf("api_token:%d", id), nil, nil)
	})
}

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		if strings.HasPrefix(parts[i], "COALESCE(") {
			parts[i] = "COALESCE(" + p + strings.TrimPrefix(parts[i], "COALESCE(")
			continue
		}
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}
