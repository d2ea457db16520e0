package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"os"
	"path/filepath"

	"patentbridge"
	"patentbridge/internal/gen"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
)

// ensureAdmin creates the first administrator when no user exists yet, with the
// configured password or a random one printed once to the log.
func ensureAdmin(ctx context.Context, users patentbridge.UserService, password string, logger *slog.Logger) error {
	n, err := users.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	generated := password == ""
	if generated {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	u := &patentbridge.User{Username: "admin", Name: "省级管理员", Role: patentbridge.RoleAdmin,
		OrgName: "四川省知识产权服务促进中心"}
	if err := users.CreateUser(ctx, u, password); err != nil {
		return err
	}
	if generated {
		logger.Warn("首个管理员已创建，请登录后妥善保存密码（仅显示这一次）", "username", "admin", "password", password)
	} else {
		logger.Info("首个管理员已创建", "username", "admin", "password_from", "PATENTBRIDGE_ADMIN_PASSWORD")
	}
	return nil
}

// loadDemo fills an empty patent table with n generated patents through the real importer.
func loadDemo(ctx context.Context, patents patentbridge.PatentService, imp *ingest.Importer, n int, logger *slog.Logger) error {
	count, err := patents.CountPatents(ctx)
	if err != nil || count > 0 || n == 0 {
		return err
	}
	dir, err := os.MkdirTemp("", "patentbridge-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "demo.csv")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := gen.WriteFeatured(bw, n, 20211, refdata.Default(), demoFeatured); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	sum, err := imp.ImportFiles(ctx, []string{path}, patentbridge.ImportOptions{})
	if err != nil {
		return err
	}
	logger.Info("演示数据已生成", "patents", sum.Inserted, "seconds", sum.Seconds)
	return nil
}

// demoUsers are the role accounts `serve --demo` adds so a new user can try each view.
var demoUsers = []patentbridge.User{
	{Username: "scu", Name: "四川大学技术转移中心", Role: patentbridge.RoleInstitution, OrgName: "四川大学"},
	{Username: "sme", Name: "成都某科技有限公司", Role: patentbridge.RoleEnterprise, OrgName: "成都某科技有限公司"},
	{Username: "chengdu", Name: "成都市知识产权局", Role: patentbridge.RoleCity, OrgName: "成都市知识产权局", CityCode: "5101"},
}

// loadDemoUsers creates the demo role accounts (same password as the admin) when absent.
func loadDemoUsers(ctx context.Context, users patentbridge.UserService, password string, logger *slog.Logger) error {
	if password == "" {
		return nil // a generated admin password is shown once; demo accounts need a known one
	}
	for _, u := range demoUsers {
		err := users.CreateUser(ctx, &u, password) // u is a fresh copy each iteration
		if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
			continue
		} else if err != nil {
			return err
		}
		logger.Info("演示账号已创建（密码与管理员相同）", "username", u.Username, "role", u.Role.Label(), "org", u.OrgName)
	}
	return nil
}

// screenDemo runs a first screening so the demo's sleeping-patent database is not empty.
func screenDemo(ctx context.Context, s patentbridge.ScreeningService, logger *slog.Logger) error {
	if _, err := s.LatestRun(ctx); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
		return err
	}
	run, err := s.RunScreening(ctx, patentbridge.Now().UTC())
	if err != nil {
		return err
	}
	logger.Info("演示数据已完成沉睡专利筛查", "run", run.ID, "screened", run.Screened, "sleeping", run.Sleeping)
	return nil
}
