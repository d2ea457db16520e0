package lease

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDead(t *testing.T) {
	me := NewOwner()
	host, _ := os.Hostname()
	exited := exec.Command("true")
	if err := exited.Run(); err != nil {
		t.Skip("no true(1) to make an exited process:", err)
	}
	for _, c := range []struct {
		owner string
		dead  bool
	}{
		{me, false},
		{fmt.Sprintf("%s/%d/00000000", host, os.Getpid()), true}, // this pid, not this process's id: an earlier incarnation
		{fmt.Sprintf("%s/%d/00000000", host, exited.Process.Pid), true},
		{fmt.Sprintf("%s/%d/00000000", host, os.Getppid()), false},
		{fmt.Sprintf("elsewhere-%s/%d/00000000", host, exited.Process.Pid), false}, // another host: only its lease tells
		{"", false},
		{"cli", false},
		{host + "/x/y", false},
	} {
		if got := Dead(c.owner); got != c.dead {
			t.Errorf("Dead(%q) = %v, want %v", c.owner, got, c.dead)
		}
	}
	if a, b := NewOwner(), NewOwner(); a == b || !strings.HasPrefix(a, strings.ReplaceAll(host, "/", "_")+"/") {
		t.Errorf("owners %q and %q", a, b)
	}
}

var errGone = errors.New("gone")

func isGone(err error) bool { return errors.Is(err, errGone) }

func TestKeepRenewsUntilStopped(t *testing.T) {
	var n atomic.Int32
	ctx, stop := Keep(t.Context(), 30*time.Millisecond, func(context.Context) error { n.Add(1); return nil }, isGone)
	time.Sleep(150 * time.Millisecond)
	if ctx.Err() != nil {
		t.Fatalf("a renewed lease was given up: %v", context.Cause(ctx))
	}
	stop()
	if ctx.Err() == nil || n.Load() < 2 {
		t.Errorf("after stop: err %v, %d renewals", ctx.Err(), n.Load())
	}
	if context.Cause(ctx) == ErrLost {
		t.Error("a stopped lease reports itself lost")
	}
}

func TestKeepGivesUpALostLease(t *testing.T) {
	ctx, stop := Keep(t.Context(), 30*time.Millisecond, func(context.Context) error { return errGone }, isGone)
	defer stop()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a lost lease kept the work going")
	}
	if context.Cause(ctx) != ErrLost {
		t.Errorf("cause %v", context.Cause(ctx))
	}
}

func TestKeepGivesUpWhenRenewalKeepsFailing(t *testing.T) {
	var n atomic.Int32
	ctx, stop := Keep(t.Context(), 30*time.Millisecond, func(context.Context) error {
		n.Add(1)
		return errors.New("database unreachable")
	}, isGone)
	defer stop()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("work went on past a lease that could not be renewed")
	}
	if context.Cause(ctx) != ErrLost || n.Load() < 2 {
		t.Errorf("cause %v after %d tries; want ErrLost after retrying", context.Cause(ctx), n.Load())
	}
}
