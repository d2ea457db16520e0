package patentbridge_test

import (
	"testing"

	"patentbridge"
)

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multiline bool
		ok        bool
	}{
		{"四川大学技术转移中心", false, true}, {"第一行\n第二行", true, true}, {"第一行\n第二行", false, false},
		{"ctl\x00user", false, false}, {"zw\u200badmin", false, false}, {"abc\u202efdp.exe", true, false},
		{"\x1b[2J清屏", true, false}, {"中文，全角（括号）", false, true},
	} {
		err := patentbridge.CheckText("name", "姓名", tc.s, 20, tc.multiline)
		if (err == nil) != tc.ok || err != nil && patentbridge.ErrorField(err) != "name" {
			t.Errorf("CheckText(%q, multiline %v) = %v, want ok %v", tc.s, tc.multiline, err, tc.ok)
		}
	}
	if err := patentbridge.CheckText("title", "标题", "一二三四五六", 5, false); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("6 characters with max 5: %v", err)
	}
	for s, want := range map[string]bool{"scu": true, "li.na-2@pb": true, "a": false, "ａｄｍｉｎ": false, "zw\u200badmin": false, "有人": false, "ad min": false} {
		if got := patentbridge.ValidUsername(s); got != want {
			t.Errorf("ValidUsername(%q) = %v, want %v", s, got, want)
		}
	}
}
