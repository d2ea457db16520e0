// Package lease is how a background job (an upload import, a screening run) is
// owned by exactly one process at a time: every process names itself with an
// owner id, claims a job in the database with a lease that runs out unless the
// owner renews it, and a job whose lease ran out (or whose owner is known to be
// gone) is interrupted and may be taken over by another process.
package lease

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// own holds the owner ids created by this process, which are alive by definition.
var own sync.Map // string -> struct{}

// NewOwner returns a new owner id for this process: "host/pid/nonce". The host
// and pid let a process that starts on the same machine recognise a dead
// owner at once; the nonce tells this process from an earlier one that had the
// same pid (PID 1 in a container, every time).
func NewOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	host = strings.ReplaceAll(host, "/", "_")
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	id := fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
	own.Store(id, struct{}{})
	return id
}

// Dead reports whether owner is known to be gone: it ran on this host, and its
// process no longer runs or is this process, which did not create that id. An
// owner on another host is never known dead here; its lease decides.
func Dead(owner string) bool {
	host, rest, ok := strings.Cut(owner, "/")
	if !ok {
		return false
	}
	pidText, _, ok := strings.Cut(rest, "/")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || pid <= 0 {
		return false
	}
	if h, err := os.Hostname(); err != nil || strings.ReplaceAll(h, "/", "_") != host {
		return false
	}
	if pid == os.Getpid() {
		_, mine := own.Load(owner)
		return !mine
	}
	return !running(pid)
}
