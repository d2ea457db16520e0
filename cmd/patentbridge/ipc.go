package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"patentbridge/internal/refdata"
)

func runIPC(_ context.Context, args []string, _ env, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ipc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "输出 JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "用法：patentbridge ipc [--json] 分类号…（如 H01M10/0525）")
		return 2
	}
	data := refdata.Default()
	for _, code := range fs.Args() {
		info, err := data.IPC(code)
		if err != nil {
			return fail(stderr, err)
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			_ = enc.Encode(info)
			continue
		}
		printIPC(stdout, info)
	}
	return 0
}

func printIPC(w io.Writer, info refdata.IPCInfo) {
	for i, n := range info.Hierarchy {
		title := n.Title
		if n.Code == info.Code && title == "" && info.TitleFrom != "" {
			title = info.Title + "（" + info.TitleNote() + "）"
		}
		fmt.Fprintf(w, "%s%-14s %s\n", strings.Repeat("  ", i), n.Code, title)
	}
	if info.WIPO != nil {
		fmt.Fprintf(w, "WIPO 技术领域：%d %s（%s）\n", info.WIPO.Nr, info.WIPO.NameZh, info.WIPO.SectorZh)
	}
	if len(info.SEI) == 0 {
		fmt.Fprintln(w, "战略性新兴产业：无")
	}
	for _, s := range info.SEI {
		fmt.Fprintf(w, "战略性新兴产业：%s %s（%s %s）\n", s.Code, s.Name, s.FieldCode, s.FieldName)
	}
}
