package httpx_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

var quiet = slog.New(slog.DiscardHandler)

func TestErrorStatusTable(t *testing.T) {
	tests := []struct {
		err    error
		status int
		body   httpx.ErrorDetail
	}{
		{patentbridge.FieldErrorf("ipc", "IPC分类号有误"), 400, httpx.ErrorDetail{Code: "EINVALID", Message: "IPC分类号有误", Field: "ipc"}},
		{patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录"), 401, httpx.ErrorDetail{Code: "EUNAUTHORIZED", Message: "请先登录"}},
		{patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限"), 403, httpx.ErrorDetail{Code: "EFORBIDDEN", Message: "没有权限"}},
		{fmt.Errorf("find: %w", patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到")), 404, httpx.ErrorDetail{Code: "ENOTFOUND", Message: "未找到"}},
		{patentbridge.Errorf(patentbridge.ECONFLICT, "已存在"), 409, httpx.ErrorDetail{Code: "ECONFLICT", Message: "已存在"}},
		{errors.New("pq: connection refused to 10.0.0.5"), 500, httpx.ErrorDetail{Code: "EINTERNAL", Message: "服务器内部错误，请稍后重试或联系管理员。"}},
	}
	for _, tt := range tests {
		t.Run(tt.body.Code, func(t *testing.T) {
			rec := httptest.NewRecorder()
			httpx.Error(rec, httptest.NewRequest("GET", "/api/v1/x", nil), tt.err, quiet)
			var got httpx.ErrorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tt.status || got.Error != tt.body {
				t.Errorf("got %d %+v, want %d %+v", rec.Code, got.Error, tt.status, tt.body)
			}
			if strings.Contains(rec.Body.String(), "10.0.0.5") {
				t.Errorf("internal cause leaked: %s", rec.Body.String())
			}
		})
	}
}
