package web_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// TestImportPageShowsTheRouterModel: the admin's import page shows the IPC
// router's model as the search status reports it — the stored patents and
// subclasses it learned, when it was trained (local time), its version — and
// 训练中 while a newer model trains.
func TestImportPageShowsTheRouterModel(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	svc := httpxtest.MustSearch(t, users.DB)
	built := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	var training atomic.Bool
	svc.RouterStatus = func() patentbridge.RouterStatus {
		return patentbridge.RouterStatus{Patents: 63_600, Subclasses: 412, BuiltAt: built, Version: "corpus-5f3a", Training: training.Load()}
	}
	w, err := web.New(web.Deps{Now: clock, Patents: users.DB, Users: users, Jobs: users.DB, Runner: httpxtest.MustJobRunner(t, users.DB),
		Ref: refdata.Default(), Logger: quiet, UploadDir: t.TempDir(), Search: svc})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	admin := MustClient(t, srv, "admin")

	status, body := MustGet(t, admin, srv.URL+"/admin/import")
	if status != 200 {
		t.Fatalf("import page: %d", status)
	}
	mustContain(t, body, "已学习专利数", `id="router-patents">63,600<`, "分类数（小类）", `id="router-subclasses">412<`,
		"训练时间", `id="router-built">2026-03-01 17:30<` /* Beijing time */, "版本", `id="router-version">corpus-5f3a<`)
	if strings.Contains(body, "训练中") {
		t.Error("the page says 训练中 while nothing trains")
	}
	training.Store(true)
	_, body = MustGet(t, admin, srv.URL+"/admin/import")
	mustContain(t, body, `id="router-training"`, "训练中")
}
