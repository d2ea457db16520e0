package sqldb

import (
	"sync"
	"time"
)

// Login throttling: after LockoutFailures failed logins within LockoutWindow an
// account (known or not, so that a lockout tells nothing about which usernames
// exist) is refused for LockoutDuration; an address gets AddressFailures.
const (
	LockoutFailures = 5
	AddressFailures = 20
	LockoutWindow   = 15 * time.Minute
	LockoutDuration = 15 * time.Minute
)

// guardCap bounds each failure table; beyond it, entries that no longer lock
// anything are dropped first, then the table starts afresh.
const guardCap = 50_000

// loginGuard counts failed logins per username and per address in memory. It
// is per process: a restart or another node starts with clean tables.
type loginGuard struct {
	mu       sync.Mutex
	accounts map[string]*failures
	address  map[string]*failures
}

// failures is one key's failures within the current window.
type failures struct {
	count       int
	first       time.Time
	lockedUntil time.Time
}

// wait returns how long the username or the address must still wait, or 0.
func (g *loginGuard) wait(username, address string, now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	var w time.Duration
	for _, f := range []*failures{g.accounts[username], g.address[address]} {
		if f != nil && f.lockedUntil.After(now) {
			w = max(w, f.lockedUntil.Sub(now))
		}
	}
	return w
}

// fail records a failure and returns how long the caller must now wait (0 when
// neither the username nor the address is locked by it).
func (g *loginGuard) fail(username, address string, now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.accounts == nil {
		g.accounts, g.address = map[string]*failures{}, map[string]*failures{}
	}
	w := record(g.accounts, username, LockoutFailures, now)
	return max(w, record(g.address, address, AddressFailures, now))
}

// succeed forgets the username's failures.
func (g *loginGuard) succeed(username string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.accounts, username)
}

// record counts one failure of key in m and locks it at limit failures.
func record(m map[string]*failures, key string, limit int, now time.Time) time.Duration {
	if len(m) >= guardCap {
		prune(m, now)
	}
	f := m[key]
	if f == nil || now.Sub(f.first) > LockoutWindow {
		f = &failures{first: now}
		m[key] = f
	}
	f.count++
	if f.count >= limit {
		f.lockedUntil, f.count, f.first = now.Add(LockoutDuration), 0, now
		return LockoutDuration
	}
	return 0
}

// prune drops the entries that lock nothing and whose window has passed, and
// everything when that is not enough.
func prune(m map[string]*failures, now time.Time) {
	for k, f := range m {
		if !f.lockedUntil.After(now) && now.Sub(f.first) > LockoutWindow {
			delete(m, k)
		}
	}
	if len(m) >= guardCap {
		clear(m)
	}
}
