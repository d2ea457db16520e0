package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"patentbridge/internal/sqldb"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
)

// MustRun runs the patentbridge command line with args and returns its exit code,
// stdout and stderr.
func MustRun(tb testing.TB, envm map[string]string, args ...string) (int, string, string) {
	tb.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return envm[k] }, &out, &errb)
	return code, out.String(), errb.String()
}

// MustGen writes n generated records to a CSV file in dir and returns its path.
func MustGen(tb testing.TB, dir string, n int, seed string) string {
	tb.Helper()
	path := filepath.Join(dir, "gen-"+seed+".csv")
	if code, _, stderr := MustRun(tb, nil, "gen", "--n", itoa(n), "--seed", seed, "--out", path); code != 0 {
		tb.Fatalf("gen failed: %s", stderr)
	}
	return path
}

func itoa(n int) string { return strconv.Itoa(n) }

func decodeSummary(tb testing.TB, stdout string) patentbridge.ImportSummary {
	tb.Helper()
	var s patentbridge.ImportSummary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		tb.Fatalf("import --json printed %q: %v", stdout, err)
	}
	return s
}

func TestImportCommand(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			file := MustGen(t, dir, 500, "7")
			code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, "--json", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			s := decodeSummary(t, stdout)
			if s.Files != 1 || s.Read != 500 || s.Inserted != 500 || s.Rejected != 0 {
				t.Fatalf("first import: %+v", s)
			}
			t.Run("same file again changes nothing", func(t *testing.T) {
				_, stdout, _ := MustRun(t, nil, "import", "--db", dsn, "--json", file)
				s := decodeSummary(t, stdout)
				if s.Inserted != 0 || s.Updated != 0 || s.Unchanged != 500 {
					t.Fatalf("re-import: %+v", s)
				}
			})
			t.Run("bad rows are rejected and reported, good rows land", func(t *testing.T) {
				bad := filepath.Join(dir, "bad.csv")
				content := "申请号,专利名称,申请日,主分类号\n" +
					"CN202223220665.2,一种锂电池散热装置,20221202,H01M10/613\n" +
					"CN202223220665.3,校验位错误的专利,20221202,H01M10/613\n" +
					",没有申请号的专利,20221202,H01M\n" +
					"201910123456.X,日期不存在的专利,20190230,G06F16/35\n" +
					"202110987654.8,分类号错误的专利,20210101,GO6F16/35\n"
				if err := os.WriteFile(bad, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				rejects := filepath.Join(dir, "rejects.csv")
				code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, "--json", "--rejects", rejects, bad)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				s := decodeSummary(t, stdout)
				if s.Read != 5 || s.Inserted != 1 || s.Rejected != 4 {
					t.Fatalf("summary %+v", s)
				}
				// UTF-8 with a BOM and Chinese headers, as the web's download
				if b, _ := os.ReadFile(rejects); !strings.HasPrefix(string(b), "\ufeff文件,行,列,值,原因\n") {
					t.Errorf("rejects report starts %q", b[:min(len(b), 40)])
				}
				f, _ := os.Open(rejects)
				defer f.Close()
				rows, err := csv.NewReader(f).ReadAll()
				if err != nil || len(rows) != 5 {
					t.Fatalf("rejects report: %v %v", rows, err)
				}
				for i, wantLine := range []string{"3", "4", "5", "6"} {
					r := rows[i+1]
					if filepath.Base(r[0]) != "bad.csv" || r[1] != wantLine || r[4] == "" {
						t.Errorf("reject row %d = %q, want line %s with a reason", i, r, wantLine)
					}
				}
				if !strings.Contains(rows[1][4], "校验位") {
					t.Errorf("check-character reject reason = %q", rows[1][4])
				}
			})
			t.Run("old 8-digit numbers land with a computed check character, and the output says so", func(t *testing.T) {
				old := filepath.Join(dir, "old.csv")
				content := "专利名称,申请号,申请人,申请日,主分类号,摘要\n" +
					"一种白酒固态发酵方法,CN85102475,四川省食品发酵工业研究设计院,19850401,C12G3/02,本发明涉及白酒固态发酵。\n" +
					"一种茶叶杀青机,CN88100001.9,四川省农业科学院茶叶研究所,19880105,A23F3/06,带校验位的旧申请号。\n"
				if err := os.WriteFile(old, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, old)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				if !strings.Contains(stdout, "新增 2") || !strings.Contains(stdout, "1 行的申请号是1985–2003年的8位旧号且没有校验位，校验位由平台计算") {
					t.Errorf("import output %q does not say 1 check character was computed", stdout)
				}
				_, stdout, _ = MustRun(t, nil, "import", "--db", dsn, "--json", old)
				if s := decodeSummary(t, stdout); s.Unchanged != 2 || s.CheckComputed != 1 {
					t.Errorf("re-import summary %+v, want 2 unchanged and check_computed 1", s)
				}
			})
			t.Run("a file that is not a patent export fails with a clear message", func(t *testing.T) {
				notExport := filepath.Join(dir, "names.csv")
				_ = os.WriteFile(notExport, []byte("姓名,电话\n张三,123\n"), 0o644)
				code, _, stderr := MustRun(t, nil, "import", "--db", dsn, notExport)
				if code != 1 || !strings.Contains(stderr, "申请号") {
					t.Fatalf("exit %d, stderr %q", code, stderr)
				}
			})
		})
	}
}

func TestSmallCommands(t *testing.T) {
	t.Run("ipc prints the hierarchy with Chinese titles and SEI industries", func(t *testing.T) {
		code, stdout, stderr := MustRun(t, nil, "ipc", "H01M10/0525")
		if code != 0 {
			t.Fatal(stderr)
		}
		for _, want := range []string{"H01M10/0525", "电", "战略性新兴产业"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("ipc output lacks %q:\n%s", want, stdout)
			}
		}
		if code, _, _ := MustRun(t, nil, "ipc", "XYZ"); code != 1 {
			t.Errorf("malformed code: exit %d", code)
		}
	})
	t.Run("ipc marks a borrowed title and refuses a code not in the scheme", func(t *testing.T) {
		code, stdout, stderr := MustRun(t, nil, "ipc", "H01L21/02")
		if code != 0 || !strings.Contains(stdout, "H01L21/02      半导体器件；其他类目中不包括的电固体器件（分类表未收录本级标题，此为上位 H01L 的标题）") {
			t.Errorf("H01L21/02: exit %d\n%s%s", code, stdout, stderr)
		}
		code, _, stderr = MustRun(t, nil, "ipc", "H01L99/99")
		if code != 1 || !strings.Contains(stderr, "IPC分类表未收录分类号 H01L99/99") {
			t.Errorf("H01L99/99: exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("version and migrate", func(t *testing.T) {
		if code, stdout, _ := MustRun(t, nil, "version"); code != 0 || !strings.HasPrefix(stdout, "patentbridge ") {
			t.Errorf("version: %d %q", code, stdout)
		}
		dsn := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
		if code, stdout, stderr := MustRun(t, nil, "migrate", "--db", dsn); code != 0 || !strings.Contains(stdout, "sqlite") {
			t.Errorf("migrate: %d %q %q", code, stdout, stderr)
		}
	})
	t.Run("unknown subcommand", func(t *testing.T) {
		if code, _, _ := MustRun(t, nil, "frobnicate"); code != 2 {
			t.Errorf("exit %d", code)
		}
	})
}

func TestImportEnterprises(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	file := filepath.Join(dir, "企业名录.csv")
	content := "企业名称,统一社会信用代码,经营范围,行业,地区代码,是否中小微企业,所属园区\n" +
		"福州某科技有限公司,91350100M000100Y43,软件开发；信息技术咨询服务,软件和信息技术服务业,350100,是,福州软件园\n" +
		"成都某酒业有限公司,91350100M000100Y44,白酒生产；酒类销售,酒、饮料和精制茶制造业,510100,是,成都经开区\n"
	_ = os.WriteFile(file, []byte(content), 0o644)
	rejects := filepath.Join(dir, "rejects.csv")
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "enterprises", "--db", dsn, "--json", "--rejects", rejects, file)
	if code != 0 {
		t.Fatal(stderr)
	}
	s := decodeSummary(t, stdout)
	if s.Read != 2 || s.Inserted != 1 || s.Rejected != 1 {
		t.Fatalf("summary %+v", s)
	}
	b, _ := os.ReadFile(rejects)
	if !strings.Contains(string(b), "校验位") || !strings.Contains(string(b), ",3,") {
		t.Fatalf("rejects report does not name line 3 and the check character:\n%s", b)
	}
}

func TestIndexRebuild(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, MustGen(t, dir, 120, "8")); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := MustRun(t, nil, "index", "rebuild", "--db", dsn)
	if code != 0 || !strings.Contains(stdout, "120 件专利") {
		t.Fatalf("rebuild: %d %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "pb.index")); err != nil {
		t.Fatalf("index not beside the database: %v", err)
	}
	if code, stdout, _ := MustRun(t, nil, "index", "status", "--db", dsn); code != 0 || !strings.Contains(stdout, "120 件 / 数据库 120 件") {
		t.Fatalf("status: %q", stdout)
	}
}

// An SOE list becomes organizations of type SOE through the registry service,
// its bad rows are rejected by line, and the act is audited as the command line's.
func TestImportSOEList(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	file := filepath.Join(dir, "国有企业名单.csv")
	content := "单位名称,统一社会信用代码,所属市(州)\n" +
		"东方电气集团东方电机有限公司,91510600205150286D,德阳市\n" +
		"某某国有公司,91510600205150286X,德阳市\n"
	_ = os.WriteFile(file, []byte(content), 0o644)
	code, stdout, stderr := MustRun(t, nil, "import", "--kind", "soe", "--db", dsn, "--json", file)
	if code != 0 {
		t.Fatal(stderr)
	}
	if s := decodeSummary(t, stdout); s.Read != 2 || s.Inserted != 1 || s.Rejected != 1 {
		t.Fatalf("summary %+v", s)
	}
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, err := db.FindOrganizationByName(context.Background(), "东方电气集团东方电机有限公司")
	if err != nil || o.Type != patentbridge.PartySOE || o.CityCode != "5106" {
		t.Fatalf("organization = %+v, %v; want an SOE of 德阳 (5106)", o, err)
	}
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: "organization.import"})
	if err != nil || len(es) != 1 || es[0].Address != "cli" {
		t.Errorf("audit = %+v, %v; want one import from cli", es, err)
	}
}
