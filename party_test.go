package patentbridge_test

import (
	"testing"

	"patentbridge"
)

func TestClassifyParty(t *testing.T) {
	cases := []struct {
		name, typeLabel string
		want            patentbridge.PartyType
	}{
		{"攀枝花学院", "", patentbridge.PartyUniversity},
		{"四川大学", "", patentbridge.PartyUniversity},
		{"成都智航科技研究院有限公司", "", patentbridge.PartyEnterprise},
		{"中国科学院成都生物研究所", "", patentbridge.PartyInstitute},
		{"四川省农业科学院作物研究所", "", patentbridge.PartyInstitute},
		{"西南交通大学", "大专院校", patentbridge.PartyUniversity},
		{"中国工程物理研究院化工材料研究所", "科研机构", patentbridge.PartyInstitute},
		{"某某中心", "科研单位", patentbridge.PartyInstitute}, // the type column wins over the name
		{"四川长虹电器股份有限公司", "工矿企业", patentbridge.PartyEnterprise},
		{"东方电气集团", "", patentbridge.PartyEnterprise},
		{"四川大学华西医院", "", patentbridge.PartyHospital},
		{"成都市知识产权局", "", patentbridge.PartyGovernment},
		{"张伟", "", patentbridge.PartyIndividual},
		{"欧阳明月", "个人", patentbridge.PartyIndividual},
		{"宜宾五粮液股份有限公司", "国有企业", patentbridge.PartySOE},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := patentbridge.ClassifyParty(tc.name, tc.typeLabel); got != tc.want {
				t.Fatalf("ClassifyParty(%q, %q) = %s, want %s", tc.name, tc.typeLabel, got, tc.want)
			}
		})
	}
}

func TestNormalizeOrgName(t *testing.T) {
	cases := map[string]string{
		" 中国科学院成都生物研究所 ":      "中国科学院成都生物研究所",
		"华为技术有限公司(成都)":        "华为技术有限公司（成都）",
		"华为技术有限公司（成都）":        "华为技术有限公司（成都）",
		"中国 科学院":              "中国科学院",
		"ＡＢＣ科技有限公司":           "ABC科技有限公司",
		"Sichuan  University": "Sichuan University",
	}
	for in, want := range cases {
		if got := patentbridge.NormalizeOrgName(in); got != want {
			t.Errorf("NormalizeOrgName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := patentbridge.SplitList("四川大学; 成都理工大学；；张三、李四"); len(got) != 4 {
		t.Errorf("SplitList = %q", got)
	}
}

func TestNormalizeLegalStatus(t *testing.T) {
	cases := map[string]patentbridge.LegalStatus{
		"有权-审定授权":  patentbridge.StatusInForce,
		"有权":       patentbridge.StatusInForce,
		"无权-未缴年费":  patentbridge.StatusLapsedUnpaid,
		"无权-期限届满":  patentbridge.StatusExpired,
		"无权-全部无效":  patentbridge.StatusInvalidated,
		"有权-部分无效":  patentbridge.StatusInForce,
		"无权-驳回":    patentbridge.StatusWithdrawnRejected,
		"无权-视为撤回":  patentbridge.StatusWithdrawnRejected,
		"审中-实审":    patentbridge.StatusPending,
		"公开":       patentbridge.StatusPending,
		"in_force": patentbridge.StatusInForce,
	}
	for in, want := range cases {
		if got, ok := patentbridge.NormalizeLegalStatus(in); !ok || got != want {
			t.Errorf("%q -> %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := patentbridge.NormalizeLegalStatus("???"); ok {
		t.Error("nonsense status recognized")
	}
}
