package ingest

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"patentbridge"
)

// countingStore counts upserted patents without keeping them.
type countingStore struct{ n int }

func (s *countingStore) UpsertPatents(ctx context.Context, ps []*patentbridge.Patent) (patentbridge.UpsertResult, error) {
	s.n += len(ps)
	return patentbridge.UpsertResult{Inserted: len(ps)}, nil
}

// writeExport61 writes rows of the 61-column layout with valid, distinct numbers.
func writeExport61(tb testing.TB, path string, rows int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	w.Write(export61Header)
	for i := range rows {
		digits := fmt.Sprintf("20221%07d", i)
		w.Write(export61Row(tb, map[string]string{
			"序号": fmt.Sprint(i + 1), "申请日": "20221202", "公开日": "20230418", "授权公告日": "20230418",
			"申请人": "河南省科学院应用物理研究所;郑州大学", "申请人类型": "科研机构;大专院校", "发明人": "张伟;李娜;王强",
			"申请号": "CN" + digits + "." + patentbridge.AppNoCheckChar(digits), "专利类型": "发明",
			"专利名称":  "一种锂离子电池极片干燥装置及其控制方法",
			"申请摘要":  "本发明公开了一种锂离子电池极片干燥装置，包括箱体、加热组件和导辊，提高了干燥均匀性和生产效率。",
			"主权项":   "1.一种锂离子电池极片干燥装置，其特征在于，包括箱体(1)、设置在箱体内的加热组件(2)和若干导辊(3)。",
			"申请人地址": "450008 河南省郑州市金水区红专路7号", "法律状态": "有权-审定授权",
			"主分类号": "H01M 4/04", "分类号": "H01M 4/04;H01M 10/0525;F26B 21/00", "国省代码": "河南(41)",
			"法律事件": "2022-12-02 申请;2023-04-18 授权;2023-09-15 专利申请权、专利权的转移",
			"引证数":  "2", "简单同族数量": "1", "转让日期": "20230915", "失效日期": "0", "审查员": "赵敏",
		}))
	}
	w.Flush()
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// BenchmarkImportCSV measures parse and conversion throughput of the 61-column
// layout against a store that does nothing.
func BenchmarkImportCSV(b *testing.B) {
	const rows = 20000
	path := filepath.Join(b.TempDir(), "bench.csv")
	writeExport61(b, path, rows)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		store := &countingStore{}
		sum, err := NewImporter(store, fakeRegions{}, nil).ImportFiles(context.Background(), []string{path}, patentbridge.ImportOptions{})
		if err != nil || store.n != rows || sum.Rejected != 0 {
			b.Fatalf("imported %d of %d: %+v %v", store.n, rows, sum, err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
