package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// decodeScreen parses `screen --json` output.
func decodeScreen(tb testing.TB, stdout string) screenSummary {
	tb.Helper()
	var s screenSummary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		tb.Fatalf("screen --json printed %q: %v", stdout, err)
	}
	return s
}

// mustImportAndScreen imports n generated patents (seed) into dsn and screens
// them as of 2026-06-30, returning the finished run's summary.
func mustImportAndScreen(tb testing.TB, dsn string, n int, seed string) screenSummary {
	tb.Helper()
	if code, _, stderr := MustRun(tb, nil, "import", "--db", dsn, MustGen(tb, tb.TempDir(), n, seed)); code != 0 {
		tb.Fatal(stderr)
	}
	code, stdout, stderr := MustRun(tb, nil, "screen", "--db", dsn, "--as-of", "2026-06-30", "--json")
	if code != 0 {
		tb.Fatal(stderr)
	}
	return decodeScreen(tb, stdout)
}

func TestScreenAndExport(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			file := MustGen(t, dir, 800, "21")
			if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, file); code != 0 {
				t.Fatal(stderr)
			}
			code, stdout, stderr := MustRun(t, nil, "screen", "--db", dsn, "--as-of", "2026-11-27", "--json")
			if code != 0 {
				t.Fatal(stderr)
			}
			s := decodeScreen(t, stdout)
			if s.Screened != 800 || s.Sleeping == 0 || s.AsOf != "2026-11-27" || s.RuleVersion == "" || s.WeightsVersion == "" {
				t.Fatalf("summary %+v", s)
			}
			excluded := 0
			for _, n := range s.Excluded {
				excluded += n
			}
			if excluded+s.Sleeping != s.Screened {
				t.Fatalf("sleeping %d + excluded %d != screened %d: some patents have no reason", s.Sleeping, excluded, s.Screened)
			}
			if g := s.Grades; g["A"]+g["B"]+g["C"]+g["D"] != s.Sleeping || g["A"] == 0 || g["A"] > g["C"] {
				t.Fatalf("grades %v for %d sleeping patents", g, s.Sleeping)
			}

			t.Run("same data and date give the same result", func(t *testing.T) {
				_, stdout, _ := MustRun(t, nil, "screen", "--db", dsn, "--as-of", "2026-11-27", "--json")
				again := decodeScreen(t, stdout)
				if again.ID == s.ID || again.Sleeping != s.Sleeping || again.Grades["A"] != s.Grades["A"] ||
					again.Excluded["granted_3_years"] != s.Excluded["granted_3_years"] {
					t.Fatalf("first %+v, second %+v", s, again)
				}
			})

			t.Run("export lists every sleeping patent", func(t *testing.T) {
				csvPath := filepath.Join(dir, "sleeping.csv")
				if code, _, stderr := MustRun(t, nil, "export", "sleeping", "--db", dsn, "-o", csvPath); code != 0 {
					t.Fatal(stderr)
				}
				f, _ := os.Open(csvPath)
				defer f.Close()
				rows, err := csv.NewReader(f).ReadAll()
				if err != nil || len(rows) != s.Sleeping+1 {
					t.Fatalf("CSV has %d rows for %d sleeping patents (%v)", len(rows), s.Sleeping, err)
				}
				xlsxPath := filepath.Join(dir, "sleeping.xlsx")
				if code, _, stderr := MustRun(t, nil, "export", "sleeping", "--db", dsn, "--format", "xlsx", "-o", xlsxPath); code != 0 {
					t.Fatal(stderr)
				}
				wb, err := excelize.OpenFile(xlsxPath)
				if err != nil {
					t.Fatal(err)
				}
				defer wb.Close()
				// dated by the store's clock at export, not excelize's 2006-09-16
				if p, _ := wb.GetDocProps(); p.Modified != p.Created || !nearNow(p.Created) {
					t.Errorf("XLSX created %q, modified %q; want the export time", p.Created, p.Modified)
				}
				xrows, _ := wb.GetRows(wb.GetSheetName(0))
				if len(xrows) != s.Sleeping+1 {
					t.Fatalf("XLSX has %d rows for %d sleeping patents", len(xrows), s.Sleeping)
				}
			})

			t.Run("API shows the database and each patent's result", func(t *testing.T) {
				m := MustOpenMain(t, dsn, 0)
				var page struct {
					Total int `json:"total"`
					Items []struct {
						AppNo     string `json:"app_no"`
						Screening struct {
							Sleeping bool   `json:"sleeping"`
							Grade    string `json:"grade"`
						} `json:"screening"`
					} `json:"items"`
				}
				if MustGetJSON(t, m.URL()+"/api/v1/sleeping?limit=5", &page); page.Total != s.Sleeping || len(page.Items) == 0 {
					t.Fatalf("GET /api/v1/sleeping total %d, want %d", page.Total, s.Sleeping)
				}
				var detail struct {
					Screening struct {
						Sleeping bool `json:"sleeping"`
						Grade    string
						Criteria []struct{ Criterion, Outcome, Evidence string }
					} `json:"screening"`
				}
				MustGetJSON(t, m.URL()+"/api/v1/patents/"+page.Items[0].AppNo, &detail)
				if !detail.Screening.Sleeping || detail.Screening.Grade == "" || len(detail.Screening.Criteria) != 6 {
					t.Fatalf("screening in patent JSON: %+v", detail.Screening)
				}
				for _, c := range detail.Screening.Criteria {
					if c.Outcome != "met" || c.Evidence == "" {
						t.Fatalf("a sleeping patent's criterion %+v", c)
					}
				}
			})
		})
	}
}

func TestScreenWithAdminConfig(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, MustGen(t, dir, 300, "4")); code != 0 {
		t.Fatal(stderr)
	}
	def := filepath.Join("..", "..", "internal", "screen", "config", "default.json")
	b, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	_ = json.Unmarshal(b, &cfg)
	cfg["version"] = "2027.1-test"
	cfg["grade_shares"] = map[string]float64{"A": 0.25, "B": 0.25, "C": 0.25, "D": 0.25}
	custom := filepath.Join(dir, "weights.json")
	b, _ = json.Marshal(cfg)
	_ = os.WriteFile(custom, b, 0o644)

	code, stdout, stderr := MustRun(t, map[string]string{"PATENTBRIDGE_SCREEN_CONFIG": custom},
		"screen", "--db", dsn, "--as-of", "2026-11-27", "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	s := decodeScreen(t, stdout)
	if s.WeightsVersion != "2027.1-test" {
		t.Fatalf("run recorded weights version %q", s.WeightsVersion)
	}
	if a, d := s.Grades["A"], s.Grades["D"]; a < s.Sleeping/4-1 || a > s.Sleeping/4+1 || d < s.Sleeping/4-1 {
		t.Fatalf("quarter shares gave grades %v for %d sleeping", s.Grades, s.Sleeping)
	}

	cfg["grade_shares"] = map[string]float64{"A": 0.5, "B": 0.5, "C": 0.5, "D": 0.5}
	b, _ = json.Marshal(cfg)
	_ = os.WriteFile(custom, b, 0o644)
	code, _, stderr = MustRun(t, nil, "screen", "--db", dsn, "--screen-config", custom)
	if code != 1 || !strings.Contains(stderr, "grade_shares") && !strings.Contains(stderr, "等级") {
		t.Fatalf("bad shares: exit %d, %q", code, stderr)
	}
}

// nearNow reports whether a W3C date-time is within an hour of the platform's clock.
func nearNow(w3c string) bool {
	t, err := time.Parse(time.RFC3339, w3c)
	d := patentbridge.Now().Sub(t)
	return err == nil && d > -time.Hour && d < time.Hour
}
