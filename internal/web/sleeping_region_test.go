package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// regionPatent is a granted invention filed and held by owner, at the export's region.
func regionPatent(serial, title, owner string, t patentbridge.PartyType, region string) *patentbridge.Patent {
	d := "202110" + serial
	party := []patentbridge.Party{{Name: owner, Type: t}}
	return &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		AppDate: testNow.AddDate(-5, 0, 0), GrantDate: testNow.AddDate(-4, 0, 0), Status: patentbridge.StatusInForce,
		MainIPC: "H01M4/58", IPC: []string{"H01M4/58"}, Applicants: party, Patentees: party, RegionCode: region, ClaimsCount: 6}
}

// The platform is Sichuan's: a 西安交通大学 patent stays searchable but is never
// sleeping, even when the province-wide list is filtered to it; 四川大学华西医院
// (机关团体) counts as 四川大学, its parent in the registry.
func TestSleepingListKeepsToTheRegion(t *testing.T) {
	e := newScreenEnv(t, false)
	xjtu := regionPatent("000001", "一种西安的储能电池热管理方法", "西安交通大学", patentbridge.PartyUniversity, "610113")
	huaxi := regionPatent("000002", "一种华西的肿瘤标志物检测方法", "四川大学华西医院", patentbridge.PartyGovernment, "510107")
	e.users.MustStorePatents(t, xjtu, huaxi)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	scu, err := e.users.FindOrganizationByName(ctx, "四川大学")
	if err != nil {
		t.Fatal(err)
	}
	hx, err := e.users.FindOrganizationByName(ctx, "四川大学华西医院")
	if err != nil {
		t.Fatal(err)
	}
	hx.ParentID = scu.ID
	if err := e.users.UpdateOrganization(ctx, hx); err != nil {
		t.Fatal(err)
	}
	httpxtest.MustScreen(t, e.users.DB, testNow)

	_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?institution="+url.QueryEscape("西安交通大学"))
	mustContain(t, body, `id="sleeping-total">0<`)
	if strings.Contains(body, xjtu.Title) {
		t.Error("the 西安交通大学 patent is listed in Sichuan's sleeping-patent database")
	}
	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping")
	mustContain(t, body, huaxi.Title)
	if strings.Contains(body, xjtu.Title) {
		t.Error("the 西安交通大学 patent is listed province-wide")
	}
	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+xjtu.AppNo)
	mustContain(t, body, "权利人 西安交通大学 所在地区 陕西省西安市（机构名录）不在四川省")
	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+huaxi.AppNo)
	mustContain(t, body, "四川大学华西医院（机关团体，上级单位 四川大学 为大专院校，按 四川大学 计）")
}
