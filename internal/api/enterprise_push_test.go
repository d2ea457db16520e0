package api_test

import (
	"fmt"
	"net/url"
	"testing"

	"patentbridge"
)

// TestPushSupplyListAPI: the JSON API pushes a published list chosen by its
// number, each enterprise its fitting patents only, each with one reason.
func TestPushSupplyListAPI(t *testing.T) {
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
