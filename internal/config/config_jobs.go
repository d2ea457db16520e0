package config

import (
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// Jobs configures the background jobs (upload imports, screening runs): where
// uploads are kept until their job ends, the lease under which one process
// runs a job, and how long a shutdown waits for them.
type Jobs struct {
	// Dir keeps each upload until its job ends or is discarded; "" means
	// beside the SQLite file (patentbridge.db -> patentbridge.jobs), or
	// ./data/jobs. Several processes on one PostgreSQL share it.
	Dir string
	// Lease is how long a process's claim on a job lasts unless renewed; a job
	// whose lease ran out is interrupted (中断) and may be taken over. 0 means
	// DefaultJobLease.
	Lease time.Duration
	// Retries is how many times an interrupted job is taken over by itself
	// (by another process, or after a restart) before it waits for an admin.
	Retries int
	// ShutdownTimeout is how long a shutdown waits for running jobs before it
	// interrupts them. 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
}

// Defaults of the job settings.
const (
	DefaultJobLease        = 30 * time.Second
	DefaultJobRetries      = 1
	DefaultShutdownTimeout = 30 * time.Second
)

// flags reads the environment and adds the job flags of subcommand name.
func (j *Jobs) flags(name string, fs *flag.FlagSet, env func(string) string) {
	j.Dir = env("PATENTBRIDGE_JOBS_DIR")
	j.Lease = envDuration(env("PATENTBRIDGE_JOB_LEASE"), DefaultJobLease)
	j.Retries = DefaultJobRetries
	if n, err := strconv.Atoi(strings.TrimSpace(env("PATENTBRIDGE_JOB_RETRIES"))); err == nil {
		j.Retries = n
	}
	j.ShutdownTimeout = envDuration(env("PATENTBRIDGE_SHUTDOWN_TIMEOUT"), DefaultShutdownTimeout)
	if name == "serve" || name == "screen" {
		fs.DurationVar(&j.Lease, "job-lease", j.Lease,
			"后台任务的租约时长：进程每隔三分之一续约，租约过期的任务显示为中断并可由其他进程接管（环境变量 PATENTBRIDGE_JOB_LEASE）")
	}
	if name == "serve" {
		fs.StringVar(&j.Dir, "jobs-dir", j.Dir,
			"上传文件在导入任务结束前的保存目录；多个进程须共用同一目录（环境变量 PATENTBRIDGE_JOBS_DIR；默认与 SQLite 文件同目录，或 ./data/jobs）")
		fs.IntVar(&j.Retries, "job-retries", j.Retries,
			"中断的任务自动重新运行的次数，用完后等待管理员继续或放弃（环境变量 PATENTBRIDGE_JOB_RETRIES）")
		fs.DurationVar(&j.ShutdownTimeout, "shutdown-timeout", j.ShutdownTimeout,
			"停止服务时等待运行中任务的时长，超时的任务标记为中断（环境变量 PATENTBRIDGE_SHUTDOWN_TIMEOUT）")
	}
}

// envDuration reads a duration such as "30s"; an unreadable one is def.
func envDuration(s string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(strings.TrimSpace(s)); err == nil {
		return d
	}
	return def
}

// Validate checks the job settings and returns an EINVALID error naming the flag.
func (j *Jobs) Validate() error {
	switch {
	case j.Lease != 0 && (j.Lease < 100*time.Millisecond || j.Lease > time.Hour):
		return patentbridge.FieldErrorf("job-lease", "任务租约应在 100ms 到 1h 之间，实际为 %s", j.Lease)
	case j.Retries < 0 || j.Retries > 10:
		return patentbridge.FieldErrorf("job-retries", "自动重新运行次数应在 0 到 10 之间，实际为 %d", j.Retries)
	case j.ShutdownTimeout < 0 || j.ShutdownTimeout > time.Hour:
		return patentbridge.FieldErrorf("shutdown-timeout", "停止时的等待时长应在 0 到 1h 之间，实际为 %s", j.ShutdownTimeout)
	}
	return nil
}

// LeaseOrDefault is the lease length to use.
func (j Jobs) LeaseOrDefault() time.Duration {
	if j.Lease == 0 {
		return DefaultJobLease
	}
	return j.Lease
}

// ShutdownTimeoutOrDefault is how long a shutdown waits for running jobs.
func (j Jobs) ShutdownTimeoutOrDefault() time.Duration {
	if j.ShutdownTimeout == 0 {
		return DefaultShutdownTimeout
	}
	return j.ShutdownTimeout
}

// JobsDir is where uploads are kept until their job ends: Jobs.Dir when set,
// else beside the SQLite file (patentbridge.db -> patentbridge.jobs), else ./data/jobs.
func (c *Config) JobsDir() string {
	if c.Jobs.Dir != "" {
		return c.Jobs.Dir
	}
	if strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://") {
		return filepath.Join("data", "jobs")
	}
	path := strings.TrimPrefix(c.DB, "sqlite:")
	return filepath.Clean(strings.TrimSuffix(path, filepath.Ext(path)) + ".jobs")
}
