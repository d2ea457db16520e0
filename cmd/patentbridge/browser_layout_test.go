package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// layoutWidths are the screens every page must fit: a phone and a common laptop.
var layoutWidths = []int64{390, 1366}

// layoutPages are the pages checked for each audience, by path.
var layoutPages = map[string][]string{
	"anonymous": {"/", "/patents", "/search?q=电池", "/sleeping", "/sleeping?page=99", "/supply", "/demands", "/organizations", "/login"},
	"admin": {"/", "/patents?page=2", "/sleeping", "/admin/screening", "/admin/import", "/admin/users", "/admin/audit",
		"/admin/demands", "/admin/enterprises", "/admin/supply/new?grade=A", "/my/patents?owner=四川大学",
		"/kpi?year=2026", "/kpi/indicators/sme_received_conversions?year=2026", "/kpi/records?id=licences_transfers&year=2026",
		"/loans", "/loans?status=compensated", "/loans/new", "/loans/1", "/loans/import", "/risk-pools", "/risk-pools/1",
		"/filings", "/filings/new", "/service-records", "/service-outlets"},
}

// overflowJS reports how far the page is wider than the window, and the widest
// elements sticking out of it, or "" when nothing sticks out.
const overflowJS = `(() => {
  const de = document.documentElement, w = window.innerWidth;
  if (de.scrollWidth <= w) return "";
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && out.length < 5) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " right=" + Math.round(r.right));
  }
  return "scrollWidth " + de.scrollWidth + " > innerWidth " + w + ": " + out.join(", ");
})()`

// navLinesJS counts the lines the main navigation's items take.
const navLinesJS = `(() => {
  const tops = new Set();
  for (const li of document.querySelectorAll("#nav-list > li")) tops.add(Math.round(li.getBoundingClientRect().top));
  return tops.size;
})()`

// screenshotDir is where the layout test writes its screenshots: the directory
// named by PATENTBRIDGE_SCREENSHOTS (CI keeps it as an artifact), else the
// test's temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("PATENTBRIDGE_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowserLayout loads the main pages, anonymous and as the admin, at 390 and
// 1366 px: no page scrolls sideways, the admin's navigation is one line at
// 1366 px and folds behind its toggle at 390 px, and the header names the role
// once. A screenshot of each page is written for review.
func TestBrowserLayout(t *testing.T) {
	bin := MustChromium(t)
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 300)
	dir := screenshotDir(t)
	details := detailPages(t, bin, m)
	for _, who := range []string{"anonymous", "admin"} {
		paths := layoutPages[who]
		if who == "anonymous" {
			paths = append(slices.Clone(paths), details...)
		}
		ctx := newBrowser(t, bin)
		if who == "admin" {
			if err := chromedp.Do(ctx, loginAsAdmin(m)); err != nil {
				t.Fatalf("log in: %v", err)
			}
		}
		for _, width := range layoutWidths {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			for _, path := range paths {
				name := fmt.Sprintf("%s-%d-%s", who, width, pageName(path))
				if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				over, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS))
				if err != nil {
					t.Fatal(err)
				}
				if over != "" {
					t.Errorf("%s scrolls sideways: %s", name, over)
				}
				if width == 390 {
					assertNavFolds(t, ctx, name)
				} else if who == "admin" {
					if lines, _ := chromedp.Run(ctx, chromedp.Evaluate[int](navLinesJS)); lines != 1 {
						t.Errorf("%s: the admin's navigation takes %d lines, want 1", name, lines)
					}
				}
				shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
				// and the first screen alone, as a visitor sees it on opening the page
				top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+"-top.png"), top, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if who == "admin" {
			header := mustText(t, ctx, "#account-link")
			if strings.Count(header, "省级管理员") > 1 {
				t.Errorf("the header names the role twice: %q", header)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}

// assertNavFolds checks that on a narrow screen the navigation is folded until
// its toggle is pressed, and that the unfolded navigation fits the screen too.
func assertNavFolds(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	visible := `getComputedStyle(document.querySelector("#nav-list")).display !== "none"`
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](visible))
	if err != nil {
		t.Fatal(err)
	}
	if shown {
		t.Errorf("%s: the navigation is unfolded before its toggle is pressed", name)
		return
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#nav-toggle-label"))); err != nil {
		t.Fatalf("%s: press the navigation toggle: %v", name, err)
	}
	if shown, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](visible)); !shown {
		t.Errorf("%s: the toggle does not unfold the navigation", name)
	}
	if over, _ := chromedp.Run(ctx, chromedp.Evaluate[string](overflowJS)); over != "" {
		t.Errorf("%s with the navigation unfolded scrolls sideways: %s", name, over)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#nav-toggle-label"))); err != nil {
		t.Fatalf("%s: fold the navigation: %v", name, err)
	}
}

// pageName names a page's screenshot after its path: "/" is "home".
func pageName(path string) string {
	if n := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "-", "&", "_").Replace(path), "_"); n != "" {
		return n
	}
	return "home"
}

// detailPages returns the paths of a patent's page and a demand's page, found
// through their lists.
func detailPages(t *testing.T, bin string, m *Main) []string {
	t.Helper()
	ctx := newBrowser(t, bin)
	var out []string
	for _, l := range []struct{ list, link string }{{"/patents", "a.patent-link"}, {"/demands", ".demand-row a"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+l.list), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatal(err)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+"`"+l.link+"`"+`) || {}).pathname || ""`))
		if err != nil || href == "" {
			t.Fatalf("no link %s on %s (%v)", l.link, l.list, err)
		}
		out = append(out, href)
	}
	return out
}
