package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// An enterprise reads a published pool's acceptance text and takes its free
// package licence through the API: effective at once, with the pool, the lead
// member as licensor, both patents and the ledger index.
func TestTakePoolLicenceAPI(t *testing.T) {
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	_, e.firm = users.MustUser(t, "firm2", patentbridge.RoleEnterprise, "成都芯动科技有限公司")
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Offers: e.db, Pools: e.db, Licences: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	ctx := patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI)
	d := "201910765433"
	second := *httpxtest.SamplePatents()[0]
	second.AppNo, second.Title = d+patentbridge.AppNoCheckChar(d), "一种放射性废液处理装置"
	second.Patentees = []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}}
	if _, err := e.db.UpsertPatents(ctx, []*patentbridge.Patent{&second}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	ioe, _ := e.db.FindOrganizationByName(ctx, "中国科学院光电技术研究所")
	swust, _ := e.db.FindOrganizationByName(ctx, "西南科技大学")
	p := &patentbridge.Pool{Name: "核技术应用专利池", Field: "核技术", Members: []patentbridge.PoolMember{{OrgID: ioe.ID}, {OrgID: swust.ID}},
		AppNos: []string{"2022232206652", second.AppNo}, Terms: "免费普通许可，限四川省内实施", Fee: &patentbridge.FeeTerms{Method: patentbridge.FeeFree}}
	if err := e.db.CreatePool(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.PublishPool(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/api/v1/pools/%d", p.ID)
	if status, m := e.call(t, "GET", base+"/notice?term_end=2027-05-31", e.firm, ""); status != 200 || m["notice_text"] == nil {
		t.Fatalf("notice = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", base+"/licences", "", `{"confirm":true}`); status != http.StatusUnauthorized {
		t.Errorf("anonymous take = %d", status)
	}
	if status, m := e.call(t, "POST", base+"/licences", e.firm, `{"term_end":"2027-13-01","confirm":true}`); status != 400 || m["error"].(map[string]any)["field"] != "term_end" {
		t.Errorf("bad date = %d %v", status, m)
	}
	status, m := e.call(t, "POST", base+"/licences", e.firm, `{"term_end":"2027-05-31","confirm":true}`)
	nos, _ := m["app_nos"].([]any)
	if status != http.StatusCreated || m["status"] != "effective" || m["kind"] != "ordinary" || m["pool_id"] != float64(p.ID) ||
		m["pool"] != "核技术应用专利池" || m["licensor"] != "中国科学院光电技术研究所" || len(nos) != 2 || m["ledger_index"] == nil || m["term_end"] != "2027-05-31" {
		t.Fatalf("take = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", base+"/licences", e.firm, `{"confirm":true}`); status != http.StatusConflict {
		t.Errorf("second take = %d", status)
	}
}
