package workbooktest

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// ChildEnv is set in the environment of a test process RunChild starts; a test
// that finds it acts as the child and reports with Report.
const ChildEnv = "PATENTBRIDGE_TEST_CHILD"

// resultPrefix starts the line on which a child reports its result.
const resultPrefix = "CHILD-RESULT: "

// IsChild reports whether this process is a child started by RunChild; a child
// also caps its address space at 4 GB, so that a bomb that got through fails
// the test instead of exhausting the machine.
func IsChild() bool {
	if os.Getenv(ChildEnv) == "" {
		return false
	}
	limit := &syscall.Rlimit{Cur: 4 << 30, Max: 4 << 30}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, limit)
	return true
}

// Report prints a child's one-line result for RunChild, with the child's peak
// resident memory so far (Peak).
func Report(result string) {
	peak, _ := Peak()
	os.Stdout.WriteString(resultPrefix + strconv.FormatInt(peak, 10) + " " + strings.ReplaceAll(result, "\n", " ") + "\n")
}

// RunChild runs the test binary again with only the named test and the extra
// environment, and returns the result the child reported and the child's peak
// resident memory in bytes, as the child measured it: the rusage of a child
// started by vfork and exec counts the parent's memory at the exec too.
func RunChild(tb testing.TB, test string, env ...string) (string, int64) {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), ChildEnv+"=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("child %s: %v\n%s", test, err, out)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if r, ok := strings.CutPrefix(sc.Text(), resultPrefix); ok {
			n, r, _ := strings.Cut(r, " ")
			peak, err := strconv.ParseInt(n, 10, 64)
			if err != nil || peak == 0 {
				tb.Fatalf("child %s reported no peak memory: %q", test, sc.Text())
			}
			return r, peak
		}
	}
	tb.Fatalf("child %s reported nothing:\n%s", test, out)
	return "", 0
}

// MaxPeak is the peak resident memory no importer may pass on any bomb.
const MaxPeak = 600 << 20

// ResetPeak restarts this process's peak resident memory count (Linux
// /proc/self/clear_refs), so that Peak measures one phase of a long-lived
// process such as a server that loaded its dictionaries at start.
func ResetPeak() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// Peak returns this process's peak resident memory in bytes since it started or
// since ResetPeak (VmHWM in /proc/self/status).
func Peak() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("workbooktest: no VmHWM in /proc/self/status")
}
