package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// TestEnterprisePushSend: the list's manager sends the push list from its
// page; an enterprise registered with an account reads its message (the
// header counts it unread, it names its patent and links to the list), the
// others are counted as not reached, and a second sending repeats nobody.
func TestEnterprisePushSend(t *testing.T) {
	e, number, id := pushEnv(t)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	if _, err := e.db.CreateUser(ctx, patentbridge.NewUser{Username: "luzhou", Name: "泸州酒业", Role: patentbridge.RoleEnterprise,
		Organization: "泸州某酒业有限公司", Password: httpxtest.Password}); err != nil {
		t.Fatal(err)
	}
	admin, luzhou := e.client(t, "admin"), e.client(t, "luzhou")
	page := "/admin/enterprises/push?" + url.Values{"list": {number}}.Encode()

	// The form: for the list's managers, with the number of enterprises shown.
	_, body := MustGet(t, admin, e.srv.URL+page)
	mustContain(t, body, `id="push-send-form"`, "发送站内信给 6 家企业", `name="list" value="`+number+`"`)
	if strings.Contains(body, `id="push-last-sent"`) {
		t.Error("a list never sent says when it was last sent")
	}
	if _, body := MustGet(t, e.client(t, "chengdu"), e.srv.URL+page); strings.Contains(body, "push-send-form") {
		t.Error("a city user is offered to send the province's list")
	}
	form := url.Values{"list": {number}, "per": {"10"}}
	for _, who := range []string{"chengdu", "firm"} {
		if status, _, _ := MustPost(t, e.client(t, who), e.srv.URL+"/admin/enterprises/push/send", form); status != http.StatusForbidden {
			t.Errorf("%s sends the province's push list: %d", who, status)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/admin/enterprises/push/send", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, err := admin.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("a cross-site sending: %v, %v", res, err)
	} else {
		res.Body.Close()
	}
	if status, _, _ := MustPost(t, admin, e.srv.URL+"/admin/enterprises/push/send", url.Values{"list": {number}, "per": {"99"}}); status != http.StatusBadRequest {
		t.Errorf("per=99: %d", status)
	}
	if _, body := MustGet(t, luzhou, e.srv.URL+"/messages"); !strings.Contains(body, `id="messages-empty"`) {
		t.Fatal("a refused sending sent a message")
	}

	// Sent: only the liquor maker has an account; the page tells so.
	status, loc, body := MustPost(t, admin, e.srv.URL+"/admin/enterprises/push/send", form)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/enterprises/push?") {
		t.Fatalf("send: %d %s\n%s", status, loc, body)
	}
	_, body = MustGet(t, admin, e.srv.URL+loc)
	mustContain(t, body, `id="push-notice"`, "已发送给 1 家企业；5 家企业未在平台注册，未能送达。", `id="push-last-sent"`)

	_, home := MustGet(t, luzhou, e.srv.URL+"/")
	if m := regexp.MustCompile(`id="messages-unread"[^>]*>(\d+)<`).FindStringSubmatch(home); m == nil || m[1] != "1" {
		t.Fatalf("the liquor maker's header unread count = %v", m)
	}
	_, inbox := MustGet(t, luzhou, e.srv.URL+"/messages")
	heading := "四川省专利技术供给清单（" + number + "）"
	mustContain(t, inbox, "专利推送", "新的专利推送清单："+heading)
	open := regexp.MustCompile(`href="(/messages/\d+)"`).FindStringSubmatch(inbox)
	if open == nil {
		t.Fatal("no message to open")
	}
	_, msg := MustGet(t, luzhou, e.srv.URL+open[1])
	mustContain(t, msg, fmt.Sprintf(`href="/supply/%d" id="message-link"`, id))
	bodyText := regexp.MustCompile(`(?s)id="message-body">(.*?)</p>`).FindStringSubmatch(msg)
	if bodyText == nil || html.UnescapeString(bodyText[1]) != "根据《"+heading+"》，向贵单位推荐专利1件：201910000022.0 一种白酒固态发酵温度自动控制系统（经营范围含：白酒、发酵、酿造；同属川酒、食品饮料产业）" {
		t.Errorf("message body = %q", bodyText)
	}
	for _, other := range []string{"firm", "other"} {
		if _, body := MustGet(t, e.client(t, other), e.srv.URL+"/messages"); !strings.Contains(body, `id="messages-empty"`) {
			t.Errorf("%s got the liquor maker's push", other)
		}
	}

	// Again: nobody is told twice; a park's sending counts only that park's enterprises.
	_, loc, _ = MustPost(t, admin, e.srv.URL+"/admin/enterprises/push/send", form)
	_, body = MustGet(t, admin, e.srv.URL+loc)
	mustContain(t, body, "已发送给 0 家企业；5 家企业未在平台注册，未能送达；1 家企业此前已收到本期清单，未重复发送。")
	_, loc, _ = MustPost(t, admin, e.srv.URL+"/admin/enterprises/push/send", url.Values{"list": {number}, "per": {"10"}, "park": {"宜宾临港经开区"}})
	if !strings.Contains(loc, "park=") {
		t.Errorf("the park is lost on the way back: %s", loc)
	}
	_, body = MustGet(t, admin, e.srv.URL+loc)
	mustContain(t, body, "已发送给 0 家企业；1 家企业未在平台注册，未能送达。", "发送站内信给 1 家企业")
	if _, inbox := MustGet(t, luzhou, e.srv.URL+"/messages"); strings.Count(inbox, `class="message-row`) != 1 {
		t.Errorf("the liquor maker has %d messages", strings.Count(inbox, `class="message-row`))
	}
}
