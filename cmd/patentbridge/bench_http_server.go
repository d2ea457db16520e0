package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// demoServer is a `patentbridge serve --demo` started by `bench http`.
type demoServer struct {
	url  string
	cmd  *exec.Cmd
	dir  string
	done chan error
}

// startDemoServer starts this binary's serve --demo on a free port of 127.0.0.1
// with a fresh database in a temporary directory, and waits until it answers and
// its search index holds every demo patent.
func startDemoServer(ctx context.Context, demoN int, stderr io.Writer) (*demoServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "patentbridge-load-")
	if err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	defer log.Close()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	s := &demoServer{url: "http://" + addr, dir: dir, done: make(chan error, 1)}
	s.cmd = exec.Command(exe, "serve", "--demo", "--demo-n", strconv.Itoa(demoN),
		"--db", "sqlite:"+filepath.Join(dir, "load.db"), "--addr", addr, "--log-level", "warn")
	s.cmd.Env = append(os.Environ(), "PATENTBRIDGE_ADMIN_PASSWORD="+randomPassword())
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	fmt.Fprintf(stderr, "bench http: started serve --demo --demo-n %d on %s (pid %d, log %s)\n", demoN, addr, s.cmd.Process.Pid, log.Name())
	if err := s.waitReady(ctx, 5*time.Minute); err != nil {
		b, _ := os.ReadFile(log.Name())
		s.stop()
		return nil, fmt.Errorf("bench http: the demo server did not get ready: %w\n%s", err, b)
	}
	return s, nil
}

// waitReady polls /healthz, then the index status until no build is running and
// the index holds every patent.
func (s *demoServer) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("serve exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		if indexed(s.url) {
			return nil
		}
	}
	return fmt.Errorf("not ready after %s", limit)
}

// indexed reports whether the server at base answers and its search index is
// built and holds every patent (while it builds, search may answer 503).
func indexed(base string) bool {
	var st struct {
		Docs, Patents int
		Building      bool
	}
	return getJSON(base+"/api/v1/search/status", &st) == nil && !st.Building && st.Patents > 0 && st.Docs >= st.Patents
}

// waitIndexed waits up to limit for indexed(base).
func waitIndexed(ctx context.Context, base string, limit time.Duration) error {
	for deadline := time.Now().Add(limit); !indexed(base); {
		if time.Now().After(deadline) {
			return fmt.Errorf("bench http: the search index of %s is not built after %s", base, limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
	return nil
}

// settle waits until the server is idle — under 5% of a CPU over a second, up
// to two minutes (on Linux) — so that its start-up work in the background (the index
// reading in, re-indexing the first screening's grades, the garbage of the
// router's training) is not measured as the cost of the first endpoint.
func (s *demoServer) settle(ctx context.Context) error {
	start := time.Now()
	last, err := cpuTicks(s.cmd.Process.Pid)
	for err == nil && time.Since(start) < 2*time.Minute {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
		var now int64
		if now, err = cpuTicks(s.cmd.Process.Pid); err == nil && now-last <= clockTicks/20 {
			return nil
		}
		last = now
	}
	return nil // not idle after two minutes, or no /proc: measure anyway
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat's times.
const clockTicks = 100

// cpuTicks is the CPU time (user + system) of a process, in clock ticks.
func cpuTicks(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The fields after the command name (which may hold spaces) in parentheses;
	// utime and stime are the 14th and 15th fields of the line.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("bench http: unexpected /proc/%d/stat", pid)
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bench http: unexpected /proc/%d/stat", pid)
	}
	return u + st, nil
}

// stop ends the server with SIGTERM (SIGKILL after 20 s) and removes its directory.
func (s *demoServer) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	os.RemoveAll(s.dir)
}

func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// freePort asks the kernel for a port of 127.0.0.1 that is free now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// randomPassword is the demo admin's password: the endpoints measured need none.
func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "Load-" + hex.EncodeToString(b)
}
