package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"patentbridge"
)

// fakeEnterprises is an in-memory EnterpriseUpserter counting like the real store.
type fakeEnterprises struct {
	mu      sync.Mutex
	byCode  map[string]patentbridge.Enterprise
	batches int
}

func (s *fakeEnterprises) UpsertEnterprises(ctx context.Context, es []*patentbridge.Enterprise) (patentbridge.UpsertResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byCode == nil {
		s.byCode = map[string]patentbridge.Enterprise{}
	}
	var res patentbridge.UpsertResult
	for _, e := range es {
		old, ok := s.byCode[e.CreditCode]
		switch {
		case !ok:
			res.Inserted++
		case reflect.DeepEqual(old, *e):
			res.Unchanged++
		default:
			res.Updated++
		}
		s.byCode[e.CreditCode] = *e
	}
	s.batches++
	return res, nil
}

// The two valid codes are the worked example of GB 32100-2015 and a public institution's code.
const (
	codeA = "91350100M000100Y43"
	codeB = "12100000400000624D"
)

var registryHeader = []string{"企业名称", "统一社会信用代码", "经营范围", "行业", "地区代码", "是否中小微企业", "所属园区"}

func TestImportEnterprisesGBKCSVWithRejects(t *testing.T) {
	records := [][]string{
		registryHeader,
		{"成都锂能新材料有限公司", codeA, "锂离子电池正极材料的研发、生产、销售；技术转让。", "先进材料", "510116", "是", "成都高新区"},
		{"校验位错误的公司", "91350100M000100Y44", "软件开发", "电子信息", "510107", "否", "天府软件园"},
		{"中国测试研究院", strings.ToLower(codeB), "检验检测服务；计量技术开发。", "科学研究", "5101", "N", "成都高新区"},
		{"", "91510100MA6C1234X", "食品生产", "食品饮料", "51A", "也许", ""},
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(records)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	path := MustWriteFile(t, t.TempDir(), "企业名录.csv", gbk)
	store := &fakeEnterprises{}
	var rej bytes.Buffer
	var progress []int
	sum, err := ImportEnterprises(context.Background(), store, []string{path}, patentbridge.ImportOptions{Rejects: &rej,
		Progress: func(read int, f float64) { progress = append(progress, read) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 1 || sum.Read != 4 || sum.Inserted != 2 || sum.Rejected != 2 {
		t.Errorf("summary = %+v", sum)
	}
	if len(progress) == 0 || progress[len(progress)-1] != 4 {
		t.Errorf("progress = %v", progress)
	}
	a := store.byCode[codeA]
	if a.Name != "成都锂能新材料有限公司" || !a.SME || a.Park != "成都高新区" || a.RegionCode != "510116" || a.Industry != "先进材料" ||
		!strings.Contains(a.Scope, "正极材料") {
		t.Errorf("enterprise A = %+v", a)
	}
	if b, ok := store.byCode[codeB]; !ok || b.SME || b.RegionCode != "5101" {
		t.Errorf("lower-case code not normalized or fields wrong: %+v", store.byCode)
	}
	got, err := csv.NewReader(&rej).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"文件", "行", "列", "值", "原因"},
		{"企业名录.csv", "3", "统一社会信用代码", "91350100M000100Y44", "校验位错误"},
		{"企业名录.csv", "5", "企业名称", "", "缺少企业名称"},
		{"企业名录.csv", "5", "统一社会信用代码", "91510100MA6C1234X", "应为18位"},
		{"企业名录.csv", "5", "地区代码", "51A", "行政区划代码"},
		{"企业名录.csv", "5", "是否中小微企业", "也许", "“是”或“否”"},
	}
	if len(got) != len(want) {
		t.Fatalf("rejects CSV =\n%s", rej.String())
	}
	for i := range want {
		g, w := got[i], want[i]
		if g[0] != w[0] || g[1] != w[1] || g[2] != w[2] || g[3] != w[3] || !strings.Contains(g[4], w[4]) {
			t.Errorf("reject line %d = %q, want %q", i, g, w)
		}
	}

	// Importing the same registry again changes nothing.
	sum, err = ImportEnterprises(context.Background(), store, []string{path}, patentbridge.ImportOptions{})
	if err != nil || sum.Unchanged != 2 || sum.Inserted != 0 {
		t.Errorf("re-import = %+v, %v", sum, err)
	}
}

func TestImportEnterprisesXLSXAndRefusedFiles(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{toAny(registryHeader)}
	for i := 0; i < DefaultBatchSize+5; i++ {
		rows = append(rows, []any{fmt.Sprintf("园区企业%d", i), codeFor(i), "技术开发", "电子信息", "510107", 1, "天府软件园"})
	}
	xlsx := filepath.Join(dir, "registry.xlsx")
	MustSheet(t, xlsx, rows)
	store := &fakeEnterprises{}
	sum, err := ImportEnterprises(context.Background(), store, []string{xlsx}, patentbridge.ImportOptions{})
	if err != nil || sum.Inserted != DefaultBatchSize+5 || sum.Rejected != 0 || store.batches != 2 {
		t.Fatalf("XLSX import = %+v, %v, %d batches", sum, err, store.batches)
	}
	if e := store.byCode[codeFor(7)]; e.Name != "园区企业7" || !e.SME {
		t.Errorf("row 7 = %+v", e)
	}
	// A file without a credit-code column is refused before anything is written.
	noCode := MustWriteFile(t, dir, "names.csv", []byte("企业名称,经营范围\n某公司,软件开发\n"))
	store = &fakeEnterprises{}
	_, err = ImportEnterprises(context.Background(), store, []string{xlsx, noCode}, patentbridge.ImportOptions{})
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "统一社会信用代码") || store.batches != 0 {
		t.Errorf("file without 统一社会信用代码: %v, %d batches written", err, store.batches)
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// codeFor returns a valid credit code with serial i in its body.
func codeFor(i int) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	body := fmt.Sprintf("91510100MA%07d", i)
	sum := 0
	for k := 0; k < 17; k++ {
		sum += strings.IndexByte(chars, body[k]) * weights[k]
	}
	return body + string(chars[(31-sum%31)%31])
}
