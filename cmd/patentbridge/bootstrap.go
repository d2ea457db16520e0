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
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
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
	nu := patentbridge.NewUser{Username: "admin", Name: "四川省知识产权服务促进中心", Role: patentbridge.RoleAdmin, Password: password}
	if _, err := users.CreateUser(platform(ctx), nu); patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
		// Another process on the same database, starting at the same time, made it first.
		if n, cerr := users.CountUsers(ctx); cerr == nil && n > 0 {
			logger.Info("首个管理员已由同时启动的另一进程创建", "username", "admin")
			return nil
		}
		return err
	} else if err != nil {
		return err
	}
	if generated {
		logger.Warn("首个管理员已创建，请登录后妥善保存密码（仅显示这一次）", "username", "admin", "password", password)
	} else {
		logger.Info("首个管理员已创建", "username", "admin", "password_from", "PATENTBRIDGE_ADMIN_PASSWORD")
	}
	return nil
}

// platform marks ctx as the platform's own act (the first administrator, the
// demo), which the services admit without a signed-in user and audit as "system".
func platform(ctx context.Context) context.Context {
	return patentbridge.WithOrigin(ctx, patentbridge.Origin{Address: "system"})
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

// demoAccount is a role account `serve --demo` adds, bound to an organization
// of the demo data (created with these facts when the demo patents do not name it).
type demoAccount struct {
	patentbridge.NewUser
	Org *patentbridge.Organization
}

// demoUsers are the demo's accounts: a university, an institute, an SOE, two
// enterprises (the posters of demo demands) and two cities.
var demoUsers = []demoAccount{
	{patentbridge.NewUser{Username: "scu", Name: "四川大学技术转移中心", Role: patentbridge.RoleInstitution},
		&patentbridge.Organization{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"}},
	{patentbridge.NewUser{Username: "ioe", Name: "光电所成果转化处", Role: patentbridge.RoleInstitution},
		&patentbridge.Organization{Name: "中国科学院光电技术研究所", Type: patentbridge.PartyInstitute, CityCode: "5101"}},
	{patentbridge.NewUser{Username: "dfem", Name: "东方电机科技管理部", Role: patentbridge.RoleInstitution},
		&patentbridge.Organization{Name: "东方电气集团东方电机有限公司", Type: patentbridge.PartySOE, CityCode: "5106"}},
	{patentbridge.NewUser{Username: "sme", Name: "宜宾某酒业有限公司", Role: patentbridge.RoleEnterprise},
		&patentbridge.Organization{Name: "宜宾某酒业有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5115", SME: true}},
	{patentbridge.NewUser{Username: "tea", Name: "雅安某茶业有限公司", Role: patentbridge.RoleEnterprise},
		&patentbridge.Organization{Name: "雅安某茶业有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5118", SME: true}},
	{patentbridge.NewUser{Username: "chengdu", Name: "成都市知识产权局", Role: patentbridge.RoleCity, CityCode: "5101"}, nil},
	{patentbridge.NewUser{Username: "mianyang", Name: "绵阳市知识产权局", Role: patentbridge.RoleCity, CityCode: "5107"}, nil},
}

// loadDemoUsers creates the demo accounts (same password as the admin) through
// the account and organization services, when absent.
func loadDemoUsers(ctx context.Context, users patentbridge.UserService, orgs patentbridge.OrganizationService, password string, logger *slog.Logger) error {
	if password == "" {
		return nil // a generated admin password is shown once; demo accounts need a known one
	}
	ctx = platform(ctx)
	for _, a := range demoUsers {
		nu := a.NewUser
		nu.Password = password
		if a.Org != nil {
			o, err := demoOrganization(ctx, orgs, *a.Org)
			if err != nil {
				return err
			}
			nu.Organization = o.Name
		}
		_, err := users.CreateUser(ctx, nu)
		if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
			continue
		} else if err != nil {
			return err
		}
		logger.Info("演示账号已创建（密码与管理员相同）", "username", nu.Username, "role", nu.Role.Label(), "org", nu.Organization)
	}
	return nil
}

// demoOrganization returns the registry's organization of want's name, with
// want's type, city and SME flag, creating it when the demo patents did not.
func demoOrganization(ctx context.Context, orgs patentbridge.OrganizationService, want patentbridge.Organization) (*patentbridge.Organization, error) {
	o, err := orgs.FindOrganizationByName(ctx, want.Name)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return &want, orgs.CreateOrganization(ctx, &want)
	} else if err != nil {
		return nil, err
	}
	if o.Type != want.Type || o.CityCode != want.CityCode || o.SME != want.SME {
		o.Type, o.CityCode, o.SME = want.Type, want.CityCode, want.SME
		if err := orgs.UpdateOrganization(ctx, o); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// demoParents are the demo's affiliated hospitals and their universities: the
// registry's parent links that make their patents count as the university's.
var demoParents = map[string]string{"四川大学华西医院": "四川大学", "西南医科大学附属医院": "西南医科大学"}

// linkDemoParents sets the parent of each demo hospital the demo patents name,
// through the organization service, when it has none.
func linkDemoParents(ctx context.Context, orgs patentbridge.OrganizationService) error {
	ctx = platform(ctx)
	for child, parent := range demoParents {
		c, err := orgs.FindOrganizationByName(ctx, child)
		if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		p, err := orgs.FindOrganizationByName(ctx, parent)
		if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		if c.ParentID == 0 {
			c.ParentID = p.ID
			if err := orgs.UpdateOrganization(ctx, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// screenDemo runs a first screening so the demo's sleeping-patent database is not empty.
func screenDemo(ctx context.Context, db *sqldb.DB, svc *screen.Service, logger *slog.Logger) error {
	if _, err := db.LatestRun(ctx); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
		return err
	}
	run, err := svc.Run(ctx, patentbridge.Now().UTC(), nil)
	if err != nil {
		return err
	}
	logger.Info("演示数据已完成沉睡专利筛查", "run", run.ID, "screened", run.Screened, "sleeping", run.Sleeping)
	return nil
}
