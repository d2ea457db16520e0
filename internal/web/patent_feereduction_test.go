package web_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestPatentPageShowsAnnualFeeReduction(t *testing.T) {
	s := newLicenceSite(t)
	page := s.srv.URL + "/patents/" + s.appNo
	if _, body := MustGet(t, MustClient(t, s.srv, ""), page); strings.Contains(body, "年费减缴") {
		t.Fatal("a reduction is shown with no open licence")
	}
	draft := s.mustOpenLicence(t, "draft", "2030-12-31", "", "")
	withdrawn := s.mustOpenLicence(t, "withdrawn", "2029-12-31", "2026-01-10T08:00:00.000000Z", "2026-06-01T08:00:00.000000Z")
	announced := s.mustOpenLicence(t, "announced", "2030-12-31", "2026-11-27T10:00:00.000000Z", "")
	status, body := MustGet(t, MustClient(t, s.srv, "swust"), page)
	if status != 200 {
		t.Fatalf("patent page: %d", status)
	}
	mustContain(t, body,
		fmt.Sprintf(`id="patent-fee-reduction-%d">开放许可实施期间年费减缴 15%%：自 2026-11-27 至 2030-12-31`, announced),
		fmt.Sprintf(`id="patent-fee-reduction-%d">开放许可实施期间年费减缴 15%%：自 2026-01-10 至 2026-05-31`, withdrawn),
		"已于 2026-06-01 撤回", "就高适用")
	if strings.Contains(body, fmt.Sprintf("patent-fee-reduction-%d", draft)) {
		t.Error("a draft declaration shows a fee reduction")
	}
	if _, body := MustGet(t, MustClient(t, s.srv, ""), page); !strings.Contains(body, fmt.Sprintf("patent-fee-reduction-%d", announced)) {
		t.Error("the public does not see the reduction")
	}
}
