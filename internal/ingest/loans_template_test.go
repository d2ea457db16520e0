package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The downloadable loan template, its first sheet filled with the examples
// of its 填写说明, imports as one historical loan: the template and the
// importer share one column list.
func TestImportLoansFromTheFilledTemplate(t *testing.T) {
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
	header, example, required, synonyms := TemplateRows(LoanColumns)
	var buf bytes.Buffer
	if err := export.WriteTemplateXLSX(&buf, "质押融资", header, example, required, synonyms, sqldbtest.Start); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]any, len(example))
	for i, v := range example {
		row[i] = v
	}
	if err := f.SetSheetRow("质押融资", "A2", &row); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "质押模板.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var rej bytes.Buffer
	sum, err := ImportLoans(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Read != 1 || sum.Inserted != 1 || sum.Rejected != 0 {
		t.Fatalf("%+v %v\n%s", sum, err, rej.String())
	}
	ls, _, err := db.ListLoans(ctx, patentbridge.LoanFilter{})
	if err != nil || len(ls) != 1 {
		t.Fatalf("loans %v %v", ls, err)
	}
	if l := ls[0]; l.Status != patentbridge.LoanDisbursed || l.AmountFen != 200*patentbridge.FenPerWan || l.RiskPoolID != pool.ID ||
		l.RegistrationNo != "Y2026510000123" || !l.NoSuspension || patentbridge.FormatDate(l.DisbursedOn) != "2026-03-10" {
		t.Errorf("loan %+v", l)
	}
}
