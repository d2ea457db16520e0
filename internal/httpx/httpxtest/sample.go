package httpxtest

import (
	"time"

	"patentbridge"
)

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// SamplePatents returns three patents modelled on real Sichuan records: a
// utility model of a research institute, a university's battery invention
// with legal events and extra columns, and an enterprise's invention in Deyang.
func SamplePatents() []*patentbridge.Patent {
	return []*patentbridge.Patent{
		{
			AppNo: "2022232206652", Kind: patentbridge.KindUtility, GrantNo: "CN218939999U",
			Title: "一种胶膜平整机构及光伏组件生产线", AppDate: date(2022, 12, 2), GrantDate: date(2023, 4, 11),
			Status: patentbridge.StatusInForce, StatusText: "有权-审定授权",
			MainIPC: "H01L31/18", IPC: []string{"H01L31/18"},
			Applicants: []patentbridge.Party{{Name: "中国科学院成都有机化学有限公司", Type: patentbridge.PartyEnterprise}},
			Patentees:  []patentbridge.Party{{Name: "中国科学院光电技术研究所", Type: patentbridge.PartyInstitute}},
			Inventors:  []string{"李明", "王芳"}, RegionCode: "510107", ClaimsCount: 8,
		},
		{
			AppNo: "2021108432658", Kind: patentbridge.KindInvention, PubNo: "CN114050246A", GrantNo: "CN114050246B",
			Title:    "微米级多孔硫酸亚铁钠/碳复合正极材料及其制备的钠离子电池或钠电池",
			Abstract: "本发明公开了一种微米级多孔硫酸亚铁钠/碳复合正极材料。",
			AppDate:  date(2021, 7, 20), PubDate: date(2022, 2, 15), GrantDate: date(2023, 8, 1),
			Status: patentbridge.StatusInForce, StatusText: "有权-审定授权",
			MainIPC: "H01M4/58", IPC: []string{"H01M4/58", "H01M10/054"},
			Applicants: []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}},
			Inventors:  []string{"张伟", "刘洋", "陈静"}, RegionCode: "510107",
			ForwardCitations: 3, FamilySize: 1, ClaimsCount: 10, TransferCount: 1,
			Events: []patentbridge.LegalEvent{
				{Type: patentbridge.EventGrant, Date: date(2023, 8, 1), Text: "授权"},
				{Type: patentbridge.EventTransfer, Date: date(2024, 3, 5), Text: "专利权的转移"},
			},
			Extra: map[string]string{"审查员": "赵敏", "实质审查日": "20210806"},
		},
		{
			AppNo: "2021112263722", Kind: patentbridge.KindInvention, PubNo: "CN113973606A",
			Title: "一种棉花打顶无人机的智能控制系统及方法", AppDate: date(2021, 10, 20), PubDate: date(2022, 1, 28),
			Status: patentbridge.StatusPending, StatusText: "审中-实审",
			MainIPC: "A01G3/08", IPC: []string{"A01G3/08", "B64C39/02", "G05B19/042"},
			Applicants: []patentbridge.Party{{Name: "德阳智农科技有限公司", Type: patentbridge.PartyEnterprise, SME: true}},
			Inventors:  []string{"周强"}, RegionCode: "510603",
		},
	}
}
