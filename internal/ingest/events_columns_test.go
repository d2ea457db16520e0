package ingest_test

import (
	"context"
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/ingest"
	"patentbridge/internal/sqldb/sqldbtest"
)

// eventRows records the events an import stores, validated as the store
// would on the test clock's day, without a store.
type eventRows []*patentbridge.Event

func (r *eventRows) RecordEventProject(_ context.Context, e *patentbridge.Event) (patentbridge.EventRecorded, error) {
	if err := e.Validate(sqldbtest.Start); err != nil {
		return 0, err
	}
	*r = append(*r, e)
	return patentbridge.EventCreated, nil
}

// caseRows records the cases an import stores, validated, without a store.
type caseRows []*patentbridge.TypicalCase

func (r *caseRows) CreateCase(_ context.Context, c *patentbridge.TypicalCase) error {
	if err := c.Validate(); err != nil {
		return err
	}
	*r = append(*r, c)
	return nil
}

// The event template's header is what the importer reads, its required
// columns are the ones a file cannot lack, and its example row imports as
// the record it shows.
func TestEventTemplateRowsImport(t *testing.T) {
	header, example, required, synonyms := ingest.TemplateRows(ingest.EventColumns)
	if len(header) != 9 || len(example) != 9 || len(required) != 9 || len(synonyms) != 9 || header[0] != "活动名称" || !required[0] || required[7] {
		t.Fatalf("template = %q %v", header, required)
	}
	var got eventRows
	sum, err := ingest.ImportEvents(context.Background(), &got, []string{writeCSV(t, "活动.csv", [][]string{header, example})}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 1 || len(got) != 1 {
		t.Fatalf("example row: %+v, %v", sum, err)
	}
	e := got[0]
	if e.Kind != patentbridge.EventParkVisit || e.City != "5101" || e.Participants != 120 || len(e.Projects) != 1 || e.Projects[0].AppNo != "2021101234567" {
		t.Errorf("example event = %+v %+v", e, e.Projects[0])
	}
	var missing []string
	for i, h := range header {
		if required[i] {
			missing = append(missing, h)
		}
	}
	if _, err := ingest.ImportEvents(context.Background(), &got, []string{writeCSV(t, "缺列.csv", [][]string{header[:1], example[:1]})}, patentbridge.ImportOptions{}); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("a file with only %q of the required %q: %v", header[0], missing, err)
	}
}

// The case template's example row imports as a case naming two deals.
func TestCaseTemplateRowsImport(t *testing.T) {
	header, example, required, _ := ingest.TemplateRows(ingest.CaseColumns)
	if !slices.Equal(header, []string{"标题", "正文", "地区代码", "发布日期", "关联交易编号"}) || required[4] || !required[3] {
		t.Fatalf("template = %q %v", header, required)
	}
	var got caseRows
	sum, err := ingest.ImportCases(context.Background(), &got, []string{writeCSV(t, "案例.csv", [][]string{header, example})}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != 1 || len(got) != 1 {
		t.Fatalf("example row: %+v, %v", sum, err)
	}
	if c := got[0]; c.City != "5101" || !slices.Equal(c.DealIDs, []int64{12, 15}) || patentbridge.FormatDate(c.PublishedOn) != "2026-06-30" {
		t.Errorf("example case = %+v", c)
	}
}
