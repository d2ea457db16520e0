package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"patentbridge"
)

// StackOptions configures Stack.
type StackOptions struct {
	Users  patentbridge.UserService // resolves session cookies and bearer tokens
	Logger *slog.Logger             // nil means slog.Default()
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the
	// client (ParseTrustedProxies); none means the peer address is the client.
	TrustedProxies []netip.Prefix
	// TrustedOrigins lists extra origins ("https://portal.example.cn") whose
	// cross-origin form posts are accepted; same-origin posts always are.
	TrustedOrigins []string
}

// Stack wraps h in PatentBridge's middleware, outermost first: request logging,
// panic recovery, cross-origin (CSRF) protection and authentication.
func Stack(h http.Handler, o StackOptions) (http.Handler, error) {
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	csrf, err := CrossOrigin(o.TrustedOrigins...)
	if err != nil {
		return nil, err
	}
	h = Authenticate(o.Users, logger, o.TrustedProxies)(h)
	h = LimitQuery(MaxQueryBytes)(h)
	h = csrf(h)
	h = Recover(logger)(h)
	h = SecurityHeaders(h)
	return Logging(logger)(h), nil
}

// CrossOrigin returns the CSRF protection: SameSite=Lax session cookies plus
// net/http's CrossOriginProtection, which rejects state-changing requests
// (POST, PUT, DELETE, …) that a browser marks as cross-site (Sec-Fetch-Site) or
// whose Origin host differs from Host. Requests without those headers (curl, API
// clients with bearer tokens) are not browser-forged and pass.
func CrossOrigin(trusted ...string) (func(http.Handler) http.Handler, error) {
	p := http.NewCrossOriginProtection()
	for _, o := range trusted {
		if err := p.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("httpx: trusted origin %q: %w", o, err)
		}
	}
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := patentbridge.Errorf(patentbridge.EFORBIDDEN, "跨站请求被拒绝：请从本站页面提交表单")
		if WantsHTML(r) {
			PlainErrorPage(w, Status(err), patentbridge.ErrorMessage(err))
			return
		}
		Error(w, r, err, nil)
	}))
	return p.Handler, nil
}

// MaxQueryBytes caps a request's query string: no filter needs more, and a
// 50 KB search word made SQLite refuse the LIKE pattern (a 500).
const MaxQueryBytes = 16 << 10

// LimitQuery answers 400 with a Chinese message to a request whose query
// string is longer than max bytes, as a page or as JSON.
func LimitQuery(max int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if len(r.URL.RawQuery) <= max {
				next.ServeHTTP(w, r)
				return
			}
			err := patentbridge.Errorf(patentbridge.EINVALID, "查询参数过长（不超过 %d KB），请缩短检索词或筛选条件", max>>10)
			if WantsHTML(r) {
				PlainErrorPage(w, Status(err), patentbridge.ErrorMessage(err))
				return
			}
			Error(w, r, err, nil)
		})
	}
}

// Recover turns a panic in a handler into a logged 500 response.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				id := requestID()
				logger.Error("http: panic", "request_id", id, "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				msg := patentbridge.ErrorMessage(errors.New("panic")) + "（错误编号 " + id + "，联系管理员时请提供）"
				if WantsHTML(r) {
					PlainErrorPage(w, http.StatusInternalServerError, msg)
					return
				}
				JSON(w, http.StatusInternalServerError, ErrorBody{Error: ErrorDetail{Code: patentbridge.EINTERNAL, Message: msg}})
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// Logging logs one line per request with its status, size and duration.
func Logging(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			level := statusLevel(rec.status)
			logger.Log(r.Context(), level, "http request", "method", r.Method, "path", r.URL.Path,
				"status", rec.status, "bytes", rec.bytes, "duration_ms", time.Since(start).Milliseconds(),
				"remote", r.RemoteAddr)
		})
	}
}

// statusLevel is the log level of a response status: 503 is the platform
// saying it is not ready yet (the index rebuilding), a warning, where other 5xx
// are errors to look into.
func statusLevel(status int) slog.Level {
	switch {
	case status == http.StatusServiceUnavailable:
		return slog.LevelWarn
	case status >= 500:
		return slog.LevelError
	}
	return slog.LevelInfo
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// WantsHTML reports whether the client is a browser asking for a page rather
// than an API client: not under /api/ and accepting text/html.
func WantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/api/") && strings.Contains(r.Header.Get("Accept"), "text/html")
}

// PlainErrorPage writes a minimal Chinese HTML error page, for the plumbing's
// own errors (panics, CSRF) that happen outside the web UI's templates.
func PlainErrorPage(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>%d 错误</title>`+
		`<link rel="stylesheet" href="/static/style.css"><body><main class="narrow-box"><h1>%d</h1><p>%s</p><p><a href="/">返回首页</a></p></main></body></html>`,
		status, status, html.EscapeString(message))
}

// requestID returns a short random id that ties a user's error message to its log line.
func requestID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
