// Package httpx is PatentBridge's shared HTTP plumbing: the one error-code to
// status table, JSON writing, authentication, CSRF protection, logging and the
// presentation views of patents and import jobs that the API and the web UI share.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"patentbridge"
)

// codeStatus is the one table mapping application error codes to HTTP statuses.
var codeStatus = map[string]int{
	patentbridge.EINVALID:      http.StatusBadRequest,
	patentbridge.EUNAUTHORIZED: http.StatusUnauthorized,
	patentbridge.EFORBIDDEN:    http.StatusForbidden,
	patentbridge.ENOTFOUND:     http.StatusNotFound,
	patentbridge.ECONFLICT:     http.StatusConflict,
	patentbridge.ETOOMANY:      http.StatusTooManyRequests,
	patentbridge.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	patentbridge.EUNAVAILABLE:  http.StatusServiceUnavailable,
	patentbridge.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for an error's code (500 for unknown codes;
// 499 when the client went away and the request was canceled).
func Status(err error) int {
	if errors.Is(err, context.Canceled) {
		return StatusClientClosedRequest
	}
	if s, ok := codeStatus[patentbridge.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every API error: {"error":{"code","message","field"}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Error writes err as a JSON error with the status of its code; internal errors
// are logged with their cause and shown to the client only as a generic message.
func Error(w http.ResponseWriter, r *http.Request, err error, logger *slog.Logger) {
	code := patentbridge.ErrorCode(err)
	LogError(r, err, logger)
	if code == patentbridge.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="patentbridge"`)
	}
	SetRetryAfter(w, err)
	JSON(w, Status(err), ErrorBody{Error: ErrorDetail{
		Code:    code,
		Message: patentbridge.ErrorMessage(err),
		Field:   patentbridge.ErrorField(err),
	}})
}

// LogError logs err at error level when it is internal (not an application error
// meant for the user); application errors are part of normal operation.
func LogError(r *http.Request, err error, logger *slog.Logger) {
	if patentbridge.ErrorCode(err) != patentbridge.EINTERNAL || errors.Is(err, context.Canceled) {
		return
	}
	if logger == nil {
		logger = slog.Default()
	}
	logger.Error("http: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
}

// JSON writes v as JSON with the status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// SetRetryAfter sets the Retry-After header (whole seconds, rounded up) of an
// ETOOMANY or EUNAVAILABLE error; other errors set nothing.
func SetRetryAfter(w http.ResponseWriter, err error) {
	if d := patentbridge.ErrorRetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
}
