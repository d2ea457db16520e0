package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A licence paid beyond its fee shows what was overpaid, not a negative balance.
func TestLicencePageShowsAnOverpayment(t *testing.T) {
	s := newLicenceSite(t)
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := s.raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, announced_at) VALUES (?, ?, 'announced', 'fixed', '{"method":"fixed","lump_sum_fen":1200000}', '2026-01-01', '2030-12-31', '["西南科技大学"]', ?, ?)`,
		s.appNo, s.uni.OrgID, at, at)
	if err != nil {
		t.Fatal(err)
	}
	olID, _ := res.LastInsertId()
	firm := MustClient(t, s.srv, "firm")
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		res, err := firm.PostForm(s.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res.Header.Get("Location")
	}
	status, loc := post(fmt.Sprintf("/open-licences/%d/take", olID), url.Values{"confirm": {"1"}})
	if status != http.StatusSeeOther {
		t.Fatalf("take: %d", status)
	}
	page := strings.Split(loc, "?")[0]
	for _, amount := range []string{"12,000", "5,000"} {
		if status, _ := post(page+"/payments", url.Values{"amount": {amount}, "paid_on": {"2026-11-27"}, "reference": {"ICBC-" + amount}}); status != http.StatusSeeOther {
			t.Fatalf("payment %s: %d", amount, status)
		}
	}
	_, body := MustGet(t, firm, s.srv.URL+page)
	mustContain(t, body, `id="licence-overpaid">5,000.00元`, "多付", "17,000.00元")
	if strings.Contains(body, "-5,000.00元") || strings.Contains(body, "未付余额") {
		t.Errorf("an overpayment shown as a negative balance")
	}
}

// On the day a royalty licence is taken the report form offers the period in
// progress as an early report; a period not begun is refused; the reported
// royalty shows and the period can then be corrected.
func TestLicenceReportFormOffersThePeriodInProgressEarly(t *testing.T) {
	s := newLicenceSite(t)
	at := testNow.UTC().Format("2006-01-02T15:04:05.000000Z")
	res, err := s.raw.Exec(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, term_start, term_end, patentees_json,
		created_at, announced_at) VALUES (?, ?, 'announced', 'sales_royalty', '{"method":"sales_royalty","royalty_base":"net_sales","rate_bp":500,"report_months":3}', '2026-01-01', '2030-12-31', '["西南科技大学"]', ?, ?)`,
		s.appNo, s.uni.OrgID, at, at)
	if err != nil {
		t.Fatal(err)
	}
	olID, _ := res.LastInsertId()
	firm := MustClient(t, s.srv, "firm")
	res2, err := firm.PostForm(fmt.Sprintf("%s/open-licences/%d/take", s.srv.URL, olID), url.Values{"confirm": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	page := strings.Split(res2.Header.Get("Location"), "?")[0]
	if res2.StatusCode != http.StatusSeeOther || page == "" {
		t.Fatalf("take: %d", res2.StatusCode)
	}
	_, body := MustGet(t, firm, s.srv.URL+page)
	mustContain(t, body, `id="report-form"`, "2026-11-27 至 2027-02-26（本期，提前报告）")
	rep, err := firm.PostForm(s.srv.URL+page+"/reports", url.Values{"period": {"2027-02-27/2027-05-26"}, "base": {"3,750,000"}})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Body.Close()
	b, _ := io.ReadAll(rep.Body)
	if rep.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "本期可提前报告") {
		t.Errorf("a report of a period not begun: %d", rep.StatusCode)
	}
	ok, err := firm.PostForm(s.srv.URL+page+"/reports", url.Values{"period": {"2026-11-27/2027-02-26"}, "base": {"3,750,000"}})
	if err != nil {
		t.Fatal(err)
	}
	ok.Body.Close()
	if ok.StatusCode != http.StatusSeeOther {
		t.Fatalf("an early report of the period in progress: %d", ok.StatusCode)
	}
	_, body = MustGet(t, firm, s.srv.URL+page)
	mustContain(t, body, "187,500.00元", "（更正已报告数额）")
}
