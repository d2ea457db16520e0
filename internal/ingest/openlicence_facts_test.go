package ingest

import (
	"strings"
	"testing"

	"patentbridge"
)

// The bars of 细则 art. 86 are read from what a real export carries: a pledge
// registered and later released in 法律事件 no longer bars an open licence
// from the day of its release, while a pledge known only from 质押日期 (no
// release in the export) still needs the pledgee's recorded consent.
func TestExportedPledgesDecideTheOpenLicenceBar(t *testing.T) {
	base := map[string]string{
		"申请日": "20200615", "授权公告日": "20220301", "申请人": "西南交通大学", "当前权利人": "西南交通大学",
		"专利类型": "发明专利", "专利名称": "一种轨道交通用减振扣件", "法律状态": "有权-审定授权",
		"主分类号": "E01B 9/68", "分类号": "E01B 9/68", "国省代码": "四川(51)",
	}
	row := func(appNo, events, pledgeDates string) []string {
		vals := map[string]string{"申请号": appNo, "法律事件": events, "质押日期": pledgeDates}
		for k, v := range base {
			vals[k] = v
		}
		return export61Row(t, vals)
	}
	released := row("CN202010543210.0", "2022-03-01 授权;2024-06-01 专利权质押合同登记的生效;2026-11-20 专利权质押合同登记的注销", "20240601")
	pledged := row("CN202010543211.5", "2022-03-01 授权", "20240601")
	path := MustWriteFile(t, t.TempDir(), "西南交通大学专利.csv", MustCSV(t, ',', export61Header, released, pledged))
	store := newFakeStore(t)
	if sum, rejects := MustImport(t, NewImporter(store, fakeRegions{}, nil), path); sum.Inserted != 2 || len(rejects) != 0 {
		t.Fatalf("summary %+v rejects %+v", sum, rejects)
	}
	ol := &patentbridge.OpenLicence{TermStart: date(2026, 12, 1), TermEnd: date(2029, 11, 30),
		Confirmations: []string{patentbridge.ConfirmNoExclusive, patentbridge.ConfirmNoSuspension,
			patentbridge.ConfirmFeesPaid, patentbridge.ConfirmNoPledge, patentbridge.ConfirmNoOtherBar}}
	check := func(appNo string, y, m, d int) error {
		return patentbridge.CheckOpenLicenceFacts(store.MustPatent(t, appNo), ol, nil, date(y, m, d))
	}
	if err := check("2020105432100", 2026, 11, 19); err == nil || !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（四）项") {
		t.Errorf("the day before the release: %v, want the art. 86(4) refusal", err)
	}
	if err := check("2020105432100", 2026, 11, 20); err != nil {
		t.Errorf("on the day of the release: %v, want no bar", err)
	}
	err := check("2020105432115", 2026, 12, 1)
	if patentbridge.ErrorField(err) != "pledgee_consent" || !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（四）项") {
		t.Errorf("a pledge with no release in the export: %v, want the art. 86(4) refusal on pledgee_consent", err)
	}
	ol.PledgeeConsent = "质权人中国银行成都分行同意函（2026-11-25）"
	if err := check("2020105432115", 2026, 12, 1); err != nil {
		t.Errorf("with the pledgee's consent recorded: %v", err)
	}
}
