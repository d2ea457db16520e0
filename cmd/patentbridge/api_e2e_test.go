package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// MustAdminToken logs in as the bootstrap admin and returns its API login token.
func MustAdminToken(tb testing.TB, m *Main) string {
	tb.Helper()
	s, err := m.DB.Login(context.Background(), "admin", m.Config.AdminPassword, true)
	if err != nil {
		tb.Fatal(err)
	}
	return s.Token
}

// MustGetJSON fetches url and decodes the JSON body into v, returning the status.
func MustGetJSON(tb testing.TB, url string, v any) int {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode
}

type apiPatent struct {
	AppNo      string `json:"app_no"`
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	GrantDate  string `json:"grant_date"`
	RegionCode string `json:"region_code"`
	IPC        []string
	Patentees  []struct{ Name, Type string }
	Applicants []struct{ Name, Type string }
}

type apiList struct {
	Total int         `json:"total"`
	Items []apiPatent `json:"items"`
}

func uploadViaAPI(t *testing.T, m *Main, token, path string) map[string]any {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "export.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(fw, f)
	f.Close()
	mw.Close()
	req, _ := http.NewRequest("POST", m.URL()+"/api/v1/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var job map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&job)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST /api/v1/imports: %d %v", resp.StatusCode, job)
	}
	id := int64(job["id"].(float64))
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/imports/%d", m.URL(), id), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		job = map[string]any{}
		_ = json.NewDecoder(resp.Body).Decode(&job)
		resp.Body.Close()
		if job["status"] == patentbridge.JobDone || job["status"] == patentbridge.JobFailed {
			return job
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("import job did not finish: %v", job)
	return nil
}

func TestAPIEndToEnd(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			m := MustOpenMain(t, dsn, 0)
			token := MustAdminToken(t, m)
			file := MustGen(t, t.TempDir(), 400, "11")
			job := uploadViaAPI(t, m, token, file)
			sum, _ := job["summary"].(map[string]any)
			if job["status"] != patentbridge.JobDone || sum["inserted"] != float64(400) {
				t.Fatalf("job = %v", job)
			}
			var all apiList
			if MustGetJSON(t, m.URL()+"/api/v1/patents?limit=200", &all); all.Total != 400 || len(all.Items) != 200 {
				t.Fatalf("total %d, items %d", all.Total, len(all.Items))
			}
			filters := []struct {
				query string
				check func(p apiPatent) bool
			}{
				{"owner_type=university", func(p apiPatent) bool { return hasOwnerType(p, "university") }},
				{"city=5101", func(p apiPatent) bool { return strings.HasPrefix(p.RegionCode, "5101") }},
				{"kind=invention", func(p apiPatent) bool { return p.Kind == "invention" }},
				{"status=in_force", func(p apiPatent) bool { return p.Status == "in_force" }},
				{"grant_year_from=2018&grant_year_to=2020", func(p apiPatent) bool {
					return p.GrantDate >= "2018-01-01" && p.GrantDate <= "2020-12-31"
				}},
				{"ipc=G06F", func(p apiPatent) bool { return hasIPCPrefix(p, "G06F") }},
			}
			for _, f := range filters {
				t.Run(f.query, func(t *testing.T) {
					var page apiList
					MustGetJSON(t, m.URL()+"/api/v1/patents?limit=200&"+f.query, &page)
					if page.Total == 0 || page.Total >= all.Total && f.query != "" {
						t.Fatalf("filter %s selected %d of %d", f.query, page.Total, all.Total)
					}
					for _, p := range page.Items {
						if !f.check(p) {
							t.Fatalf("filter %s returned %+v", f.query, p)
						}
					}
				})
			}
			t.Run("detail in every accepted form", func(t *testing.T) {
				n := all.Items[0].AppNo
				for _, form := range []string{n, "CN" + patentbridge.FormatAppNo(n), patentbridge.FormatAppNo(n)} {
					var p apiPatent
					if code := MustGetJSON(t, m.URL()+"/api/v1/patents/"+form, &p); code != 200 || p.AppNo != n {
						t.Fatalf("%s: %d %+v", form, code, p)
					}
				}
				var e map[string]map[string]string
				if code := MustGetJSON(t, m.URL()+"/api/v1/patents/2022232206653", &e); code != 400 ||
					!strings.Contains(e["error"]["message"], "校验位") {
					t.Fatalf("wrong check character: %d %v", code, e)
				}
				if code := MustGetJSON(t, m.URL()+"/api/v1/patents/2022232206652", &e); code != 404 {
					t.Fatalf("unknown patent: %d %v", code, e)
				}
			})
		})
	}
}

func hasOwnerType(p apiPatent, typ string) bool {
	owners := p.Patentees
	if len(owners) == 0 {
		owners = p.Applicants
	}
	for _, o := range owners {
		if o.Type == typ {
			return true
		}
	}
	return false
}

func hasIPCPrefix(p apiPatent, prefix string) bool {
	for _, c := range p.IPC {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}
