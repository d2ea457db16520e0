package config

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"patentbridge"
)

func TestJobSettings(t *testing.T) {
	var c Config
	fs := c.FlagSet("serve", env(map[string]string{"PATENTBRIDGE_JOB_LEASE": "5s", "PATENTBRIDGE_JOB_RETRIES": "3"}), io.Discard)
	if err := fs.Parse([]string{"--shutdown-timeout", "2s", "--db", "sqlite:/srv/pb/patentbridge.db"}); err != nil {
		t.Fatal(err)
	}
	if c.Jobs.Lease != 5*time.Second || c.Jobs.Retries != 3 || c.Jobs.ShutdownTimeout != 2*time.Second || c.Validate() != nil {
		t.Errorf("jobs = %+v", c.Jobs)
	}
	if got := c.JobsDir(); got != filepath.FromSlash("/srv/pb/patentbridge.jobs") {
		t.Errorf("jobs directory beside the database: %q", got)
	}
	c.DB = "postgres://h/db"
	if got := c.JobsDir(); got != filepath.Join("data", "jobs") {
		t.Errorf("jobs directory with PostgreSQL: %q", got)
	}
	c.Jobs.Dir = "/mnt/shared/jobs"
	if got := c.JobsDir(); got != "/mnt/shared/jobs" {
		t.Errorf("configured jobs directory: %q", got)
	}

	var d Config
	_ = d.FlagSet("serve", env(nil), io.Discard).Parse(nil)
	if d.Jobs.LeaseOrDefault() != DefaultJobLease || d.Jobs.Retries != DefaultJobRetries || d.Jobs.ShutdownTimeoutOrDefault() != DefaultShutdownTimeout {
		t.Errorf("defaults = %+v", d.Jobs)
	}
	if (Jobs{}).LeaseOrDefault() != DefaultJobLease || (Jobs{}).ShutdownTimeoutOrDefault() != DefaultShutdownTimeout {
		t.Error("a zero Jobs does not mean the defaults")
	}
	for flag, j := range map[string]Jobs{
		"job-lease":        {Lease: time.Millisecond},
		"job-retries":      {Retries: -1},
		"shutdown-timeout": {ShutdownTimeout: -time.Second},
	} {
		if err := (&Config{DB: "x.db", Jobs: j}).Validate(); patentbridge.ErrorField(err) != flag {
			t.Errorf("%+v: %v, want an error on %s", j, err, flag)
		}
	}
}
