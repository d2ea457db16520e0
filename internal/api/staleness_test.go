package api_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// laterPatent is a patent imported after the index was built or the run made.
func laterPatent(serial, title string) *patentbridge.Patent {
	d := "202310" + serial
	owner := []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
	return &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		Status: patentbridge.StatusPending, MainIPC: "H01M4/58", IPC: []string{"H01M4/58"}, Applicants: owner, RegionCode: "510107"}
}

// The search JSON carries the index note while the index is behind the
// database, and the sleeping JSON the patents imported after its run.
func TestJSONSaysWhenBehind(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustStorePatents(t, httpxtest.SamplePatents()...)
	httpxtest.MustScreen(t, users.DB, testNow)
	svc := httpxtest.MustSearch(t, users.DB)
	h := api.New(api.Deps{Now: clock, Patents: users.DB, Ref: refdata.Default(), Logger: quiet, Search: svc,
		Screening: httpxtest.Screening{DB: users.DB}, Sleeping: users.DB})
	get := func(target string) map[string]any {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		var m map[string]any
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &m) != nil {
			t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
		}
		return m
	}
	if m := get("/api/v1/patents/search?q=%E7%94%B5%E6%B1%A0"); m["index_note"] != nil {
		t.Errorf("index note while current: %v", m["index_note"])
	}
	if m := get("/api/v1/sleeping"); m["run_note"] != nil || m["changed_since_run"] != float64(0) {
		t.Errorf("run note with nothing new: %v %v", m["run_note"], m["changed_since_run"])
	}

	users.MustStorePatents(t, laterPatent("000301", "一种固态电池隔膜"))
	if m := get("/api/v1/patents/search?q=%E7%94%B5%E6%B1%A0"); m["index_note"] != "索引更新中（3/4），新导入的专利可能暂时检索不到" {
		t.Errorf("index note %v", m["index_note"])
	}
	if m := get("/api/v1/sleeping"); m["changed_since_run"] != float64(1) ||
		m["run_note"] != "筛查结果基于 2026-11-27 批次，之后新增或更新 1 件专利，将在下次筛查后计入" {
		t.Errorf("sleeping after an import: %v %v", m["changed_since_run"], m["run_note"])
	}
	if err := svc.Indexer.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if m := get("/api/v1/patents/search?q=%E7%94%B5%E6%B1%A0"); m["index_note"] != nil {
		t.Errorf("index note after catching up: %v", m["index_note"])
	}
}
