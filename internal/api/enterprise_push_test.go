package api_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

// TestPushSupplyListAPI: the JSON API pushes a published list chosen by its
// number, each enterprise its fitting patents only, each with one reason.
func TestPushSupplyListAPI(t *testing.T) {
	e, _, number := pushAPIEnv(t)
	path := func(q url.Values) string { return "/api/v1/enterprises/push?" + q.Encode() }

	status, m := e.call(t, "GET", path(url.Values{"list": {number}, "per": {"5"}}), e.admin, "")
	if status != 200 || m["per"] != float64(5) || m["list"].(map[string]any)["heading"] != "四川省专利技术供给清单（"+number+"）" {
		t.Fatalf("push = %d %v", status, m)
	}
	items := m["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("pushed to %d enterprises, want the PV maker only: %v", len(items), items)
	}
	first := items[0].(map[string]any)
	pushed := first["items"].([]any)[0].(map[string]any)
	if first["enterprise"].(map[string]any)["name"] != "绵阳光伏装备有限公司" || pushed["app_no"] != "2022232206652" ||
		pushed["reason"] != "经营范围含：胶膜、光伏、生产线；同属能源化工产业" || pushed["score"].(float64) < patentbridge.PushFitThreshold {
		t.Errorf("push = %v", first)
	}
	if status, m := e.call(t, "GET", path(url.Values{"list": {number}, "per": {"99"}}), e.admin, ""); status != 400 || errorOf(t, m)["field"] != "per" {
		t.Errorf("per=99: %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", path(url.Values{"list": {"2020年第3期"}}), e.admin, ""); status != 404 {
		t.Errorf("unknown number: %d", status)
	}
	status, m = e.call(t, "GET", path(url.Values{"app_no": {"CN202223220665.2"}}), e.admin, "")
	if items, _ := m["items"].([]any); status != 200 || len(items) != 1 || items[0].(map[string]any)["reason"] != pushed["reason"] {
		t.Errorf("push of the patent = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", path(url.Values{"list": {number}}), e.firm, ""); status != 403 {
		t.Errorf("an enterprise pushes: %d", status)
	}
}

// pushAPIEnv is the demand environment with a PV maker and a liquor maker in
// the registry and a published provincial list of every sleeping patent; it
// returns the list's id and number.
func pushAPIEnv(t *testing.T) (*demandEnv, int64, string) {
	t.Helper()
	e := newDemandEnv(t)
	ctx := t.Context()
	if _, err := e.demands.UpsertEnterprises(ctx, []*patentbridge.Enterprise{
		{Name: "绵阳光伏装备有限公司", CreditCode: "12100000400000624D", Scope: "光伏组件生产线设备制造；胶膜加工", Industry: "装备制造", RegionCode: "510703", Park: "绵阳科技城"},
		{Name: "泸州某酒业有限公司", CreditCode: "91510100MA6C00007B", Scope: "白酒生产、销售；酒类酿造技术开发", Industry: "酒、饮料和精制茶制造业", RegionCode: "510502", SME: true, Park: "泸州白酒产业园"},
	}); err != nil {
		t.Fatal(err)
	}
	l := &patentbridge.SupplyList{Title: "全省沉睡专利"}
	if err := e.demands.CreateSupplyList(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := e.demands.PublishSupplyList(ctx, l.ID, true); err != nil {
		t.Fatal(err)
	}
	number := fmt.Sprintf("%d年第1期", testNow.Year())
	return e, l.ID, number
}

// TestSendPushAPI: POST /api/v1/enterprises/push/send computes the list's push
// list as GET does and sends each enterprise with an account its message, once.
func TestSendPushAPI(t *testing.T) {
	e, id, number := pushAPIEnv(t)
	platform := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	pv, err := e.demands.CreateUser(platform, patentbridge.NewUser{Username: "pv", Name: "光伏", Role: patentbridge.RoleEnterprise,
		Organization: "绵阳光伏装备有限公司", Password: "secret-pass-1"})
	if err != nil {
		t.Fatal(err)
	}
	pvToken, _, err := e.demands.CreateAPIToken(patentbridge.WithUser(platform, pv), "test")
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"list":%q,"per":10}`, number)
	for who, token := range map[string]string{"an enterprise": e.firm, "the Mianyang city user": e.mianyang} {
		if status, m := e.call(t, "POST", "/api/v1/enterprises/push/send", token, body); status != 403 {
			t.Errorf("%s sends the province's list: %d %v", who, status, m)
		}
	}
	for _, bad := range []string{fmt.Sprintf(`{"list":%q,"per":99}`, number), `{"list":"","per":10}`, `{"list":"x","park":"y"}`} {
		if status, m := e.call(t, "POST", "/api/v1/enterprises/push/send", e.admin, bad); status != 400 {
			t.Errorf("%s: %d %v", bad, status, m)
		}
	}

	status, m := e.call(t, "POST", "/api/v1/enterprises/push/send", e.admin, body)
	if status != 200 || m["sent"] != float64(1) || m["unreached"] != float64(0) || m["summary"] != "已发送给 1 家企业" ||
		m["list"].(map[string]any)["heading"] != "四川省专利技术供给清单（"+number+"）" {
		t.Fatalf("send = %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/messages", pvToken, "")
	items, _ := m["items"].([]any)
	if status != 200 || len(items) != 1 {
		t.Fatalf("the PV maker's messages = %d %v", status, m)
	}
	msg := items[0].(map[string]any)
	if msg["kind"] != patentbridge.MessagePushList || msg["link"] != fmt.Sprintf("/supply/%d", id) ||
		!strings.Contains(msg["body"].(string), "202223220665.2") {
		t.Errorf("message = %v", msg)
	}
	if _, m := e.call(t, "GET", "/api/v1/messages", e.firm, ""); len(m["items"].([]any)) != 0 {
		t.Errorf("another enterprise got %v", m["items"])
	}
	status, m = e.call(t, "POST", "/api/v1/enterprises/push/send", e.admin, body)
	if status != 200 || m["sent"] != float64(0) || m["repeated"] != float64(1) {
		t.Errorf("second sending = %d %v", status, m)
	}
}

// TestPushAmbiguousNumberAPI: with the province's and Chengdu's 第1期 both
// published, the administrator's bare number is refused naming both (GET and
// the sending), the issuer's name picks one, and Chengdu's bare number means its own.
func TestPushAmbiguousNumberAPI(t *testing.T) {
	e, _, number := pushAPIEnv(t)
	cd := &patentbridge.SupplyList{Title: "成都高校专利", CityCode: "5101", Filter: patentbridge.SleepingFilter{City: "5101"}}
	if err := e.demands.CreateSupplyList(t.Context(), cd); err != nil {
		t.Fatal(err)
	}
	if _, err := e.demands.PublishSupplyList(t.Context(), cd.ID, true); err != nil {
		t.Fatal(err)
	}
	path := func(list string) string { return "/api/v1/enterprises/push?" + url.Values{"list": {list}}.Encode() }
	want := number + " 有多份清单：四川省" + number + "、成都市" + number + "，请写明发布单位"
	if status, m := e.call(t, "GET", path(number), e.admin, ""); status != 400 || errorOf(t, m)["field"] != "list" || errorOf(t, m)["message"] != want {
		t.Errorf("admin's bare number: %d %v", status, m)
	}
	if status, m := e.call(t, "POST", "/api/v1/enterprises/push/send", e.admin, `{"list":"`+number+`"}`); status != 400 || errorOf(t, m)["message"] != want {
		t.Errorf("admin sends by the bare number: %d %v", status, m)
	}
	for _, c := range []struct{ who, list, heading string }{
		{e.admin, "成都市" + number, "成都市专利技术供给清单（" + number + "）"},
		{e.admin, "四川省" + number, "四川省专利技术供给清单（" + number + "）"},
		{e.chengdu, number, "成都市专利技术供给清单（" + number + "）"},
	} {
		status, m := e.call(t, "GET", path(c.list), c.who, "")
		if l, _ := m["list"].(map[string]any); status != 200 || l["heading"] != c.heading {
			t.Errorf("%s: %d %v, want %s", c.list, status, m, c.heading)
		}
	}
}
