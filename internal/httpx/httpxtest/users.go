package httpxtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"patentbridge"
)

// UserService is an in-memory patentbridge.UserService with plain-text passwords.
type UserService struct {
	mu        sync.Mutex
	users     map[int64]*patentbridge.User
	passwords map[string]string // username -> password
	tokens    map[string]token
	nextID    int64
}

type token struct {
	userID  int64
	expires time.Time // zero for API tokens
}

// NewUserService returns an empty user store.
func NewUserService() *UserService {
	return &UserService{users: map[int64]*patentbridge.User{}, passwords: map[string]string{}, tokens: map[string]token{}}
}

// MustUser creates a user with the role and password "secret-pw" and returns it
// with an API token.
func (s *UserService) MustUser(tb testing.TB, username string, role patentbridge.Role) (*patentbridge.User, string) {
	tb.Helper()
	u := &patentbridge.User{Username: username, Name: username, Role: role}
	if err := s.CreateUser(context.Background(), u, "secret-pw"); err != nil {
		tb.Fatal(err)
	}
	tok, err := s.CreateAPIToken(context.Background(), u.ID, "test")
	if err != nil {
		tb.Fatal(err)
	}
	return u, tok
}

// CreateUser stores the user; ECONFLICT when the username is taken.
func (s *UserService) CreateUser(ctx context.Context, u *patentbridge.User, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.passwords[u.Username]; ok {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "用户名 %s 已存在", u.Username)
	}
	s.nextID++
	u.ID, u.CreatedAt = s.nextID, patentbridge.Now()
	s.users[u.ID], s.passwords[u.Username] = u, password
	return nil
}

// CountUsers returns how many users exist.
func (s *UserService) CountUsers(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.users), nil
}

// Authenticate checks the password; EUNAUTHORIZED when wrong.
func (s *UserService) Authenticate(ctx context.Context, username, password string) (*patentbridge.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pw, ok := s.passwords[username]; ok && pw == password {
		for _, u := range s.users {
			if u.Username == username {
				return u, nil
			}
		}
	}
	return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "用户名或密码错误")
}

// CreateSession issues a session token valid for ttl.
func (s *UserService) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, error) {
	return s.issue(userID, patentbridge.Now().Add(ttl))
}

// CreateAPIToken issues a token that does not expire.
func (s *UserService) CreateAPIToken(ctx context.Context, userID int64, name string) (string, error) {
	return s.issue(userID, time.Time{})
}

func (s *UserService) issue(userID int64, expires time.Time) (string, error) {
	b := make([]byte, 16)
	rand.Read(b)
	t := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[t] = token{userID: userID, expires: expires}
	return t, nil
}

// UserByToken resolves a token; EUNAUTHORIZED when unknown or expired.
func (s *UserService) UserByToken(ctx context.Context, t string) (*patentbridge.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, ok := s.tokens[t]
	if !ok || (!tok.expires.IsZero() && patentbridge.Now().After(tok.expires)) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "会话已过期，请重新登录")
	}
	return s.users[tok.userID], nil
}

// DeleteSession forgets a session token.
func (s *UserService) DeleteSession(ctx context.Context, t string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, t)
	return nil
}
