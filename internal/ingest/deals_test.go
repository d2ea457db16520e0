package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
)

// fakeDeals is an in-memory DealRecorder that validates and merges like the store.
type fakeDeals struct {
	mu      sync.Mutex
	deals   []*patentbridge.Deal
	sources map[int64][]patentbridge.DealSource
}

func (s *fakeDeals) RecordDeal(ctx context.Context, d *patentbridge.Deal, src patentbridge.DealSource) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := d.Validate(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); err != nil {
		return false, err
	}
	if s.sources == nil {
		s.sources = map[int64][]patentbridge.DealSource{}
	}
	for _, o := range s.deals {
		if d.SameAs(o) {
			s.sources[o.ID] = append(s.sources[o.ID], src)
			*d = *o
			return true, nil
		}
	}
	d.ID = int64(len(s.deals) + 1)
	s.deals = append(s.deals, d)
	s.sources[d.ID] = append(s.sources[d.ID], src)
	return false, nil
}

// A deal file: good rows are stored with their file line as source, a row of
// a deal already typed on the form merges into it (unchanged), bad rows are
// rejected naming file, line, column and a Chinese reason.
func TestImportDealsStoresMergesAndRejects(t *testing.T) {
	store := &fakeDeals{}
	typed := &patentbridge.Deal{AppNo: "2022232206652", Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
		ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := store.RecordDeal(context.Background(), typed, patentbridge.DealSource{Source: patentbridge.DealFromForm}); err != nil {
		t.Fatal(err)
	}
	csvData := MustCSV(t, ',',
		[]string{"专利号", "交易类型", "转让方", "让与方类型", "受让人", "受让方统一社会信用代码", "受让方类型", "是否中小微企业", "受让方地区代码", "金额（万元）", "签订日期", "合同备案号"},
		[]string{"2021109876548", "独占许可", "西南交通大学", "大专院校", "成都锂能新材料有限公司", codeA, "企业", "是", "510116", "12.5", "2026-06-30", "X2026510000001"},
		[]string{"CN202223220665.2", "转让", "四川大学", "", "成都芯动科技有限公司", "", "", "", "", "", "2026/3/1", ""},
		[]string{"2021109876548", "赠与", "西南交通大学", "大专院校", "成都锂能新材料有限公司", "", "企业", "也许", "", "十万", "2026-06-30", ""},
		[]string{"2021109876548", "普通许可", "西南交通大学", "大专院校", "成都锂能新材料有限公司", "", "企业", "", "51011", "1", "2027-01-01", ""},
		[]string{"2021109876549", "普通许可", "西南交通大学", "大专院校", "绵阳某装备有限公司", "", "企业", "", "", "1", "2026-01-01", ""},
	)
	path := MustWriteFile(t, t.TempDir(), "交易2026.csv", csvData)
	var rej bytes.Buffer
	sum, err := ImportDeals(context.Background(), store, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 5 || sum.Inserted != 1 || sum.Unchanged != 1 || sum.Rejected != 3 {
		t.Errorf("summary %+v", sum)
	}
	if len(store.deals) != 2 {
		t.Fatalf("%d deals stored", len(store.deals))
	}
	d := store.deals[1]
	if d.Kind != patentbridge.DealExclusive || d.FromName != "西南交通大学" || d.ToCreditCode != codeA || d.ToSME == nil || !*d.ToSME ||
		d.AmountFen != 12_500_000 || patentbridge.FormatDate(d.ContractDate) != "2026-06-30" || d.RecordationNo != "X2026510000001" ||
		d.Source != patentbridge.DealFromImport {
		t.Errorf("stored deal %+v", d)
	}
	if src := store.sources[d.ID]; len(src) != 1 || src[0].File != "交易2026.csv" || src[0].Line != 2 {
		t.Errorf("its source %+v", src)
	}
	if src := store.sources[typed.ID]; len(src) != 2 || src[1].Source != patentbridge.DealFromImport || src[1].Line != 3 {
		t.Errorf("the typed deal's sources %+v", src)
	}
	got := MustParseRejects(t, rej.Bytes())
	want := []struct {
		line           int
		column, reason string
	}{
		{4, "交易类型", "交易类型应为"},
		{4, "是否中小微企业", "“是”或“否”"},
		{4, "金额（万元）", "万元"},
		{5, "受让方地区代码", "应为6位区县代码"},
		{6, "专利号", "无效"}, // named as the file heads it
	}
	if len(got) != len(want) {
		t.Fatalf("rejects:\n%s", rej.String())
	}
	for i, w := range want {
		g := got[i]
		if g.File != "交易2026.csv" || g.Line != w.line || g.Column != w.column || !strings.Contains(g.Reason, w.reason) {
			t.Errorf("reject %d = %+v, want %+v", i, g, w)
		}
	}
	// The same file again: every good row merges, nothing new.
	sum, err = ImportDeals(context.Background(), store, []string{path}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 0 || sum.Unchanged != 2 || len(store.deals) != 2 {
		t.Errorf("re-import %+v %v", sum, err)
	}
}

// The downloadable template, filled in Excel (its first sheet), imports: the
// template and the importer share one column list.
func TestImportDealsFromTheFilledTemplate(t *testing.T) {
	header, example, required, synonyms := TemplateRows(DealColumns)
	var buf bytes.Buffer
	if err := export.WriteTemplateXLSX(&buf, "转移转化", header, example, required, synonyms, time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("转移转化", "A2", &[]any{"2021109876548", "独占许可", "四川大学", "大专院校", "成都芯动科技有限公司", codeA, "企业", "是", "510107", "20", "2026-06-30", "2026510000123"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "交易模板.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	store := &fakeDeals{}
	var rej bytes.Buffer
	sum, err := ImportDeals(context.Background(), store, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil || sum.Read != 1 || sum.Inserted != 1 || sum.Rejected != 0 {
		t.Fatalf("%+v %v\n%s", sum, err, rej.String())
	}
	if d := store.deals[0]; d.Kind != patentbridge.DealExclusive || d.AmountFen != 20*patentbridge.FenPerWan || d.ToRegionCode != "510107" || d.RecordationNo != "2026510000123" {
		t.Errorf("deal %+v", d)
	}
}
