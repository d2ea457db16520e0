package sqldb

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
)

// Default lifetimes of logins.
const (
	DefaultSessionTTL = 12 * time.Hour       // a browser session or an API login token
	DefaultTokenTTL   = 180 * 24 * time.Hour // a named API token
)

// errBadLogin is the one answer for an unknown user and a wrong password alike.
var errBadLogin = patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "用户名或密码错误")

// dummyHashes holds, per bcrypt cost, the hash compared against when the user
// does not exist, so that an unknown username costs the same bcrypt work as a
// wrong password and timing tells nothing about which usernames exist.
var dummyHashes sync.Map // int -> []byte

func dummyHash(cost int) []byte {
	if h, ok := dummyHashes.Load(cost); ok {
		return h.([]byte)
	}
	h, _ := bcrypt.GenerateFromPassword([]byte("patentbridge-dummy-password"), cost)
	dummyHashes.Store(cost, h)
	return h
}

// tooMany is the answer to a locked account or address.
func tooMany(wait time.Duration) error {
	mins := int((wait + time.Minute - 1) / time.Minute)
	return &patentbridge.Error{Code: patentbridge.ETOOMANY, RetryAfter: wait,
		Message: fmt.Sprintf("登录失败次数过多，请%d分钟后再试", mins)}
}

// Login checks a username and password and opens a browser session (api
// false) or an API login token, each for SessionTTL; failures count towards the
// account's and the address's lockout and are audited like successes. Returns
// EUNAUTHORIZED, ETOOMANY.
func (db *DB) Login(ctx context.Context, username, password string, api bool) (*patentbridge.Session, error) {
	username = strings.TrimSpace(username)
	key, addr := strings.ToLower(username), patentbridge.OriginFrom(ctx).Address
	if wait := db.guard.wait(key, addr, db.now()); wait > 0 {
		// Attempts during a lockout are refused unchecked but still recorded.
		err := db.WithTx(ctx, func(tx *Tx) error {
			return tx.auditAs(ctx, nil, "login.failed", "user:?", nil, map[string]any{"username": clip(username, 64), "reason": "locked"})
		})
		if err != nil {
			return nil, err
		}
		return nil, tooMany(wait)
	}
	if len(username) > 200 || len(password) > 200 {
		return nil, db.loginFailed(ctx, nil, clip(username, 64), key, addr, false)
	}
	var hash string
	q := db.dialect.newQuery().add("SELECT "+userColumns+", password_hash FROM users WHERE username = ?", username)
	u, err := scanUser(db.read.QueryRowContext(ctx, q.String(), q.args...), &hash)
	if isNoRows(err) {
		u, hash = nil, string(dummyHash(db.PasswordCost))
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: login: %w", err)
	}
	ok := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil && u != nil
	if !ok || u.Disabled {
		return nil, db.loginFailed(ctx, u, username, key, addr, ok)
	}
	db.guard.succeed(key)
	s := &patentbridge.Session{User: u}
	err = db.WithTx(ctx, func(tx *Tx) error {
		token, hash := newToken()
		s.Token, s.ExpiresAt = token, tx.now.Add(db.SessionTTL)
		if err := tx.openLogin(ctx, u.ID, hash, api, s.ExpiresAt); err != nil {
			return err
		}
		return tx.auditAs(ctx, u, "login", userObject(u.ID), nil, map[string]any{"api": api, "expires_at": s.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// loginFailed audits a failed login, counts it, and returns the answer: the
// lockout when this failure locked the account or address, "account disabled"
// to a disabled user who gave the right password, else errBadLogin.
func (db *DB) loginFailed(ctx context.Context, u *patentbridge.User, username, key, addr string, rightPassword bool) error {
	wait := db.guard.fail(key, addr, db.now())
	reason := "wrong_password"
	switch {
	case u == nil:
		reason = "unknown_user"
	case rightPassword:
		reason = "disabled"
	}
	object := "user:?"
	if u != nil {
		object = userObject(u.ID)
	}
	err := db.WithTx(ctx, func(tx *Tx) error {
		return tx.auditAs(ctx, u, "login.failed", object, nil, map[string]any{"username": clip(username, 64), "reason": reason, "locked": wait > 0})
	})
	switch {
	case err != nil:
		return err
	case wait > 0:
		return tooMany(wait)
	case reason == "disabled":
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "账号已停用，请联系管理员")
	}
	return errBadLogin
}

// openLogin stores a session (browser) or an API login token, purging expired sessions.
func (tx *Tx) openLogin(ctx context.Context, userID int64, hash string, api bool, expires time.Time) error {
	qs := []*query{tx.q().add("DELETE FROM sessions WHERE expires_at <= ?", formatTime(tx.now))}
	if api {
		qs = append(qs, tx.q().add("INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			hash, userID, loginTokenName, formatTime(tx.now), formatTime(expires)))
	} else {
		qs = append(qs, tx.q().add("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			hash, userID, formatTime(tx.now), formatTime(expires)))
	}
	for _, q := range qs {
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: open login: %w", err)
		}
	}
	return nil
}

// loginTokenName names the API tokens that POST /api/v1/auth/login issues.
const loginTokenName = "登录令牌"

// Logout ends the session or revokes the API token; unknown tokens are not an error.
func (db *DB) Logout(ctx context.Context, token string) error {
	hash := hashToken(token)
	return db.WithTx(ctx, func(tx *Tx) error {
		n, err := affected(tx.exec(ctx, tx.q().add("DELETE FROM sessions WHERE token_hash = ?", hash)))
		if err != nil {
			return fmt.Errorf("sqldb: logout: %w", err)
		}
		m, err := affected(tx.exec(ctx, tx.q().add("UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at = ''",
			formatTime(tx.now), hash)))
		if err != nil {
			return fmt.Errorf("sqldb: logout: %w", err)
		}
		if n+m == 0 {
			return nil
		}
		var object string
		if u := patentbridge.UserFrom(ctx); u != nil {
			object = userObject(u.ID)
		}
		return tx.audit(ctx, "logout", object, nil, nil)
	})
}
