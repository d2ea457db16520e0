package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestWanToFen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fen  int64
		fail bool
	}{
		{"200", 200_000_000, false},
		{"200.5", 200_500_000, false},
		{"100.000001", 100_000_001, false}, // 1,000,000.01 元
		{"1,200万元", 1_200_000_000, false},
		{".5", 500_000, false},
		{"", 0, false},
		{"0.0000001", 0, true},
		{"-5", 0, true},
		{"abc", 0, true},
		{"1e3", 0, true},
		{"99999999999", 0, true},
	} {
		fen, reason := WanToFen(tc.in)
		if fen != tc.fen || (reason != "") != tc.fail {
			t.Errorf("WanToFen(%q) = %d %q", tc.in, fen, reason)
		}
	}
}

// A loan amount too large is refused as too large, with the limit, and a too
// precise one as too precise.
func TestWanToFenSaysWhatIsWrong(t *testing.T) {
	for in, want := range map[string]string{
		"99999999999999万元": "过大：最多 999999999.999999 万元",
		"0.0000001":        "最多六位小数",
		"-5":               "不能为负数",
		"abc":              "不是数字",
	} {
		if _, reason := WanToFen(in); !strings.Contains(reason, want) {
			t.Errorf("WanToFen(%q) reason %q, want %q in it", in, reason, want)
		}
	}
}

// A loan workbook lands row by row through the real store: an application
// pledging two patents, a historical loan disbursed in 2025 under a pool, and
// rejects naming their column (an unknown borrower, a bad amount, a disbursed
// loan without its registration number, a compensated loan, a bad
// application number).
func TestImportLoansStoresRowsAndReportsRejects(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = func() time.Time { return sqldbtest.Start }
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	if err := db.CreateOrganization(ctx, &patentbridge.Organization{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise,
		CityCode: "5101", CreditCode: codeA}); err != nil {
		t.Fatal(err)
	}
	pool := &patentbridge.RiskPool{Name: "成都市知识产权质押融资风险补偿资金池", City: "5101", BalanceFen: 1000_000_000, Leverage: 10,
		InsurerShare: 3, BankShare: 2, GovShare: 5}
	if err := db.CreateRiskPool(ctx, pool); err != nil {
		t.Fatal(err)
	}
	header := []string{"借款企业", "借款企业统一社会信用代码", "申请号", "贷款银行", "金额（万元）", "期限(月)", "评估方法", "评估价值(万元)",
		"评估机构", "保险或担保机构", "保障比例(%)", "质押登记号", "状态", "申请日期", "放款日期", "风险补偿资金池"}
	rows := [][]string{header,
		{"成都芯动科技有限公司", "", "2019100000413；CN201910000042.8", "成都银行", "100.000001", "12", "收益法", "300", "四川天府资产评估有限公司",
			"人保财险四川分公司", "30", "", "", "2026-02-10", "", ""},
		{"芯动科技", codeA, "2019100000413", "中国银行成都分行", "500", "24", "市场法", "800", "四川天府资产评估有限公司",
			"", "", "Y2025510000077", "已放款", "2025-03-01", "2025-04-15", "成都市知识产权质押融资风险补偿资金池"},
		{"不存在的公司", "", "2019100000413", "成都银行", "50", "12", "", "", "", "", "", "", "", "2026-01-05", "", ""},
		{"成都芯动科技有限公司", "", "2019100000413", "成都银行", "五十", "12", "", "", "", "", "", "", "", "2026-01-05", "", ""},
		{"成都芯动科技有限公司", "", "2019100000413", "成都银行", "60", "12", "", "", "", "", "", "", "已放款", "2025-01-05", "2025-02-01", ""},
		{"成都芯动科技有限公司", "", "2019100000413", "成都银行", "70", "12", "", "", "", "", "", "Y1", "已代偿", "2025-01-05", "2025-02-01", ""},
		{"成都芯动科技有限公司", "", "123", "成都银行", "80", "12", "", "", "", "", "", "", "", "2026-01-05", "", ""},
	}
	path := MustWriteFile(t, t.TempDir(), "质押融资台账.csv", MustCSV(t, ',', rows...))
	var rej bytes.Buffer
	sum, err := ImportLoans(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 7 || sum.Inserted != 2 || sum.Rejected != 5 {
		t.Fatalf("summary %+v\n%s", sum, rej.String())
	}
	ls, total, err := db.ListLoans(ctx, patentbridge.LoanFilter{})
	if err != nil || total != 2 {
		t.Fatalf("%d loans: %v", total, err)
	}
	hist, app := ls[1], ls[0] // latest application first
	if app.Status != patentbridge.LoanApplied || app.AmountFen != 100_000_001 || len(app.AppNos) != 2 || app.CoverPercent != 30 ||
		app.ValuationFen != 300_000_000 || app.City != "5101" || app.Source != patentbridge.LoanFromImport {
		t.Errorf("application %+v", app)
	}
	if hist.Status != patentbridge.LoanDisbursed || hist.BorrowerName != "成都芯动科技有限公司" || hist.RiskPoolID != pool.ID ||
		patentbridge.FormatDate(hist.DisbursedOn) != "2025-04-15" || hist.RegistrationNo != "Y2025510000077" {
		t.Errorf("historical loan %+v", hist)
	}
	if n, _, _ := db.ListLoans(ctx, patentbridge.LoanFilter{Year: 2025}); len(n) != 1 {
		t.Errorf("loans disbursed in 2025: %d", len(n))
	}
	recs, err := csv.NewReader(&rej).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ line, column, reason string }{
		{"4", "借款企业", "单位名录中没有借款企业“不存在的公司”"},
		{"5", "金额（万元）", "金额 \"五十\" 不是数字"},
		{"6", "质押登记号", "须填写质押登记号"},
		{"7", "状态", "已代偿的贷款不能导入"},
		{"8", "申请号", "申请号 \"123\" 无效"},
	}
	if len(recs) != len(want)+1 {
		t.Fatalf("rejects:\n%s", rej.String())
	}
	for i, w := range want {
		r := recs[i+1]
		if r[0] != "质押融资台账.csv" || r[1] != w.line || r[2] != w.column || !strings.Contains(r[4], w.reason) {
			t.Errorf("reject %d = %v, want %v", i, r, w)
		}
	}
}
