package web_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/sqldb"
)

// mustScreenMarket screens into db the sample patents and a turbine patent
// owned by the SOE 东方电气集团有限公司, syncs the registry, and returns that
// SOE patent.
func mustScreenMarket(t *testing.T, db *sqldb.DB) *patentbridge.Patent {
	t.Helper()
	soeP := *httpxtest.SamplePatents()[0]
	d := "202223220666"
	soeP.AppNo, soeP.Title = d+patentbridge.AppNoCheckChar(d), "一种汽轮机转子叶片检测装置"
	soeP.Patentees = []patentbridge.Party{{Name: "东方电气集团有限公司", Type: patentbridge.PartySOE}}
	httpxtest.MustScreen(t, db, testNow, append(httpxtest.SamplePatents(), &soeP)...)
	if _, err := db.SyncOrganizations(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)); err != nil {
		t.Fatal(err)
	}
	return &soeP
}
