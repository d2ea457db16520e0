package ingest

import (
	"bytes"
	"testing"

	"patentbridge"
)

// A city official's import of another city's enterprise, and a loan already
// registered, are rejected in the template column that holds the party (the
// filing's 企业名称, the loan's 借款企业), so the reject report's column cell
// is filled.
func TestImportRejectsOutOfScopeAndDuplicateNameTheColumn(t *testing.T) {
	db, cli, _ := programmeDB(t)
	u, err := db.CreateUser(cli, patentbridge.NewUser{Username: "mianyang", Name: "绵阳", Role: patentbridge.RoleCity, CityCode: "5107", Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	mianyang := patentbridge.WithUser(cli, u)

	filings := writeCSV(t, "filings1.csv", [][]string{
		{"企业名称", "产品名称", "申请号", "专利来源", "备案日期"},
		{"成都芯动科技有限公司", "锂电池正极材料", appA, "受让", "2025-09-01"},
	})
	var rej bytes.Buffer
	if sum, err := ImportFilings(mianyang, db, []string{filings}, patentbridge.ImportOptions{Rejects: &rej}); err != nil || sum.Rejected != 1 {
		t.Fatalf("filings: %+v %v", sum, err)
	}
	wantRejects(t, &rej, "filings1.csv", [][3]string{{"2", "企业名称", "市（州）管理员只能登记本市（州）的记录"}})

	header := []string{"借款企业", "申请号", "贷款银行", "金额(万元)", "期限(月)", "申请日期"}
	loan := []string{"成都芯动科技有限公司", "2019100000413", "成都银行", "100", "12", "2026-02-10"}
	loans := writeCSV(t, "loans1.csv", [][]string{header, loan})
	rej.Reset()
	if sum, err := ImportLoans(mianyang, db, []string{loans}, patentbridge.ImportOptions{Rejects: &rej}); err != nil || sum.Rejected != 1 {
		t.Fatalf("loans as Mianyang: %+v %v", sum, err)
	}
	wantRejects(t, &rej, "loans1.csv", [][3]string{{"2", "借款企业", "只能登记本市（州）借款企业的贷款"}})

	loans = writeCSV(t, "loans2.csv", [][]string{header, loan, loan})
	rej.Reset()
	if sum, err := ImportLoans(cli, db, []string{loans}, patentbridge.ImportOptions{Rejects: &rej}); err != nil || sum.Inserted != 1 || sum.Rejected != 1 {
		t.Fatalf("loans twice: %+v %v", sum, err)
	}
	wantRejects(t, &rej, "loans2.csv", [][3]string{{"3", "借款企业", "该贷款已登记为贷款"}})
}
