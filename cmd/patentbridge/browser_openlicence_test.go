package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"patentbridge"
)

// TestBrowserOpenLicenceJourney is issue 13's journey in headless Chromium:
// 四川大学 declares an open licence with a sales royalty from its patent's page
// (a rate above the 2024 notice is refused, naming it, then corrected), the
// admin approves it and the public page shows its 账本序号, an SME takes the
// licence from the announced declaration and gets its licence record, and
// the ledger entry of the licence verifies in the browser.
func TestBrowserOpenLicenceJourney(t *testing.T) {
	bin := MustChromium(t)
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 400)
	p := mustDeclarablePatent(t, m, "四川大学")
	today := patentbridge.DateOf(patentbridge.Now())
	end := today.AddDate(3, 0, 0)
	if last := patentbridge.LastDayOfTerm(p); last.Before(end) {
		end = last
	}
	ctx := newBrowser(t, bin)
	if err := chromedp.Do(ctx); err != nil { // the browser lives as long as ctx, not a step's timeout
		t.Fatalf("start chromium: %v", err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(name string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		return strings.TrimSpace(mustText(t, sctx, sel))
	}

	// 1–2. The university declares; 25% of net sales is refused, 5% is submitted.
	var ticks []chromedp.Action[chromedp.Void]
	for _, c := range patentbridge.NeededConfirmations(p, nil, today) {
		ticks = append(ticks, chromedp.Click(css(`#ol-confirmations input[value="`+c+`"]`)))
	}
	step("the university opens the declaration form from its patent's page",
		browserLogin(m, "scu"),
		chromedp.Navigate(m.URL()+"/patents/"+p.AppNo),
		chromedp.WaitVisible(css("#patent-declare-open")),
		chromedp.Click(css("#patent-declare-open")),
		chromedp.WaitVisible(css("#ol-form")),
	)
	if who := text("#ol-patentees"); !strings.Contains(who, "四川大学") {
		t.Fatalf("the form names the patentees %q, want 四川大学", who)
	}
	step("fill the form with 25% of net sales",
		chromedp.SetValue(css("#ol-method"), string(patentbridge.FeeSales)),
		chromedp.SendKeys(css("#ol-rate"), "25"),
		chromedp.SetValue(css("#ol-report"), "6"),
		chromedp.SendKeys(css("#ol-basis"), "依据《专利开放许可使用费估算指引（试行）》，参照同领域许可合同的提成率"),
		chromedp.SetValue(css("#ol-start"), patentbridge.FormatDate(today)),
		chromedp.SetValue(css("#ol-end"), patentbridge.FormatDate(end)),
		chromedp.SendKeys(css("#ol-conditions"), "技术咨询另行约定"),
		chromedp.Steps(ticks...),
		chromedp.Click(css("#ol-submit")),
		chromedp.WaitVisible(css("#err-rate")),
	)
	if refusal := text("#err-rate"); !strings.Contains(refusal, "国知发运字〔2024〕19号") || !strings.Contains(refusal, "20%") {
		t.Fatalf("the refusal of 25%% reads %q; want it to name the 2024 notice and its 20%%", refusal)
	}
	step("correct the rate to 5% and submit",
		chromedp.Clear(css("#ol-rate")),
		chromedp.SendKeys(css("#ol-rate"), "5"),
		chromedp.Click(css("#ol-submit")),
		chromedp.WaitVisible(css("#ol-notice")),
	)
	if notice := text("#ol-notice"); !strings.Contains(notice, "已提交审核") {
		t.Fatalf("after submitting the page says %q (error %q)", notice, pageText(ctx, "#ol-error"))
	}
	olPath := mustLocationPath(t, ctx)
	id := mustTrailingID(t, olPath)

	// 3. The admin reviews it from the list of pending declarations and announces it.
	step("the admin approves the declaration",
		browserLogout(),
		loginAsAdmin(m),
		chromedp.Navigate(m.URL()+"/open-licences"),
		chromedp.WaitVisible(css(`#ol-pending a[href="`+olPath+`"]`)),
		chromedp.Click(css(`#ol-pending a[href="`+olPath+`"]`)),
		chromedp.WaitVisible(css("#ol-approve")),
		chromedp.Click(css("#ol-approve")),
		chromedp.WaitVisible(css("#ol-notice")),
	)
	if notice := text("#ol-notice"); !strings.Contains(notice, "已公告") {
		t.Fatalf("after approving the page says %q (error %q)", notice, pageText(ctx, "#ol-error"))
	}
	step("a visitor reads the announced declaration",
		browserLogout(),
		chromedp.Navigate(m.URL()+olPath),
		chromedp.WaitVisible(css("#ol-ledger")),
	)
	announceIdx := mustLedgerIndex(t, text("#ol-ledger"))
	if st, fee := text("#ol-status"), text("#ol-fee"); st != "已公告" || !strings.Contains(fee, "按净销售额提成 5%") {
		t.Errorf("public page: status %q, fee %q; want 已公告 with 5%% of net sales", st, fee)
	}
	ol, err := m.DB.FindOpenLicence(platform(context.Background()), id)
	if err != nil {
		t.Fatal(err)
	}
	if ol.AppNo != p.AppNo || ol.Fee.RateBP != 500 || ol.LedgerIndex == nil || *ol.LedgerIndex != announceIdx {
		t.Fatalf("stored declaration %d: %s at %d bp, ledger index %v; the page shows %d", id, ol.AppNo, ol.Fee.RateBP, ol.LedgerIndex, announceIdx)
	}

	// 4. An SME finds it in the public list and takes the licence.
	step("the SME takes the licence",
		browserLogin(m, "sme"),
		chromedp.Navigate(m.URL()+"/open-licences?method=sales_royalty"),
		chromedp.WaitVisible(css(`#ol-list a[href="`+olPath+`"]`)),
		chromedp.Click(css(`#ol-list a[href="`+olPath+`"]`)),
		chromedp.WaitVisible(css("#ol-take")),
		chromedp.Click(css("#ol-take")),
		chromedp.WaitVisible(css("#take-notice")),
	)
	if notice := text("#take-notice"); !strings.Contains(notice, "宜宾某酒业有限公司") || !strings.Contains(notice, "四川大学") {
		t.Fatalf("the written notice reads %q; want both parties", notice)
	}
	step("send the written notice",
		chromedp.Click(css("#take-confirm")),
		chromedp.Click(css("#take-submit")),
		chromedp.WaitVisible(css("#licence-notice")),
	)
	if st := text("#licence-status"); st != "已生效" {
		t.Fatalf("licence status %q (error %q); a royalty licence is effective on notice", st, pageText(ctx, "#licence-error"))
	}
	if who := text("#licence-licensor") + "/" + text("#licence-licensee"); who != "四川大学/宜宾某酒业有限公司" {
		t.Errorf("licence parties %q", who)
	}
	licenceID := mustTrailingID(t, mustLocationPath(t, ctx))
	grantIdx := mustLedgerIndex(t, text("#licence-ledger"))
	if grantIdx <= announceIdx {
		t.Errorf("licence's ledger index %d not after the announcement's %d", grantIdx, announceIdx)
	}

	// 5. The licence's ledger entry verifies in the browser; so does the announcement's.
	step("open the licence's ledger entry and verify it",
		chromedp.Click(css("#licence-ledger")),
		chromedp.WaitVisible(css("#ledger-verify")),
		chromedp.Click(css("#ledger-verify")),
		chromedp.WaitVisible(css("#ledger-result.verify-ok, #ledger-result.verify-fail")),
	)
	if obj := text("#ledger-object"); obj != fmt.Sprintf("licence:%d", licenceID) {
		t.Errorf("ledger entry %d is of %q, want licence:%d", grantIdx, obj, licenceID)
	}
	if idx, rec := text("#ledger-index"), text("#ledger-record"); idx != strconv.FormatInt(grantIdx, 10) ||
		!strings.Contains(rec, p.AppNo) || !strings.Contains(rec, "宜宾某酒业有限公司") {
		t.Errorf("ledger entry %s shows %q; want the licence of %s", idx, rec, p.AppNo)
	}
	if res := text("#ledger-result"); !strings.Contains(res, "验证通过") {
		t.Fatalf("verifying entry %d: %q", grantIdx, res)
	}
	step("verify the announcement's entry",
		chromedp.Navigate(fmt.Sprintf("%s/ledger/%d#verify", m.URL(), announceIdx)),
		chromedp.WaitVisible(css("#ledger-verify")),
		chromedp.WaitVisible(css("#ledger-result.verify-ok, #ledger-result.verify-fail")),
	)
	if res := text("#ledger-result"); !strings.Contains(res, "验证通过") {
		t.Fatalf("verifying entry %d: %q", announceIdx, res)
	}
}

// mustDeclarablePatent returns a granted, in-force invention patent of the
// organization alone, without a declaration yet, that the open-licence rules
// accept with the patentee's confirmations (no pledge, no exclusive licence).
func mustDeclarablePatent(t *testing.T, m *Main, orgName string) *patentbridge.Patent {
	t.Helper()
	ctx := platform(context.Background())
	org, err := m.DB.FindOrganizationByName(ctx, orgName)
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := m.DB.ListPatents(ctx, patentbridge.PatentFilter{OrgID: org.ID, Status: patentbridge.StatusInForce,
		Kind: patentbridge.KindInvention, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	now := patentbridge.Now()
	today := patentbridge.DateOf(now)
	for _, p := range ps {
		if len(p.Owners()) != 1 {
			continue
		}
		if _, n, err := m.DB.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{AppNo: p.AppNo, Limit: 1}); err != nil {
			t.Fatal(err)
		} else if n > 0 {
			continue
		}
		end := today.AddDate(3, 0, 0)
		if last := patentbridge.LastDayOfTerm(p); last.Before(end) {
			end = last
		}
		ol := &patentbridge.OpenLicence{AppNo: p.AppNo, TermStart: today, TermEnd: end,
			Fee:           patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 500, ReportMonths: 6},
			Confirmations: patentbridge.NeededConfirmations(p, nil, today)}
		if end.Sub(today) > 90*24*time.Hour && patentbridge.CheckOpenLicenceFacts(p, ol, nil, now) == nil {
			return p
		}
	}
	t.Fatalf("no declarable invention patent of %s alone among %d in force", orgName, len(ps))
	return nil
}

// browserLogin signs a demo account in through the login form (the demo
// accounts share the admin's password).
func browserLogin(m *Main, username string) chromedp.Action[chromedp.Void] {
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	return chromedp.Steps(
		chromedp.Navigate(m.URL()+"/login"),
		chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), username),
		chromedp.SendKeys(css("#password"), m.Config.AdminPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitNotPresent(css("#login-submit")),
	)
}

// browserLogout signs out with the header's button.
func browserLogout() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("#logout-submit")),
		chromedp.WaitVisible(chromedp.CSS("#login-link")),
	)
}

// pageText is the text of the element, "" when the page has none (for messages).
func pageText(ctx context.Context, sel string) string {
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	v, _ := chromedp.Run(sctx, chromedp.Evaluate[string](
		`(document.querySelector(`+strconv.Quote(sel)+`) || {textContent: ""}).textContent`))
	return strings.TrimSpace(v)
}

// mustLocationPath is the path of the browser's current page.
func mustLocationPath(t *testing.T, ctx context.Context) string {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	path, err := chromedp.Run(sctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// mustTrailingID reads the number at the end of a path ("/open-licences/12" → 12).
func mustTrailingID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("path %q names no record", path)
	}
	return id
}

var ledgerIndexText = regexp.MustCompile(`账本序号 (\d+)`)

// mustLedgerIndex reads N from a "账本序号 N" link.
func mustLedgerIndex(t *testing.T, s string) int64 {
	t.Helper()
	mm := ledgerIndexText.FindStringSubmatch(s)
	if mm == nil {
		t.Fatalf("%q shows no 账本序号", s)
	}
	n, _ := strconv.ParseInt(mm[1], 10, 64)
	return n
}
