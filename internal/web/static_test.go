package web_test

import (
	"strings"
	"testing"
)

// /static/ serves files, never a listing of them.
func TestStaticListsNoDirectory(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	status, body := MustGet(t, c, e.srv.URL+"/static/")
	if status != 404 || strings.Contains(body, "job.js") || strings.Contains(body, `href="confirm.js"`) {
		t.Errorf("/static/ = %d:\n%s", status, body)
	}
	if status, body := MustGet(t, c, e.srv.URL+"/static/confirm.js"); status != 200 || !strings.Contains(body, "data-confirm") {
		t.Errorf("/static/confirm.js = %d", status)
	}
}
