package sqldb

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestLibcMatchesSQLite checks that the build selects exactly the modernc.org/libc
// version that modernc.org/sqlite's go.mod requires: modernc.org/sqlite is
// generated against one libc and breaks with any other (DESIGN §2 Storage).
func TestLibcMatchesSQLite(t *testing.T) {
	sqliteVer, libcVer := selectedVersions(t)
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Skipf("module cache unavailable (go env GOMODCACHE: %v)", err)
		}
		modcache = strings.TrimSpace(string(out))
	}
	modFile := filepath.Join(modcache, "cache", "download", "modernc.org", "sqlite", "@v", sqliteVer+".mod")
	f, err := os.Open(modFile)
	if err != nil {
		t.Skipf("module cache unavailable: %v", err)
	}
	defer f.Close()
	required := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(fields) >= 2 && fields[0] == "modernc.org/libc" {
			required = fields[1]
		}
	}
	if required == "" {
		t.Fatalf("%s does not require modernc.org/libc", modFile)
	}
	if libcVer != required {
		t.Errorf("build selects modernc.org/libc %s but modernc.org/sqlite %s requires exactly %s; pin it with go get modernc.org/libc@%s",
			libcVer, sqliteVer, required, required)
	}
}

// selectedVersions returns the modernc.org/sqlite and modernc.org/libc versions
// of this build: from the binary's build information when it lists dependencies,
// else from the module graph (go list -m), as test binaries often carry none.
func selectedVersions(t *testing.T) (sqliteVer, libcVer string) {
	t.Helper()
	deps := map[string]string{}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			v := d.Version
			if d.Replace != nil {
				v = d.Replace.Version
			}
			deps[d.Path] = v
		}
	}
	if deps["modernc.org/sqlite"] == "" || deps["modernc.org/libc"] == "" {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}}", "modernc.org/sqlite", "modernc.org/libc").Output()
		if err != nil {
			t.Skipf("module graph unavailable (go list -m: %v)", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if f := strings.Fields(line); len(f) == 2 {
				deps[f[0]] = f[1]
			}
		}
	}
	sqliteVer, libcVer = deps["modernc.org/sqlite"], deps["modernc.org/libc"]
	if sqliteVer == "" || libcVer == "" {
		t.Fatalf("cannot tell the selected modernc.org/sqlite (%q) or modernc.org/libc (%q)", sqliteVer, libcVer)
	}
	return sqliteVer, libcVer
}
