package httpx_test

import (
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

func TestStalenessNotes(t *testing.T) {
	for _, tt := range []struct {
		name string
		st   patentbridge.IndexStatus
		want string
	}{
		{"current", patentbridge.IndexStatus{Docs: 45000, Patents: 45000, LastSeq: 9, HeadSeq: 9}, ""},
		{"new patents not indexed", patentbridge.IndexStatus{Docs: 14000, Patents: 45000, LastSeq: 3, HeadSeq: 9},
			"索引更新中（14,000/45,000），新导入的专利可能暂时检索不到"},
		{"updates not applied", patentbridge.IndexStatus{Docs: 45000, Patents: 45000, LastSeq: 3, HeadSeq: 9},
			"索引更新中：新近更新的专利尚未全部反映在检索结果中"},
		{"skipped docs are not a lag", patentbridge.IndexStatus{Docs: 44998, Skipped: 2, Patents: 45000, LastSeq: 9, HeadSeq: 9}, ""},
		{"rebuilding says so elsewhere", patentbridge.IndexStatus{Rebuilding: true, Patents: 45000, HeadSeq: 9}, ""},
	} {
		if got := httpx.IndexLagNote(tt.st); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if got := httpx.RunLagNote(asOf, 1234); got != "筛查结果基于 2026-11-27 批次，之后新增或更新 1,234 件专利，将在下次筛查后计入" {
		t.Errorf("run note %q", got)
	}
	if got := httpx.RunLagNote(asOf, 0); got != "" {
		t.Errorf("run note with nothing new %q", got)
	}
}
