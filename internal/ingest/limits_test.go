package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/ingest/ingesttest"
)

// Every over-long value of a patent export (CSV or XLSX) rejects its row, naming
// the line, the column and the limit, while the row at every limit and the
// ordinary row land whole; the report shows the start of a rejected value, never
// all of it.
func TestOverlongFieldsAreRejectedRows(t *testing.T) {
	for _, format := range []struct {
		name  string
		write func(testing.TB, string) ([]string, []ingesttest.Overlong)
	}{{"超长.csv", ingesttest.MustWriteOverlongCSV}, {"超长.xlsx", ingesttest.MustWriteOverlongXLSX}} {
		t.Run(format.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), format.name)
			good, rejected := format.write(t, path)
			store := newFakeStore(t)
			sum, rejects := MustImport(t, NewImporter(store, nil, nil), path)
			if sum.Read != len(good)+len(rejected) || sum.Inserted != len(good) || sum.Rejected != len(rejected) {
				t.Fatalf("summary %+v; want %d landed and %d rejected", sum, len(good), len(rejected))
			}
			ingesttest.MustMatchRejects(t, format.name, rejects, rejected)
			p := store.MustPatent(t, good[0])
			if n := utf8.RuneCountInString(p.Title); n != patentbridge.MaxTitle {
				t.Errorf("title at the limit stored with %d characters, want %d", n, patentbridge.MaxTitle)
			}
			if n := utf8.RuneCountInString(p.FirstClaim); n != patentbridge.MaxLongText || len(p.Extra) != patentbridge.MaxExtraColumns {
				t.Errorf("row at the limits: first claim %d characters, %d extra columns", n, len(p.Extra))
			}
			store.MustPatent(t, good[1])
		})
	}
}

// The registries reject a value over its limit, naming the column; the other
// rows land.
func TestRegistryValuesOverTheirLimit(t *testing.T) {
	long := func(n int) string { return strings.Repeat("川", n) }
	t.Run("enterprise registry", func(t *testing.T) {
		path := MustWriteFile(t, t.TempDir(), "名录.csv", MustCSV(t, ',', registryHeader,
			[]string{"成都锂能新材料有限公司", codeA, long(patentbridge.MaxBusinessScope), "先进材料", "510116", "是", "成都高新区"},
			[]string{"成都某某有限公司", codeB, long(patentbridge.MaxBusinessScope + 1), "", "", "", ""},
			[]string{long(patentbridge.MaxName+1) + "公司", codeB, "", "", "", "", long(patentbridge.MaxName + 1)},
		))
		store := &fakeEnterprises{}
		var rej bytes.Buffer
		sum, err := ImportEnterprises(context.Background(), store, []string{path}, patentbridge.ImportOptions{Rejects: &rej})
		if err != nil || sum.Inserted != 1 || sum.Rejected != 2 {
			t.Fatalf("summary %+v %v; want 1 landed, 2 rejected", sum, err)
		}
		rejects := MustParseRejects(t, rej.Bytes())
		for i, w := range []struct {
			line   int
			column string
		}{{3, "经营范围"}, {4, "企业名称"}, {4, "所属园区"}} {
			if r := rejects[i]; r.Line != w.line || r.Column != w.column || !strings.Contains(r.Reason, "过长") {
				t.Errorf("reject %d = %+v; want line %d column %s too long", i, r, w.line, w.column)
			}
		}
	})
	t.Run("SOE list", func(t *testing.T) {
		path := MustWriteFile(t, t.TempDir(), "soe.csv", MustCSV(t, ',', []string{"单位名称", "所属市(州)"},
			[]string{"四川省能源投资集团有限责任公司", "成都市"},
			[]string{long(patentbridge.MaxName+1) + "集团", "成都市"},
		))
		store := &fakeOrgs{}
		var rej bytes.Buffer
		sum, err := ImportOrganizations(context.Background(), store, []string{path}, "soe", patentbridge.ImportOptions{Rejects: &rej})
		if err != nil || sum.Inserted != 1 || sum.Rejected != 1 {
			t.Fatalf("summary %+v %v; want 1 landed, 1 rejected", sum, err)
		}
		if r := MustParseRejects(t, rej.Bytes()); r[0].Line != 3 || r[0].Column != "单位名称" || !strings.Contains(r[0].Reason, "导入上限为 200 个字符") {
			t.Errorf("reject = %+v", r[0])
		}
	})
	t.Run("demands", func(t *testing.T) {
		now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		path := MustWriteFile(t, t.TempDir(), "需求.csv", MustCSV(t, ',', []string{"需求名称", "需求描述", "需求单位"},
			[]string{"锂电池极片干燥", "需要一种能耗更低的锂电池极片干燥工艺。", "成都锂能新材料有限公司"},
			[]string{"锂电池极片干燥", long(patentbridge.DemandDescriptionMax + 1), "成都锂能新材料有限公司"},
		))
		ds, rejects, err := ReadDemands(path, now)
		if err != nil || len(ds) != 1 || len(rejects) != 1 {
			t.Fatalf("%d demands, rejects %+v, %v", len(ds), rejects, err)
		}
		if r := rejects[0]; r.Line != 3 || r.Column != "需求描述" || utf8.RuneCountInString(r.Value) > 200 {
			t.Errorf("reject = line %d column %q value of %d characters", r.Line, r.Column, utf8.RuneCountInString(r.Value))
		}
	})
}

// A batch of rows near the limits is written once it holds maxBatchText bytes
// of text, long before it holds BatchSize rows.
func TestBatchIsBoundedByText(t *testing.T) {
	b := newBatch(DefaultBatchSize)
	big := strings.Repeat("y", patentbridge.MaxLongText)
	n := 0
	for full := false; !full; n++ {
		full = b.add(&patentbridge.Patent{AppNo: ingesttest.AppNo(n), Abstract: big, FirstClaim: big, Extra: map[string]string{"附加列": big}})
	}
	if want := maxBatchText/(3*patentbridge.MaxLongText) + 1; n != want {
		t.Errorf("batch full after %d patents of %d bytes each, want %d", n, 3*patentbridge.MaxLongText, want)
	}
	b.reset()
	if b.add(&patentbridge.Patent{AppNo: ingesttest.AppNo(1), Abstract: big}) {
		t.Error("a reset batch is full after one patent")
	}
}

// A CSV or JSON record too large to be a row (a 20 MB cell) stops the import with a Chinese message naming the file and where,
// instead of being read whole.
func TestRecordOverTheLimitStopsTheImport(t *testing.T) {
	giant := strings.Repeat("专", 7<<20) // 21 MB of UTF-8
	for _, c := range []struct{ name, content, where string }{
		{"巨大.csv", "申请号,专利名称\n" + ingesttest.AppNo(1) + ",好\n" + ingesttest.AppNo(2) + "," + giant + "\n", "第 2 行之后的一条记录"},
		{"巨大.jsonl", `{"申请号":"` + ingesttest.AppNo(1) + `"}` + "\n" + `{"申请号":"` + ingesttest.AppNo(2) + `","专利名称":"` + giant + `"}` + "\n", "第 1 行之后的一条记录"},
		{"巨大.json", `[{"申请号":"` + ingesttest.AppNo(1) + `"},{"专利名称":"` + giant + `"}]`, "的 JSON 数组第 2 个元素"},
		{"表头.csv", "申请号," + giant + "\n", "开头的一条记录"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := MustWriteFile(t, t.TempDir(), c.name, []byte(c.content))
			_, err := NewImporter(newFakeStore(t), nil, nil).ImportFiles(context.Background(), []string{path}, patentbridge.ImportOptions{})
			want := "文件 " + c.name + " " + c.where + "超过 16 MB"
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), want) {
				t.Errorf("import: %v; want %q", err, want)
			}
		})
	}
}
