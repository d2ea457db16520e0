package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// MustChromium returns the browser's path, skipping the test where Chromium is
// absent — unless PATENTBRIDGE_TEST_BROWSER demands the browser tests (CI).
func MustChromium(t *testing.T) string {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("PATENTBRIDGE_TEST_BROWSER") != "" {
			t.Fatal("PATENTBRIDGE_TEST_BROWSER is set but chromium is not installed")
		}
		t.Skip("chromium not installed (apt-get install chromium); browser test skipped")
	}
	return bin
}

// loginAsAdmin signs in through the login form as the bootstrap administrator.
func loginAsAdmin(m *Main) chromedp.Action[chromedp.Void] {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	return chromedp.Steps(
		chromedp.Navigate(m.URL()+"/login"),
		chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), "admin"),
		chromedp.SendKeys(css("#password"), m.Config.AdminPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitNotPresent(css("#login-submit")),
	)
}

// chromiumPath finds Debian's chromium (or another Chrome) for the browser test.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserImportJourney is one user's journey in headless Chromium: log in,
// import a generated export through the import page, see the count, open a patent.
func TestBrowserImportJourney(t *testing.T) {
	bin := MustChromium(t)
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 0)
	file := MustGen(t, t.TempDir(), 250, "5")

	ctx := newBrowser(t, bin)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		loginAsAdmin(m),
		chromedp.Navigate(m.URL()+"/admin/import"),
		chromedp.WaitVisible(css("#import-file")),
		chromedp.SetUploadFiles(css("#import-file"), []string{file}),
		chromedp.Click(css("#import-submit")),
		chromedp.WaitVisible(css("#job-status")),
	)
	if err != nil {
		t.Fatalf("log in and upload: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector('#job-status').textContent.includes('已完成')`,
		chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("import job never showed 已完成: %v", err)
	}
	status := mustText(t, ctx, "#job-status")
	inserted := mustText(t, ctx, "#job-inserted")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(m.URL()+"/patents"),
		chromedp.WaitVisible(css("a.patent-link")),
		chromedp.Click(css("a.patent-link")),
		chromedp.WaitVisible(css("#patent-title")),
	); err != nil {
		t.Fatalf("open a patent from the list: %v", err)
	}
	title := mustText(t, ctx, "#patent-title")
	appno := mustText(t, ctx, "#patent-appno")
	if strings.TrimSpace(inserted) != "250" {
		t.Fatalf("job page shows %q inserted (status %q), want 250", inserted, status)
	}
	if strings.TrimSpace(title) == "" || !strings.Contains(appno, ".") {
		t.Fatalf("detail page: title %q, 申请号 %q", title, appno)
	}
}

// mustText returns the visible text of the element matching the CSS selector.
func mustText(tb testing.TB, ctx context.Context, sel string) string {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		tb.Fatalf("text of %s: %v", sel, err)
	}
	return v
}

// TestBrowserSupplyListJourney: the provincial operator opens the sleeping-patent
// database, builds a supply list of grade-A patents, publishes it, and the public
// page shows it numbered for the year.
func TestBrowserSupplyListJourney(t *testing.T) {
	bin := MustChromium(t)
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 600)
	ctx := newBrowser(t, bin)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx,
		loginAsAdmin(m),
		chromedp.Navigate(m.URL()+"/sleeping"),
		chromedp.WaitVisible(css("table#sleeping a.patent-link")),
	); err != nil {
		t.Fatalf("open the sleeping-patent database: %v", err)
	}
	if total := mustText(t, ctx, "#sleeping-total"); strings.TrimSpace(total) == "" || strings.TrimSpace(total) == "0" {
		t.Fatalf("sleeping total %q", total)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(m.URL()+"/admin/supply/new?grade=A"),
		chromedp.WaitVisible(css("#f-title")),
		chromedp.SendKeys(css("#f-title"), "2026年高校院所A级沉睡专利"),
		chromedp.Click(css("#create-submit")),
		chromedp.WaitVisible(css("#publish-button")),
		chromedp.Click(css("#publish-confirm")),
		chromedp.Click(css("#publish-button")),
		chromedp.WaitNotPresent(css("#publish-button")),
		chromedp.WaitVisible(css("#supply-number")),
	); err != nil {
		t.Fatalf("build and publish a supply list: %v", err)
	}
	number := mustText(t, ctx, "#supply-number")
	if !strings.Contains(number, "第1期") {
		t.Fatalf("published list is numbered %q, want 第1期 of the year", number)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/supply"), chromedp.WaitVisible(css("#supply-lists"))); err != nil {
		t.Fatal(err)
	}
	if lists := mustText(t, ctx, "#supply-lists"); !strings.Contains(lists, "2026年高校院所A级沉睡专利") {
		t.Fatalf("public supply lists page does not show the list: %q", lists)
	}
}

// newBrowser starts headless Chromium for one test and returns its context.
func newBrowser(t *testing.T, bin string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancel(); cancelA() })
	return ctx
}
