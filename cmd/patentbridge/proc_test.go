package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"patentbridge/internal/httpx"
)

// mainChild, when set in the environment, makes this test binary act as the
// patentbridge binary itself: its arguments are the command line, and SIGTERM
// ends it as it ends the real one. Tests start such processes to kill them.
const mainChild = "PATENTBRIDGE_TEST_MAIN"

// runMainChild is main() of a re-executed test binary.
func runMainChild() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
}

// proc is a patentbridge process started from this test binary.
type proc struct {
	cmd  *exec.Cmd
	URL  string // the server's base URL, for serve
	logs *lockedBuffer
	done chan struct{} // closed when the process has exited
	err  error         // its exit, once done
	urls chan string   // the listening URL, once logged
}

// lockedBuffer collects a process's log lines for the test's failure message.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.WriteString(line)
	l.b.WriteByte('\n')
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var serveURL = regexp.MustCompile(`url=(http://\S+)`)

// startProc starts patentbridge with args (a subcommand and its flags) and the
// environment variables env; it is killed at cleanup if still running.
func startProc(tb testing.TB, env map[string]string, args ...string) *proc {
	tb.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainChild+"=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	p := &proc{cmd: cmd, logs: &lockedBuffer{}, done: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			p.logs.add(line)
			if m := serveURL.FindStringSubmatch(line); m != nil && strings.Contains(line, "已启动") {
				select {
				case urls <- m[1]:
				default:
				}
			}
		}
		p.err = cmd.Wait()
		close(p.done)
	}()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
		if tb.Failed() {
			tb.Logf("log of %v:\n%s", args, p.logs)
		}
	})
	p.urls = urls
	return p
}

// startServe starts `patentbridge serve` with args on a free port and waits
// until it listens.
func startServe(tb testing.TB, env map[string]string, args ...string) *proc {
	tb.Helper()
	p := startServeAsync(tb, env, args...)
	p.waitListening(tb)
	return p
}

// startServeAsync starts `patentbridge serve` with args on a free port
// without waiting; call waitListening.
func startServeAsync(tb testing.TB, env map[string]string, args ...string) *proc {
	tb.Helper()
	return startProc(tb, env, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
}

// waitListening waits until the server logs the URL it listens on.
func (p *proc) waitListening(tb testing.TB) {
	tb.Helper()
	select {
	case p.URL = <-p.urls:
	case <-p.done:
		tb.Fatalf("serve exited before listening: %v\n%s", p.err, p.logs)
	case <-time.After(60 * time.Second):
		tb.Fatalf("serve did not start within 60 s:\n%s", p.logs)
	}
}

// kill9 kills the process with SIGKILL, as the kernel's OOM killer or a
// power cut would, and waits for it to be gone.
func (p *proc) kill9(tb testing.TB) {
	tb.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		tb.Fatal(err)
	}
	<-p.done
}

// wait waits up to d for the process to exit and returns its exit code.
func (p *proc) wait(tb testing.TB, d time.Duration) int {
	tb.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		tb.Fatalf("process still running after %s:\n%s", d, p.logs)
	}
	if p.err == nil {
		return 0
	}
	if ee, ok := p.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	tb.Fatal(p.err)
	return -1
}

// apiClient calls a server's JSON API with a bearer token ("" for none), and
// its pages with a browser session cookie ("" for none).
type apiClient struct {
	base, token, session string
}

// browserLogin signs in through the login form and returns a client with
// the session cookie the server set.
func (c apiClient) browserLogin(tb testing.TB, username, password string) apiClient {
	tb.Helper()
	form := url.Values{"username": {username}, "password": {password}}
	req, _ := http.NewRequest("POST", c.base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	resp, err := noRedirect.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == httpx.SessionCookie && ck.Value != "" {
			c.session = ck.Value
			return c
		}
	}
	tb.Fatalf("login form as %s: %d, no session cookie", username, resp.StatusCode)
	return c
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// page requests a page as the signed-in browser (a same-origin form post
// when form is not nil) and returns the status and the body.
func (c apiClient) page(tb testing.TB, path string, form url.Values) (int, string) {
	tb.Helper()
	method, body := "GET", io.Reader(nil)
	if form != nil {
		method, body = "POST", strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	req.Header.Set("Accept", "text/html")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", c.base)
	}
	if c.session != "" {
		req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: c.session})
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// call sends a request and decodes a JSON answer into v (when not nil),
// returning the status.
func (c apiClient) call(tb testing.TB, method, path string, body io.Reader, contentType string, v any) int {
	tb.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if v != nil && len(b) > 0 {
		if err := json.Unmarshal(b, v); err != nil {
			tb.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

// login returns a client with a token of username's API login.
func (c apiClient) login(tb testing.TB, username, password string) apiClient {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	var out struct{ Token string }
	if status := c.call(tb, "POST", "/api/v1/auth/login", bytes.NewReader(body), "application/json", &out); status != 200 || out.Token == "" {
		tb.Fatalf("login as %s: %d", username, status)
	}
	c.token = out.Token
	return c
}

// apiJob is what the tests read of an import job's JSON.
type apiJob struct {
	ID       int64   `json:"id"`
	Status   string  `json:"status"`
	Progress float64 `json:"progress"`
	Error    string  `json:"error"`
	Owner    string  `json:"owner"`
	Attempts int     `json:"attempts"`
	Summary  struct {
		Read, Inserted, Updated, Unchanged, Rejected int
	} `json:"summary"`
}

// upload posts the file at path as the raw body of POST /api/v1/imports.
func (c apiClient) upload(tb testing.TB, path, name string) apiJob {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var j apiJob
	if status := c.call(tb, "POST", "/api/v1/imports?filename="+name, f, "text/csv", &j); status != http.StatusAccepted {
		tb.Fatalf("upload %s: %d %+v", name, status, j)
	}
	return j
}

// job reads an import job.
func (c apiClient) job(tb testing.TB, id int64) apiJob {
	tb.Helper()
	var j apiJob
	if status := c.call(tb, "GET", fmt.Sprintf("/api/v1/imports/%d", id), nil, "", &j); status != 200 {
		tb.Fatalf("job %d: %d", id, status)
	}
	return j
}

// waitJob polls an import job until cond holds, for up to d.
func (c apiClient) waitJob(tb testing.TB, id int64, d time.Duration, cond func(apiJob) bool) apiJob {
	tb.Helper()
	var j apiJob
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if j = c.job(tb, id); cond(j) {
			return j
		}
	}
	tb.Fatalf("job %d: condition not met within %s; last %+v", id, d, j)
	return j
}
