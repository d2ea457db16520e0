package patentbridge

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ClockShiftEnv names the environment variable that moves the platform's clock:
// a Go duration ("-36h", "8760h") or a number of years ("2y"). The test suite runs
// once with it set years ahead, to prove no test depends on today's date.
const ClockShiftEnv = "PATENTBRIDGE_CLOCK_SHIFT"

var clockShift = sync.OnceValue(func() time.Duration {
	d, _ := ParseClockShift(os.Getenv(ClockShiftEnv))
	return d
})

// Now returns the platform's current time: the wall clock moved by
// PATENTBRIDGE_CLOCK_SHIFT. Business times (creation, publication, screening
// dates) come from it or from a store's clock, never from time.Now directly.
func Now() time.Time { return time.Now().Add(clockShift()) }

// ParseClockShift reads a clock shift: a Go duration or whole years ("2y", 365.25
// days each); "" is no shift. Returns EINVALID for anything else.
func ParseClockShift(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if y, ok := strings.CutSuffix(s, "y"); ok {
		n, err := strconv.Atoi(y)
		if err != nil {
			return 0, FieldErrorf(ClockShiftEnv, "时钟偏移 %q 无法识别（如 2y 或 48h）", s)
		}
		return time.Duration(n) * 8766 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, FieldErrorf(ClockShiftEnv, "时钟偏移 %q 无法识别（如 2y 或 48h）", s)
	}
	return d, nil
}
