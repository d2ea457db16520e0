package gen

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// MustGenerate returns the CSV of n rows for a seed.
func MustGenerate(tb testing.TB, n int, seed int64) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, n, seed, refdata.Default()); err != nil {
		tb.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// MustRows parses generated CSV into header-keyed rows, checking the column count.
func MustRows(tb testing.TB, data []byte) []map[string]string {
	tb.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	if !slices.Equal(header, Columns()) || len(header) != 61 {
		tb.Fatalf("header has %d columns: %v", len(header), header)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			tb.Fatalf("row %d: %v", len(rows)+1, err)
		}
		m := make(map[string]string, len(rec))
		for i, h := range header {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := MustGenerate(t, 500, 42), MustGenerate(t, 500, 42)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different output")
	}
	if bytes.Equal(a, MustGenerate(t, 500, 43)) {
		t.Fatal("different seeds gave the same output")
	}
	if bytes.HasPrefix(a, []byte("\xef\xbb\xbf")) {
		t.Error("output starts with a BOM")
	}
}

func TestRecordsAreValid(t *testing.T) {
	rows := MustRows(t, MustGenerate(t, 2000, 7))
	if len(rows) != 2000 {
		t.Fatalf("%d rows, want 2000", len(rows))
	}
	seen := map[string]bool{}
	for i, r := range rows {
		no, kind, err := patentbridge.NormalizeAppNo(r["申请号"])
		if err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
		if seen[no] {
			t.Fatalf("row %d: duplicate 申请号 %s", i+1, no)
		}
		seen[no] = true
		label, _ := patentbridge.ParseKind(r["专利类型"])
		if label.IsInvention() != kind.IsInvention() || (kind == patentbridge.KindDesign) != (label == patentbridge.KindDesign) {
			t.Errorf("row %d: 专利类型 %s does not match 申请号 kind %s", i+1, r["专利类型"], kind)
		}
		if _, ok := patentbridge.NormalizeLegalStatus(r["法律状态"]); !ok {
			t.Errorf("row %d: 法律状态 %q not recognized", i+1, r["法律状态"])
		}
		if r["序号"] != strconv.Itoa(i+1) || r["专利名称"] == "" || r["申请人"] == "" || r["申请摘要"] == "" {
			t.Errorf("row %d: missing basic fields", i+1)
		}
		if !strings.HasPrefix(r["发明人"], r["第一发明人"]) || !strings.HasPrefix(r["申请人"], r["第一权利人"]) {
			t.Errorf("row %d: first inventor/owner inconsistent", i+1)
		}
		app, pub, grant := r["申请日"], r["公开日"], r["授权公告日"]
		if pub < app || (grant != "0" && grant < app) || pub > "20251231" {
			t.Errorf("row %d: dates out of order: %s %s %s", i+1, app, pub, grant)
		}
		if (grant != "0") != (r["授权公告号"] != "") {
			t.Errorf("row %d: 授权公告日 %s vs 授权公告号 %q", i+1, grant, r["授权公告号"])
		}
		if strings.HasPrefix(r["法律状态"], "无权") && r["失效日期"] == "0" {
			t.Errorf("row %d: %s without 失效日期", i+1, r["法律状态"])
		}
	}
}

func TestEventsMatchCounts(t *testing.T) {
	rows := MustRows(t, MustGenerate(t, 5000, 3))
	checks := []struct{ count, dates, event string }{
		{"专利转移次数", "转让日期", "专利申请权、专利权的转移"},
		{"许可次数", "许可日期", "专利实施许可合同备案的生效"},
		{"质押次数", "质押日期", "专利权质押合同登记的生效"},
	}
	withDeals := 0
	for i, r := range rows {
		for _, c := range checks {
			n, err := strconv.Atoi(r[c.count])
			if err != nil {
				t.Fatalf("row %d: %s = %q", i+1, c.count, r[c.count])
			}
			dates := 0
			if r[c.dates] != "0" {
				dates = len(strings.Split(r[c.dates], ";"))
			}
			if events := strings.Count(r["法律事件"], c.event); n != dates || n != events {
				t.Errorf("row %d: %s=%d but %d dates in %s and %d events", i+1, c.count, n, dates, c.dates, events)
			}
			if n > 0 {
				withDeals++
			}
		}
		if r["专利转移次数"] != "0" && r["当前权利人"] == r["申请人"] {
			t.Errorf("row %d: transferred but 当前权利人 unchanged", i+1)
		}
	}
	if withDeals == 0 {
		t.Error("no row has any transfer, licence or pledge")
	}
}

func TestCalibration(t *testing.T) {
	rows := MustRows(t, MustGenerate(t, 20000, 11))
	kinds := map[string]int{}
	var uniGranted, uniDeals, entGranted, entDeals, sichuan, resolved int
	d := refdata.Default()
	for _, r := range rows {
		kinds[r["专利类型"]]++
		owner := patentbridge.ClassifyParty(r["第一权利人"], "")
		dealt := r["专利转移次数"] != "0" || r["许可次数"] != "0"
		if r["专利类型"] == "发明" && r["授权公告日"] != "0" {
			switch owner {
			case patentbridge.PartyUniversity:
				uniGranted++
				if dealt {
					uniDeals++
				}
			case patentbridge.PartyEnterprise:
				entGranted++
				if dealt {
					entDeals++
				}
			}
		}
		if r["国省代码"] == "四川(51)" {
			sichuan++
			if reg, ok := d.RegionFromAddress(r["申请人地址"]); ok && reg.ProvinceCode == "51" {
				resolved++
			}
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(of) }
	if s := share(uniDeals, uniGranted); s < 0.02 || s > 0.07 {
		t.Errorf("university granted inventions transferred or licensed: %.3f, want about 0.039", s)
	}
	if share(entDeals, entGranted) < 2*share(uniDeals, uniGranted) {
		t.Errorf("enterprises (%d/%d) should trade far more than universities (%d/%d)", entDeals, entGranted, uniDeals, uniGranted)
	}
	n := float64(len(rows))
	for label, want := range map[string][2]float64{"发明": {0.40, 0.60}, "实用新型": {0.33, 0.50}, "外观设计": {0.04, 0.14}} {
		if s := float64(kinds[label]) / n; s < want[0] || s > want[1] {
			t.Errorf("%s share %.3f, want %.2f–%.2f", label, s, want[0], want[1])
		}
	}
	if s := share(sichuan, len(rows)); s < 0.9 || s > 0.99 {
		t.Errorf("Sichuan applicants %.3f, want most but not all", s)
	}
	if resolved < sichuan*98/100 {
		t.Errorf("only %d of %d Sichuan addresses resolve to Sichuan", resolved, sichuan)
	}
}

func TestIPCCodesResolve(t *testing.T) {
	d := refdata.Default()
	for i, r := range MustRows(t, MustGenerate(t, 1000, 5)) {
		if r["专利类型"] == "外观设计" {
			continue // designs carry a Locarno class such as 09-01
		}
		for _, c := range strings.Split(r["分类号"], ";") {
			if _, err := d.IPC(c); err != nil {
				t.Errorf("row %d: IPC %s: %v", i+1, c, err)
			}
		}
		if !strings.HasPrefix(r["分类号"], r["主分类号"]) {
			t.Errorf("row %d: 分类号 %s does not start with 主分类号 %s", i+1, r["分类号"], r["主分类号"])
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	d := refdata.Default()
	const rows = 10000
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, rows, 1, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestTitlesDoNotRepeatBeforeTheListIsUsedUp(t *testing.T) {
	seen := map[string]int{}
	for i, row := range MustRows(t, MustGenerate(t, 3000, 7)) {
		if row["专利类型"] == "外观设计" {
			continue
		}
		if first, ok := seen[row["专利名称"]]; ok {
			t.Fatalf("row %d repeats the title of row %d: %s", i+1, first+1, row["专利名称"])
		}
		seen[row["专利名称"]] = i
	}
	if len(seen) < 2000 {
		t.Fatalf("only %d invention and utility-model titles in 3,000 rows", len(seen))
	}
}

func TestFeaturedTitlesComeFirst(t *testing.T) {
	var buf bytes.Buffer
	featured := []string{"白酒", "酿酒", "茶叶"}
	if err := WriteFeatured(&buf, 300, 7, refdata.Default(), featured); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, row := range MustRows(t, buf.Bytes()) {
		for _, w := range featured {
			if strings.Contains(row["专利名称"], w) {
				found[row["专利名称"]] = true
			}
		}
	}
	// The embedded titles hold 2 with 白酒, 2 with 酿酒 and 6 with 茶叶.
	if len(found) < 10 {
		t.Fatalf("300 rows hold %d featured titles, want all 10: %v", len(found), found)
	}
}

func TestAbstractsFitTheirTitles(t *testing.T) {
	for i, row := range MustRows(t, MustGenerate(t, 3000, 11)) {
		title, abstract := row["专利名称"], row["申请摘要"]
		if strings.Contains(abstract, "按重量份计") && (strings.HasSuffix(title, "设备") || strings.HasSuffix(title, "装置")) {
			t.Errorf("row %d: the device %s is described as a composition: %s", i+1, title, abstract)
		}
		if strings.Contains(abstract, "低温发酵") && !strings.ContainsAny(title, "发酵酿酒醋酱") {
			t.Errorf("row %d: %s is described as a fermentation: %s", i+1, title, abstract)
		}
	}
}
