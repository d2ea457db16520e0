package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// messages returns token's inbox: its items and its unread count.
func (e *demandEnv) messages(tb testing.TB, token string) ([]map[string]any, int) {
	tb.Helper()
	status, m := e.call(tb, "GET", "/api/v1/messages", token, "")
	if status != http.StatusOK {
		tb.Fatalf("GET messages: %d %v", status, m)
	}
	var out []map[string]any
	for _, it := range m["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out, int(m["unread"].(float64))
}

func TestDemandAPILifecycleWithResubmission(t *testing.T) {
	e := newDemandEnv(t)
	if status, m := e.call(t, "POST", "/api/v1/demands", e.firm, demandBody("钠离子电池正极材料", "110101")); status != http.StatusBadRequest || errorOf(t, m)["field"] != "region_code" {
		t.Errorf("a Beijing region: %d %v", status, m)
	}
	// A draft: kept with a short description, not in the moderation queue.
	status, m := e.call(t, "POST", "/api/v1/demands", e.firm, `{"title":"钠离子电池正极材料","description":"待补充","region_code":"510107","draft":true}`)
	if status != http.StatusCreated || m["status"] != "draft" || m["status_label"] != "草稿" {
		t.Fatalf("draft: %d %v", status, m)
	}
	id := int(m["id"].(float64))
	path := fmt.Sprintf("/api/v1/demands/%d", id)
	if _, m := e.call(t, "GET", "/api/v1/demands?status=pending", e.chengdu, ""); m["total"].(float64) != 0 {
		t.Errorf("a draft in the moderation queue: %v", m)
	}
	// Submitting checks the whole demand.
	status, m = e.call(t, "PUT", path, e.firm, `{"title":"钠离子电池正极材料","description":"待补充","region_code":"510107","submit":true}`)
	if status != http.StatusBadRequest || errorOf(t, m)["field"] != "description" {
		t.Fatalf("submit a short draft: %d %v", status, m)
	}
	full := strings.Replace(demandBody("钠离子电池正极材料", "510107"), `{`, `{"submit":true,`, 1)
	if status, m := e.call(t, "PUT", path, e.other, full); status != http.StatusNotFound && status != http.StatusForbidden {
		t.Errorf("another enterprise edits the draft: %d %v", status, m)
	}
	if status, m := e.call(t, "PUT", path, e.firm, full); status != http.StatusOK || m["status"] != "pending" {
		t.Fatalf("submit: %d %v", status, m)
	}
	if status, m := e.call(t, "PUT", path, e.firm, full); status != http.StatusConflict || !strings.Contains(errorOf(t, m)["message"].(string), "待审核") {
		t.Errorf("editing a pending demand: %d %v", status, m)
	}

	// Returned: the poster gets a message linking to the demand, marks it read.
	if status, m := e.call(t, "POST", path+"/moderate", e.chengdu, `{"action":"reject","note":"请补充循环寿命指标"}`); status != http.StatusOK || m["status"] != "rejected" {
		t.Fatalf("return: %d %v", status, m)
	}
	ms, unread := e.messages(t, e.firm)
	if len(ms) != 1 || unread != 1 || ms[0]["kind"] != "demand.returned" || ms[0]["link"] != fmt.Sprintf("/demands/%d", id) ||
		!strings.Contains(ms[0]["body"].(string), "请补充循环寿命指标") || ms[0]["read"] != false {
		t.Fatalf("inbox after the return = %v (unread %d)", ms, unread)
	}
	if ms, unread := e.messages(t, e.other); len(ms) != 0 || unread != 0 {
		t.Errorf("another enterprise sees the message: %v", ms)
	}
	read := fmt.Sprintf("/api/v1/messages/%d/read", int(ms[0]["id"].(float64)))
	if status, _ := e.call(t, "POST", read, e.other, ""); status != http.StatusNotFound {
		t.Errorf("another enterprise marks it read: %d", status)
	}
	if status, m := e.call(t, "POST", read, e.firm, ""); status != http.StatusOK || m["read"] != true {
		t.Errorf("mark read: %d %v", status, m)
	}
	if _, unread := e.messages(t, e.firm); unread != 0 {
		t.Errorf("unread after reading: %d", unread)
	}

	// Edited and resubmitted, published: a second message; then closed with a note.
	resubmit := strings.Replace(full, "2000次以上", "3000次以上", 1)
	if status, m := e.call(t, "PUT", path, e.firm, resubmit); status != http.StatusOK || m["status"] != "pending" ||
		!strings.Contains(m["description"].(string), "3000次") {
		t.Fatalf("resubmit: %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path+"/moderate", e.admin, `{"action":"publish"}`); status != http.StatusOK {
		t.Fatalf("publish: %d", status)
	}
	if ms, unread := e.messages(t, e.firm); len(ms) != 2 || unread != 1 || ms[0]["kind"] != "demand.published" {
		t.Errorf("inbox after publication = %v", ms)
	}
	if status, m := e.call(t, "POST", path+"/close", e.firm, `{"note":"已与四川大学签约"}`); status != http.StatusOK || m["status"] != "closed" || m["close_note"] != "已与四川大学签约" {
		t.Fatalf("close: %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path+"/close", e.firm, `{}`); status != http.StatusConflict {
		t.Errorf("closing twice: %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/demands", "", ""); m["total"].(float64) != 0 {
		t.Errorf("the public list holds a closed demand: %v", m)
	}

	// /me/demands lists per state with the counts.
	status, m = e.call(t, "GET", "/api/v1/me/demands?status=closed", e.firm, "")
	counts, _ := m["counts"].(map[string]any)
	if status != http.StatusOK || m["total"].(float64) != 1 || counts["closed"].(float64) != 1 || counts["pending"].(float64) != 0 {
		t.Errorf("my closed demands: %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/me/demands", e.other, ""); m["total"].(float64) != 0 {
		t.Errorf("another enterprise's demands: %v", m)
	}
	if status, m := e.call(t, "GET", "/api/v1/me/demands?status=gone", e.firm, ""); status != http.StatusBadRequest || errorOf(t, m)["field"] != "status" {
		t.Errorf("bad status: %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/messages", "", ""); status != http.StatusUnauthorized {
		t.Errorf("anonymous inbox: %d", status)
	}
}
