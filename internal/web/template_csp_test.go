package web

import (
	"io/fs"
	"regexp"
	"testing"
)

// The pages are served with script-src 'self': a javascript: link or an
// inline event handler in a template would do nothing in the browser.
func TestTemplatesHoldNoInlineScript(t *testing.T) {
	inline := regexp.MustCompile(`(?i)javascript:|\son[a-z]+\s*=`)
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v %v", files, err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		if err != nil {
			t.Fatal(err)
		}
		if m := inline.Find(b); m != nil {
			t.Errorf("%s holds inline script %q, which the CSP blocks", f, m)
		}
	}
}
