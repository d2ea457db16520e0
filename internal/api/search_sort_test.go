package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
)

// newSortAPI serves the API over a real index of four photovoltaic patents with
// their grant dates (two in 2021) and grades.
func newSortAPI(tb testing.TB) http.Handler {
	tb.Helper()
	base := httpxtest.SamplePatents()[0] // 一种胶膜平整机构及光伏组件生产线
	cases := []struct {
		grant time.Time
		grade string
	}{
		{time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), "A"},
		{time.Date(2019, 5, 5, 0, 0, 0, 0, time.UTC), "C"},
		{time.Date(2021, 11, 30, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2023, 4, 11, 0, 0, 0, 0, time.UTC), "B"},
	}
	ix, err := search.OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	var ps []*patentbridge.Patent
	var docs []search.Doc
	for i, c := range cases {
		p := *base
		digits := fmt.Sprintf("20232%07d", i+1)
		p.AppNo, p.GrantDate = digits+patentbridge.AppNoCheckChar(digits), c.grant
		p.Title = fmt.Sprintf("%s（型号%d）", base.Title, i+1)
		ps = append(ps, &p)
		docs = append(docs, search.DocFromPatent(&p, refdata.Default(), search.DocExtra{Grade: c.grade}))
	}
	if err := ix.Put(docs); err != nil {
		tb.Fatal(err)
	}
	users := httpxtest.NewUserService(tb)
	users.MustStorePatents(tb, ps...)
	svc := &search.Service{Searcher: search.NewSearcher(ix, users.DB)}
	return api.New(api.Deps{Now: clock, Patents: users.DB, Ref: refdata.Default(), Logger: quiet, Search: svc})
}

// searchOrder returns the grant dates and grades of a search's hits, in order.
func searchOrder(t *testing.T, h http.Handler, query string) (int, []string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/patents/search?"+query, nil))
	var body struct {
		Items []struct {
			GrantDate string `json:"grant_date"`
			Grade     string `json:"grade"`
		} `json:"items"`
		Error struct{ Code, Message, Field string } `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range body.Items {
		got = append(got, it.GrantDate+" "+it.Grade)
	}
	return rec.Code, got, body.Error.Field + " " + body.Error.Message
}

func TestSearchSort(t *testing.T) {
	h := newSortAPI(t)
	q := "q=" + url.QueryEscape("光伏")
	tests := []struct {
		sort string
		want []string
	}{
		// newest grant first, to the day (two grants of 2021)
		{"grant_date", []string{"2023-04-11 B", "2021-11-30 ", "2021-02-01 A", "2019-05-05 C"}},
		// A first, ungraded last
		{"grade", []string{"2021-02-01 A", "2023-04-11 B", "2019-05-05 C", "2021-11-30 "}},
	}
	for _, tt := range tests {
		t.Run(tt.sort, func(t *testing.T) {
			status, got, msg := searchOrder(t, h, q+"&sort="+tt.sort)
			if status != 200 {
				t.Fatalf("status %d: %s", status, msg)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("order %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("filters only, sorted by grade", func(t *testing.T) {
		_, got, _ := searchOrder(t, h, "kind=utility&sort=grade&limit=2")
		if strings.Join(got, "|") != "2021-02-01 A|2023-04-11 B" {
			t.Errorf("first page %q", got)
		}
		_, got, _ = searchOrder(t, h, "kind=utility&sort=grade&limit=2&offset=2")
		if strings.Join(got, "|") != "2019-05-05 C|2021-11-30 " {
			t.Errorf("second page %q", got)
		}
	})
	t.Run("relevance is the default", func(t *testing.T) {
		s1, a, _ := searchOrder(t, h, q)
		s2, b, _ := searchOrder(t, h, q+"&sort=relevance")
		if s1 != 200 || s2 != 200 || len(a) != 4 || strings.Join(a, "|") != strings.Join(b, "|") {
			t.Errorf("default %d %q, relevance %d %q", s1, a, s2, b)
		}
	})
	for _, bad := range []string{"-grant_date", "app_date", "price"} {
		t.Run("refuses "+bad, func(t *testing.T) {
			status, got, msg := searchOrder(t, h, q+"&sort="+bad)
			if status != 400 || got != nil || !strings.HasPrefix(msg, "sort 排序方式") || !strings.Contains(msg, "可选 相关度、授权日（新→旧）、等级（A→D）") {
				t.Errorf("status %d, items %q, error %q", status, got, msg)
			}
		})
	}
}
