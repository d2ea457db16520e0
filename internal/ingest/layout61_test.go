package ingest

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// export61Header is the 61-column layout of a commercial database's export
// (shared/data/SOURCES.md).
var export61Header = strings.Split("序号,申请日,公开日,授权公告日,申请人,发明人,申请号,公开号,授权公告号,专利类型,"+
	"专利名称,授权名称,申请摘要,主权项,申请人地址,法律状态,主分类号,分类号,国省代码,专利代理人,"+
	"专利代理机构,优先权,优先权日,优先权数量,全文链接,第一发明人,第一权利人,申请人类型,当前发明人,当前权利人,"+
	"当前著录项联系人通讯地址,当前专利代理人,当前专利代理机构,变更前代理机构,法律事件,引证专利,非专利引证,引证数,同族专利,专利转移次数,"+
	"许可次数,质押次数,简单同族数量,转让日期,失效日期,质押日期,许可日期,无效宣告日期,CPC主分类号,CPC分类号,"+
	"FI主分类号,FI分类号,国际申请号,国际申请日,国际公开号,国际公开日,进入国家日期,颁证日,审查员,审查时长,实质审查日", ",")

// export61Row builds a row from column name -> value; other columns are empty.
func export61Row(tb testing.TB, vals map[string]string) []string {
	tb.Helper()
	row := make([]string, len(export61Header))
	for k, v := range vals {
		i := -1
		for j, h := range export61Header {
			if h == k {
				i = j
			}
		}
		if i < 0 {
			tb.Fatalf("no column %s", k)
		}
		row[i] = v
	}
	return row
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestImport61ColumnExport(t *testing.T) {
	if len(export61Header) != 61 {
		t.Fatalf("layout has %d columns, want 61", len(export61Header))
	}
	utility := export61Row(t, map[string]string{
		"序号": "1", "申请日": "20221202", "公开日": "20230418", "授权公告日": "20230418",
		"申请人": "河南省科学院应用物理研究所", "发明人": "张伟;李娜;王强", "申请号": "CN202223220665.2",
		"公开号": "CN218957562U", "授权公告号": "CN218957562U", "专利类型": "实用新型",
		"专利名称": "一种锂离子电池极片干燥装置", "授权名称": "一种锂离子电池极片干燥装置",
		"申请摘要":  "本实用新型公开了一种锂离子电池极片干燥装置，包括箱体、加热组件和导辊。",
		"主权项":   "1.一种锂离子电池极片干燥装置，其特征在于，包括箱体(1)。",
		"申请人地址": "450008 河南省郑州市金水区红专路7号", "法律状态": "有权-审定授权",
		"主分类号": "H01M 4/04", "分类号": "H01M 4/04;H01M 10/0525;F26B 21/00", "国省代码": "河南(41)",
		"专利代理人": "刘建国", "专利代理机构": "郑州大通专利商标代理有限公司 41111", "优先权": "",
		"优先权日": "0", "优先权数量": "0", "全文链接": "https://example.org/CN218957562U.pdf",
		"第一发明人": "张伟", "第一权利人": "河南省科学院应用物理研究所", "申请人类型": "科研机构",
		"当前发明人": "张伟;李娜;王强", "当前权利人": "河南省科学院应用物理研究所;郑州新能科技有限公司",
		"法律事件": "2022-12-02 申请;2023-04-18 授权;2023-09-15 专利申请权、专利权的转移;" +
			"2024-03-01 专利实施许可合同备案的生效、变更及注销",
		"引证专利": "CN112345678A;CN213456789U", "引证数": "2", "同族专利": "CN218957562U",
		"专利转移次数": "1", "许可次数": "0", "质押次数": "0", "简单同族数量": "1", "转让日期": "20230915",
		"失效日期": "0", "质押日期": "0", "许可日期": "20240301", "无效宣告日期": "0",
		"颁证日": "20230418", "审查员": "赵敏", "审查时长": "137", "实质审查日": "0",
	})
	lapsed := export61Row(t, map[string]string{
		"序号": "2", "申请日": "20190215", "公开日": "20190524", "授权公告日": "20210309",
		"申请人": "郑州大学;河南省科学院应用物理研究所", "申请人类型": "大专院校;科研机构",
		"发明人": "陈晓;刘洋", "申请号": "CN201910123456.X", "公开号": "CN109800000A", "授权公告号": "CN109800000B",
		"专利类型": "实用新型", // wrong: the number says invention, and the number wins
		"专利名称": "一种钙钛矿太阳能电池的制备方法", "授权名称": "钙钛矿太阳能电池的制备方法及其应用",
		"申请人地址": "100080 北京市海淀区中关村大街1号", "国省代码": "河南(41)", "法律状态": "",
		"主分类号": "H10K 30/10", "分类号": "H10K 30/10;H10K 71/00", "失效日期": "20230215",
		"法律事件": "2021.03.09 授权|2023.02.15 未缴年费专利权终止", "质押日期": "20210801;20220810",
		"质押次数": "1", "引证数": "0", "简单同族数量": "0", "同族专利": "CN109800000A;WO2020123456A1",
	})
	content := MustCSV(t, ',', export61Header, utility, lapsed)
	path := MustWriteFile(t, t.TempDir(), "河南省科学院应用物理研究所专利.csv", content)
	store := newFakeStore(t)
	sum, rejects := MustImport(t, NewImporter(store, fakeRegions{}, nil), path)
	if sum.Read != 2 || sum.Inserted != 2 || len(rejects) != 0 {
		t.Fatalf("summary %+v rejects %+v", sum, rejects)
	}

	t.Run("utility model in force with a transfer and a licence", func(t *testing.T) {
		p := store.MustPatent(t, "2022232206652")
		want := &patentbridge.Patent{
			AppNo: "2022232206652", Kind: patentbridge.KindUtility,
			PubNo: "CN218957562U", GrantNo: "CN218957562U",
			Title:      "一种锂离子电池极片干燥装置",
			Abstract:   "本实用新型公开了一种锂离子电池极片干燥装置，包括箱体、加热组件和导辊。",
			FirstClaim: "1.一种锂离子电池极片干燥装置，其特征在于，包括箱体(1)。",
			AppDate:    date(2022, 12, 2), PubDate: date(2023, 4, 18), GrantDate: date(2023, 4, 18),
			Status: patentbridge.StatusInForce, StatusText: "有权-审定授权",
			MainIPC: "H01M4/04", IPC: []string{"H01M4/04", "H01M10/0525", "F26B21/00"},
			Applicants: []patentbridge.Party{{Name: "河南省科学院应用物理研究所", Type: patentbridge.PartyInstitute}},
			Patentees: []patentbridge.Party{{Name: "河南省科学院应用物理研究所", Type: patentbridge.PartyInstitute},
				{Name: "郑州新能科技有限公司", Type: patentbridge.PartyEnterprise}},
			Inventors:  []string{"张伟", "李娜", "王强"},
			RegionCode: "410105", Address: "450008 河南省郑州市金水区红专路7号",
			Agency:            "郑州大通专利商标代理有限公司 41111",
			BackwardCitations: 2, FamilySize: 1, TransferCount: 1, LicenceCount: 1,
			Events: []patentbridge.LegalEvent{
				{Type: patentbridge.EventOther, Date: date(2022, 12, 2), Text: "申请"},
				{Type: patentbridge.EventGrant, Date: date(2023, 4, 18), Text: "授权"},
				{Type: patentbridge.EventTransfer, Date: date(2023, 9, 15), Text: "专利申请权、专利权的转移"},
				{Type: patentbridge.EventLicence, Date: date(2024, 3, 1), Text: "专利实施许可合同备案的生效、变更及注销"},
			},
			Extra: map[string]string{
				"专利代理人": "刘建国", "优先权数量": "0", "全文链接": "https://example.org/CN218957562U.pdf",
				"引证专利": "CN112345678A;CN213456789U", "同族专利": "CN218957562U",
				"颁证日": "20230418", "审查员": "赵敏", "审查时长": "137",
			},
			Source: "河南省科学院应用物理研究所专利.csv",
		}
		if !reflect.DeepEqual(p, want) {
			t.Errorf("got  %+v\nwant %+v", p, want)
		}
	})
	t.Run("lapsed invention: number beats 专利类型, status inferred, region by province", func(t *testing.T) {
		p := store.MustPatent(t, "201910123456X")
		if p.Kind != patentbridge.KindInvention || p.Status != patentbridge.StatusLapsedUnpaid || p.StatusText != "" {
			t.Errorf("kind %s status %s %q", p.Kind, p.Status, p.StatusText)
		}
		if !p.LapseDate.Equal(date(2023, 2, 15)) || !p.GrantDate.Equal(date(2021, 3, 9)) || p.GrantNo != "CN109800000B" {
			t.Errorf("lapse %v grant %v %s", p.LapseDate, p.GrantDate, p.GrantNo)
		}
		if p.RegionCode != "410000" {
			t.Errorf("address in Beijing, 国省代码 Henan: region %s, want 410000", p.RegionCode)
		}
		wantParties := []patentbridge.Party{{Name: "郑州大学", Type: patentbridge.PartyUniversity},
			{Name: "河南省科学院应用物理研究所", Type: patentbridge.PartyInstitute}}
		if !reflect.DeepEqual(p.Applicants, wantParties) || p.Patentees != nil {
			t.Errorf("applicants %+v patentees %+v", p.Applicants, p.Patentees)
		}
		if p.PledgeCount != 2 || p.FamilySize != 2 || p.Extra["授权名称"] != "钙钛矿太阳能电池的制备方法及其应用" {
			t.Errorf("pledges %d family %d extra %v", p.PledgeCount, p.FamilySize, p.Extra)
		}
		var types []string
		for _, e := range p.Events {
			types = append(types, patentbridge.FormatDate(e.Date)+" "+string(e.Type))
		}
		want := "2021-03-09 grant,2021-08-01 pledge,2022-08-10 pledge,2023-02-15 lapse"
		if got := strings.Join(types, ","); got != want {
			t.Errorf("events %s, want %s", got, want)
		}
	})
}

func TestHeaderSynonyms(t *testing.T) {
	tests := []struct {
		header []string
		row    []string
	}{
		{[]string{" 申请号 ", "标题", "申请(专利权)人", "IPC主分类", "IPC", "发明(设计)人", "当前法律状态", "被引证次数"},
			[]string{"CN202223220665.2", "一种装置", "四川大学", "H01M4/04", "H01M10/0525", "张伟", "有权", "7"}},
		{[]string{"\ufeff申请号", "发明名称", "申请（专利权）人", "主IPC", "IPC分类号", "发明人", "法律状态", "被引用次数"},
			[]string{"2022232206652", "一种装置", "四川大学", "H01M 4/04", "H01M10/0525;H01M4/04", "张伟", "有权-审定授权", "7"}},
		{[]string{"申请号", "名称", "申请人", "主分类号", "分类号", "当前发明人", "法律状态", "被引证次数"},
			[]string{"202223220665.2", "一种装置", "四川大学", "H01M4/04", "H01M10/0525", "张伟", "授权", "7.0"}},
	}
	for i, tt := range tests {
		t.Run(strings.Join(tt.header, "|"), func(t *testing.T) {
			path := MustWriteFile(t, t.TempDir(), "s.csv", MustCSV(t, ',', tt.header, tt.row))
			store := newFakeStore(t)
			MustImport(t, NewImporter(store, nil, nil), path)
			p := store.MustPatent(t, "2022232206652")
			if p.Title != "一种装置" || len(p.Applicants) != 1 || p.Applicants[0].Type != patentbridge.PartyUniversity ||
				strings.Join(p.IPC, ",") != "H01M4/04,H01M10/0525" || p.MainIPC != "H01M4/04" ||
				strings.Join(p.Inventors, ",") != "张伟" || p.Status != patentbridge.StatusInForce || p.ForwardCitations != 7 {
				t.Errorf("case %d: %+v", i, p)
			}
			if len(p.Extra) != 0 {
				t.Errorf("known columns leaked into Extra: %v", p.Extra)
			}
		})
	}
}
