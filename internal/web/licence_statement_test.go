package web_test

import (
	"fmt"
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
