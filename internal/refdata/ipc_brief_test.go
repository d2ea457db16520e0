package refdata

import "testing"

func TestBriefIPCTitleDropsTheSchemeNotes(t *testing.T) {
	d := Default()
	for code, want := range map[string]string{
		"C12M": "酶学或微生物学装置",
		"G05B": "一般的控制或调节系统；这种系统的功能单元；用于这种系统或单元的监视或测试装置",
		"H05B": "电热；其他类目不包含的电照明光源；一般的用于电照明光源的电路",
		"G06Q": "专门适用于行政、商业、金融、管理或监督目的的信息和通信技术；其他类目不包含的专门适用于行政、商业、金融、管理或监督目的的系统或方法",
		"H01M": "用于直接转变化学能为电能的方法或装置，例如电池组",
	} {
		if got := BriefIPCTitle(d.IPCTitle(code)); got != want {
			t.Errorf("%s: %q, want %q (from %q)", code, got, want, d.IPCTitle(code))
		}
	}
	if got := BriefIPCTitle("甲（乙（丙）丁）戊"); got != "甲戊" {
		t.Errorf("nested notes: %q", got)
	}
}
