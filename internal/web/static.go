package web

import (
	"embed"
	"io/fs"
	"net/http"
	"patentbridge/internal/httpx"
	"strings"
)

//go:embed static
var staticFS embed.FS

// staticHandler serves the embedded stylesheet and scripts under /static/.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			httpx.PlainErrorPage(w, http.StatusNotFound, "您访问的文件不存在。")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
