package search

import (
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		text, query, want string
	}{
		{"一种锂离子电池的散热装置", "电池", "一种锂离子<mark>电池</mark>的散热装置"},
		{"一种锂离子电池的散热装置", "锂离子电池", "一种<mark>锂离子电池</mark>的散热装置"}, // overlapping bigrams merge
		{"基于LoRa的<传感器>网络", "lora 传感器", "基于<mark>LoRa</mark>的&lt;<mark>传感器</mark>&gt;网络"},
		{"一种白酒发酵罐", "电池", "一种白酒发酵罐"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, ok := Highlight(tt.text, queryTerms(tt.query))
			if got != tt.want || ok != (got != tt.text) {
				t.Errorf("Highlight(%q, %q) = %q, %v; want %q", tt.text, tt.query, got, ok, tt.want)
			}
		})
	}
}

func TestAbstractWindow(t *testing.T) {
	long := ""
	for range 30 {
		long += "背景技术说明"
	}
	long += "本发明的电池散热结构" + long
	got := fragments("", long, queryTerms("电池"))["abstract"]
	if len(got) != 1 || !strings.Contains(got[0], "<mark>电池</mark>") || []rune(got[0])[0] != '…' {
		t.Errorf("abstract fragment %q: want a cut window around the match", got)
	}
}
