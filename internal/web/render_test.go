package web

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseViewsChecksEveryPage(t *testing.T) {
	if _, err := parseViews(templateFS); err != nil {
		t.Fatalf("embedded templates: %v", err)
	}
	full := fstest.MapFS{"templates/layout.html": {Data: []byte(`{{template "content" .}}`)}}
	for _, p := range pages {
		full["templates/"+p+".html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}` + p + `{{end}}`)}
	}
	if _, err := parseViews(full); err != nil {
		t.Fatalf("complete set: %v", err)
	}
	tests := map[string]func(fstest.MapFS){
		"missing page": func(m fstest.MapFS) { delete(m, "templates/job.html") },
		"broken syntax": func(m fstest.MapFS) {
			m["templates/home.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{.X`)}
		},
		"no content":     func(m fstest.MapFS) { m["templates/login.html"] = &fstest.MapFile{Data: []byte(`hello`)} },
		"missing layout": func(m fstest.MapFS) { delete(m, "templates/layout.html") },
	}
	for name, breakIt := range tests {
		t.Run(name, func(t *testing.T) {
			m := fstest.MapFS{}
			for k, v := range full {
				m[k] = v
			}
			breakIt(m)
			if _, err := parseViews(m); err == nil || !strings.HasPrefix(err.Error(), "web: template") {
				t.Errorf("parseViews accepted a broken set: %v", err)
			}
		})
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 139900: "139,900", -1234567: "-1,234,567"} {
		if got := formatInt(n); got != want {
			t.Errorf("formatInt(%d) = %q, want %q", n, got, want)
		}
	}
}
