// Package patentbridge holds the domain types, rules and service interfaces of
// PatentBridge (专利转化运营平台); adapters under internal/ implement them.
package patentbridge

import (
	"errors"
	"fmt"
	"time"
)

// Error codes shared by every layer; httpx maps each to one HTTP status.
const (
	EINVALID      = "EINVALID"
	ENOTFOUND     = "ENOTFOUND"
	ECONFLICT     = "ECONFLICT"
	EFORBIDDEN    = "EFORBIDDEN"
	EUNAUTHORIZED = "EUNAUTHORIZED"
	ETOOMANY      = "ETOOMANY"     // too many attempts: try again after Error.RetryAfter
	ETOOLARGE     = "ETOOLARGE"    // a request body or upload over its limit
	EUNAVAILABLE  = "EUNAVAILABLE" // a service not ready yet (the search index being rebuilt): try again after Error.RetryAfter
	EINTERNAL     = "EINTERNAL"
)

// Error is the application error: a code, a message safe to show users (Chinese),
// and optionally the field it concerns.
type Error struct {
	Code    string
	Message string
	Field   string
	// RetryAfter, for ETOOMANY and EUNAVAILABLE, is how long the caller should wait.
	RetryAfter time.Duration
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("patentbridge error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("patentbridge error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and a formatted user-facing message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID *Error that names the offending field.
func FieldErrorf(field string, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other error
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error, or a generic
// Chinese message for internal errors (whose details belong in the log only).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "服务器内部错误，请稍后重试或联系管理员。"
}

// ErrorField returns the field an application error concerns, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorRetryAfter returns how long the caller of an ETOOMANY or EUNAVAILABLE error should wait, or 0.
func ErrorRetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}
