package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// laterPatent is a patent imported after the index was built or the run made.
func laterPatent(serial, title string) *patentbridge.Patent {
	d := "202310" + serial
	owner := []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
	return &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		Status: patentbridge.StatusPending, MainIPC: "H01M4/58", IPC: []string{"H01M4/58"}, Applicants: owner, RegionCode: "510107"}
}

// After an import the search page says the index is behind, with the patents
// indexed of those stored, until the index catches up.
func TestSearchPageSaysTheIndexIsBehind(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustStorePatents(t, httpxtest.SamplePatents()...)
	svc := httpxtest.MustSearch(t, users.DB)
	w, err := web.New(web.Deps{Now: clock, Patents: users.DB, Users: users, Ref: refdata.Default(), Logger: quiet, Search: svc})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	c := MustClient(t, srv, "")
	search := srv.URL + "/search?q=" + url.QueryEscape("电池")
	if _, body := MustGet(t, c, search); strings.Contains(body, `id="index-note"`) {
		t.Fatal("an index note while the index is current")
	}
	users.MustStorePatents(t, laterPatent("000101", "一种固态电池隔膜"), laterPatent("000102", "一种电池包散热结构"))
	for _, u := range []string{search, srv.URL + "/search"} {
		_, body := MustGet(t, c, u)
		mustContain(t, body, `<p class="notice" id="index-note" role="status">索引更新中（3/5），新导入的专利可能暂时检索不到</p>`)
		if strings.Contains(body, "隔膜") {
			t.Fatal("the new patent is found before it was indexed: the test proves nothing")
		}
	}
	if err := svc.Indexer.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, body := MustGet(t, c, search)
	if strings.Contains(body, `id="index-note"`) {
		t.Error("the index note stays after the index caught up")
	}
	mustContain(t, body, "隔膜") // the new patent is found now (its title is highlighted)
}

// The sleeping list says which batch it shows and how many patents came after it.
func TestSleepingListSaysPatentsCameAfterTheRun(t *testing.T) {
	current := newScreenEnv(t, true)
	if _, body := MustGet(t, current.client(t, ""), current.srv.URL+"/sleeping"); strings.Contains(body, `id="run-note"`) {
		t.Fatal("a staleness note with no patent imported after the run")
	}
	behind := newScreenEnv(t, true, laterPatent("000201", "一种钠电池负极材料"), laterPatent("000202", "一种电池回收方法"))
	_, body := MustGet(t, behind.client(t, ""), behind.srv.URL+"/sleeping")
	mustContain(t, body, `<p class="notice" role="status" id="run-note">筛查结果基于 2026-11-27 批次，之后新增或更新 2 件专利，将在下次筛查后计入</p>`)
	httpxtest.MustScreen(t, behind.users.DB, testNow)
	if _, body := MustGet(t, behind.client(t, ""), behind.srv.URL+"/sleeping"); strings.Contains(body, `id="run-note"`) {
		t.Error("the staleness note stays after a new run")
	}
}
