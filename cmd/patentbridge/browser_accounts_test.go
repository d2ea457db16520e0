package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAccountJourney: the provincial admin creates an account for a city
// office in the browser; the new user signs in, is sent to change the initial
// password, does, and lands where it was going; the admin then reads both acts
// in the audit log.
func TestBrowserAccountJourney(t *testing.T) {
	bin := MustChromium(t)
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 0)
	ctx := newBrowser(t, bin)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx,
		loginAsAdmin(m),
		chromedp.Navigate(m.URL()+"/admin/users"),
		chromedp.WaitVisible(css("#user-form")),
		chromedp.SendKeys(css("#nu-username"), "deyang"),
		chromedp.SendKeys(css("#nu-name"), "德阳市知识产权局"),
		chromedp.SetValue(css("#nu-role"), "city"),
		chromedp.SetValue(css("#nu-city"), "5106"),
		chromedp.SendKeys(css("#nu-password"), "initial-pass-1"),
		chromedp.Click(css("#user-submit")),
		chromedp.WaitVisible(css("#users-notice")),
		chromedp.Click(css("#logout-submit")),
		chromedp.WaitVisible(css("#login-link")),
	); err != nil {
		t.Fatalf("admin creates the account: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(m.URL()+"/login?next=/admin/users"),
		chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), "deyang"),
		chromedp.SendKeys(css("#password"), "initial-pass-1"),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#must-change")),
		chromedp.SendKeys(css("#current"), "initial-pass-1"),
		chromedp.SendKeys(css("#password"), "deyang-own-pass"),
		chromedp.SendKeys(css("#confirm"), "deyang-own-pass"),
		chromedp.Click(css("#password-submit")),
		chromedp.WaitVisible(css("#user-list")),
	); err != nil {
		t.Fatalf("the new user signs in and changes the password: %v", err)
	}
	if list := mustText(t, ctx, "#user-list"); !strings.Contains(list, "deyang") || strings.Contains(list, "admin") {
		t.Errorf("德阳's account list = %q; want its own account, not the admin's", list)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(css("#logout-submit")),
		chromedp.WaitVisible(css("#login-link")),
		loginAsAdmin(m),
		chromedp.Navigate(m.URL()+"/admin/audit?action=user."),
		chromedp.WaitVisible(css("#audit-list")),
	); err != nil {
		t.Fatalf("admin opens the audit log: %v", err)
	}
	if log := mustText(t, ctx, "#audit-list"); !strings.Contains(log, "user.create") || !strings.Contains(log, "user.change_password") {
		t.Errorf("audit log = %q; want the creation and the password change", log)
	}
}
