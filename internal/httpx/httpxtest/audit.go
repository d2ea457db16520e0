package httpxtest

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// AuditLog records audit calls in memory, one "userID action object detail" line each.
type AuditLog struct {
	mu    sync.Mutex
	lines []string
}

// Record is an httpx.AuditFunc.
func (a *AuditLog) Record(_ context.Context, userID int64, action, object, detail string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lines = append(a.lines, fmt.Sprintf("%d %s %s %s", userID, action, object, detail))
	return nil
}

// Lines returns a copy of the recorded lines.
func (a *AuditLog) Lines() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}

// String returns the recorded lines joined by newlines.
func (a *AuditLog) String() string { return strings.Join(a.Lines(), "\n") }
