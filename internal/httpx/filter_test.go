package httpx_test

import (
	"testing"

	"patentbridge/internal/httpx"
)

func TestNormalizeIPCPrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"H", "H"}, {"h01", "H01"}, {"h01m", "H01M"}, {"G06F16", "G06F16/"}, {"G06F 016/", "G06F16/"},
		{"H01M 10/0525", "H01M10/0525"}, {"Ｈ０１Ｍ", "H01M"},
		{"H1M", ""}, {"Z99", ""}, {"G06F16/35/1", ""}, {"电池", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := httpx.NormalizeIPCPrefix(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Errorf("accepted %q as %q", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("= %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
