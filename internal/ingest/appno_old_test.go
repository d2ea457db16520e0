package ingest

import (
	"testing"

	"patentbridge"
)

// TestImportOldEightDigitAppNos imports the shape of a real 6-column export
// (专利名称, 申请号, 申请人, 申请日, 主分类号, 摘要) whose 1985–1988 numbers come
// as 8 digits without their check character: they land with a computed one,
// flagged on the patent and counted in the summary, while a wrong check
// character the source did give still rejects the row.
func TestImportOldEightDigitAppNos(t *testing.T) {
	content := "专利名称,申请号,申请人,申请日,主分类号,摘要\n" + // line 1
		"一种白酒固态发酵方法,CN85102475,四川省食品发酵工业研究设计院,19850401,C12G3/02,本发明涉及白酒固态发酵。\n" + // 2
		"一种猕猴桃果汁的澄清方法,86100123,四川农业大学,1986-03-12,A23L2/72,本发明涉及猕猴桃果汁。\n" + // 3
		"竹材弯曲成型装置,87 2 01234.,成都竹制品厂,19870915,B27H1/00,本实用新型涉及竹材加工。\n" + // 4
		"一种茶叶杀青机,CN88100001.9,四川省农业科学院茶叶研究所,19880105,A23F3/06,带校验位的旧申请号。\n" + // 5
		"一种酿酒用曲块,CN85102475.3,某酒厂,19850402,C12G3/02,校验位写错。\n" + // 6
		"一种锂离子电池极片干燥装置,CN202223220665.2,河南省科学院应用物理研究所,20221202,H01M4/04,新申请号。\n" + // 7
		"八位但年份不对,20221234,某公司,20221202,G06F16/35,x\n" // 8
	path := MustWriteFile(t, t.TempDir(), "省专利导出.csv", []byte(content))
	store := newFakeStore(t)
	sum, rejects := MustImport(t, NewImporter(store, nil, nil), path)
	if sum.Read != 7 || sum.Inserted != 5 || sum.Rejected != 2 || sum.CheckComputed != 3 {
		t.Errorf("summary %+v, want 7 read, 5 inserted, 2 rejected, 3 check characters computed", sum)
	}
	// Check characters worked by hand: weights 2..9 on the 8 digits, sum mod 11.
	for _, c := range []struct {
		no       string
		kind     patentbridge.Kind
		computed bool
		title    string
	}{
		{"851024750", patentbridge.KindInvention, true, "一种白酒固态发酵方法"},   // 16+15+4+0+12+28+56+45 = 176 = 16×11
		{"861001230", patentbridge.KindInvention, true, "一种猕猴桃果汁的澄清方法"}, // 16+18+4+0+0+7+16+27 = 88 = 8×11
		{"872012344", patentbridge.KindUtility, true, "竹材弯曲成型装置"},       // 16+21+8+0+6+14+24+36 = 125, mod 11 = 4
		{"881000019", patentbridge.KindInvention, false, "一种茶叶杀青机"},     // given by the source
		{"2022232206652", patentbridge.KindUtility, false, "一种锂离子电池极片干燥装置"},
	} {
		p := store.MustPatent(t, c.no)
		if p.Kind != c.kind || p.AppNoCheckComputed != c.computed || p.Title != c.title {
			t.Errorf("%s: kind %s, check computed %v, title %q; want %s, %v, %q", c.no, p.Kind, p.AppNoCheckComputed, p.Title, c.kind, c.computed, c.title)
		}
	}
	if p := store.MustPatent(t, "851024750"); p.MainIPC != "C12G3/02" || p.Abstract == "" || len(p.Applicants) != 1 || p.AppDate.Year() != 1985 {
		t.Errorf("6-column row read as %+v", p)
	}
	want := []patentbridge.Reject{
		{File: "省专利导出.csv", Line: 6, Column: "申请号", Value: "CN85102475.3", Reason: `申请号 "CN85102475.3" 校验位错误：应为 0，实际为 3`},
		{File: "省专利导出.csv", Line: 8, Column: "申请号", Value: "20221234", Reason: `申请号 "20221234" 只有8位数字，但年份 20 不在1985–2003年：此后的申请号为12位数字加1位校验位，请核对是否缺了数字`},
	}
	if len(rejects) != len(want) {
		t.Fatalf("rejects:\n%+v\nwant\n%+v", rejects, want)
	}
	for i := range want {
		if rejects[i] != want[i] {
			t.Errorf("reject %d = %+v\nwant        %+v", i, rejects[i], want[i])
		}
	}
}
