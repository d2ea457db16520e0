package refdata

import (
	"strings"
	"testing"

	"patentbridge"
)

func codesOf(nodes []IPCNode) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Code
	}
	return out
}

func seiCodes(s []SEIIndustry) string {
	var out []string
	for _, x := range s {
		out = append(out, x.Code)
	}
	return strings.Join(out, ",")
}

func MustIPC(tb testing.TB, code string) IPCInfo {
	tb.Helper()
	info, err := Default().IPC(code)
	if err != nil {
		tb.Fatalf("IPC(%q): %v", code, err)
	}
	return info
}

func TestIPCHierarchy(t *testing.T) {
	tests := []struct {
		code      string
		hierarchy string
		title     string // substring of the code's own title
		sei       string
		wipo      int
	}{
		{"H01M 10/0525", "H H01 H01M H01M10/00 H01M10/05 H01M10/052 H01M10/0525", "锂离子电池", "5.2", 1},
		{"G06F16/35", "G G06 G06F G06F16/00 G06F16/30 G06F16/35", "聚类；分类", "1.1", 6},
		{"A23F3/06", "A A23 A23F A23F3/00 A23F3/06", "茶处理", "", 18},
		{"C12G3/02", "C C12 C12G C12G3/00 C12G3/02", "用发酵法", "", 18},
		{"A61K36/00", "A A61 A61K A61K36/00", "传统草药", "", 16},
		{"A61K8/00", "A A61 A61K A61K8/00", "化妆品", "", 14},
		{"F16D", "F F16 F16D", "联轴器", "", 31},
		{"C01", "C C01", "无机化学", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			info := MustIPC(t, tt.code)
			if got := strings.Join(codesOf(info.Hierarchy), " "); got != tt.hierarchy {
				t.Errorf("hierarchy = %s, want %s", got, tt.hierarchy)
			}
			if !strings.Contains(info.Title, tt.title) {
				t.Errorf("title = %q, want it to contain %q", info.Title, tt.title)
			}
			if got := seiCodes(info.SEI); got != tt.sei {
				t.Errorf("SEI = %s, want %s", got, tt.sei)
			}
			switch {
			case tt.wipo == 0 && info.WIPO != nil:
				t.Errorf("WIPO = %+v, want none", *info.WIPO)
			case tt.wipo != 0 && (info.WIPO == nil || info.WIPO.Nr != tt.wipo):
				t.Errorf("WIPO = %+v, want field %d", info.WIPO, tt.wipo)
			}
			for _, n := range info.Hierarchy {
				if n.Title == "" {
					t.Errorf("node %s has no title", n.Code)
				}
			}
		})
	}
}

func TestIPCFieldNames(t *testing.T) {
	info := MustIPC(t, "H01M10/0525")
	if info.SEI[0].FieldName != "新能源汽车产业" || info.SEI[0].Name != "新能源汽车装置、配件制造" {
		t.Errorf("SEI = %+v", info.SEI[0])
	}
	if info.Hierarchy[2].TitleEn == "" || info.Hierarchy[2].Level != "subclass" {
		t.Errorf("subclass node = %+v, want an English title", info.Hierarchy[2])
	}
	if info.WIPO.NameZh != "电气机械、设备和能源" || info.WIPO.SectorZh != "电气工程" {
		t.Errorf("WIPO = %+v", *info.WIPO)
	}
}

func TestIPCPartiallyKnown(t *testing.T) {
	t.Run("subgroup absent, main group known", func(t *testing.T) {
		info := MustIPC(t, "H01M10/0999")
		want := "H H01 H01M H01M10/00 H01M10/0999"
		if got := strings.Join(codesOf(info.Hierarchy), " "); got != want {
			t.Errorf("hierarchy = %s, want %s", got, want)
		}
		if info.Title != "二次电池；及其制造" || info.TitleFrom != "H01M10/00" || !strings.Contains(info.TitleNote(), "上位 H01M10/00") {
			t.Errorf("title %q from %q, want the main group's, marked as such", info.Title, info.TitleFrom)
		}
		if Default().IPCTitle("H01M10/0999") != "二次电池；及其制造" {
			t.Errorf("IPCTitle should fall back to the main group")
		}
	})
	t.Run("retired subclass H01L", func(t *testing.T) {
		info := MustIPC(t, "H01L21/02")
		if info.Hierarchy[2].Title == "" || info.WIPO == nil || info.WIPO.Nr != 8 {
			t.Errorf("H01L21/02 = %+v", info)
		}
		// the 2026 scheme has no H01L group (moved to H10): its former main
		// groups take the subclass title, marked; others are not in the scheme
		for _, code := range []string{"H01L21/02", "H01L21/00", "H01L23/00", "H01L25/00", "H01L33/00", "H01L51/50"} {
			info := MustIPC(t, code)
			if info.Title != "半导体器件；其他类目中不包括的电固体器件" || info.TitleFrom != "H01L" {
				t.Errorf("%s: title %q from %q", code, info.Title, info.TitleFrom)
			}
		}
		for _, code := range []string{"H01L99/99", "H01L22/00"} {
			if _, err := Default().IPC(code); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND ||
				!strings.Contains(patentbridge.ErrorMessage(err), "未收录") {
				t.Errorf("%s: %v, want 未收录", code, err)
			}
		}
	})
	t.Run("code in the scheme with a title keeps it unmarked", func(t *testing.T) {
		if info := MustIPC(t, "H01M10/0525"); info.Title == "" || info.TitleFrom != "" || info.TitleNote() != "" {
			t.Errorf("H01M10/0525 = %q from %q", info.Title, info.TitleFrom)
		}
	})
}

func TestIPCErrors(t *testing.T) {
	tests := []struct{ code, want string }{
		{"Z99", patentbridge.EINVALID},
		{"G06F16", patentbridge.EINVALID},
		{"", patentbridge.EINVALID},
		{"09-01", patentbridge.EINVALID}, // a Locarno (design) class is not an IPC code
		{"H01M999/00", patentbridge.ENOTFOUND},
		{"G06Z", patentbridge.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := Default().IPC(tt.code)
			if got := patentbridge.ErrorCode(err); got != tt.want {
				t.Fatalf("IPC(%q) error code = %q (%v), want %s", tt.code, got, err, tt.want)
			}
			if tt.want == patentbridge.ENOTFOUND && !strings.Contains(patentbridge.ErrorMessage(err), "未收录") {
				t.Errorf("message %q is not the Chinese not-found message", patentbridge.ErrorMessage(err))
			}
		})
	}
}

func TestSEIAncestorExpansion(t *testing.T) {
	d := Default()
	// G16H50/20 is not in the concordance; G16 (1.3) and G16H (1.5) are.
	if got := seiCodes(d.SEIFor([]string{"G16H50/20"})); got != "1.3,1.5" {
		t.Errorf("SEIFor(G16H50/20) = %s, want 1.3,1.5", got)
	}
	// Two codes sharing industries are deduplicated and sorted.
	if got := seiCodes(d.SEIFor([]string{"H01M10/0525", "G06F16/35", "H01M10/052", "bad"})); got != "1.1,5.2" {
		t.Errorf("SEIFor = %s, want 1.1,5.2", got)
	}
	all := d.SEIIndustries()
	if len(all) != 40 || all[0].Code != "1.1" || all[39].Code != "9.2" {
		t.Fatalf("SEIIndustries: %d industries, first %+v", len(all), all[0])
	}
	fields := map[string]bool{}
	for _, s := range all {
		fields[s.FieldName] = true
	}
	if len(fields) != 9 {
		t.Errorf("%d SEI fields, want 9", len(fields))
	}
}

func TestSubclassesAndGroups(t *testing.T) {
	d := Default()
	subs := d.Subclasses()
	if len(subs) < 640 {
		t.Fatalf("%d subclasses, want all of them", len(subs))
	}
	for _, s := range subs {
		if len(s.Code) != 4 || s.Title == "" {
			t.Errorf("subclass %+v", s)
		}
	}
	groups := d.IPCGroups("A23F")
	if len(groups) == 0 || groups[0].Code != "A23F3/00" || groups[0].Level != "main_group" {
		t.Errorf("IPCGroups(A23F) starts with %+v", groups[:1])
	}
}

// The concordance cuts 5.4's name to "新能源汽车相关服"; every page gets the whole name.
func TestSEINameNotCut(t *testing.T) {
	d := Default()
	info, err := d.IPC("B60S5/00")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range info.SEI {
		if s.Code == "5.4" {
			found = true
			if s.Name != "新能源汽车相关服务" {
				t.Errorf("5.4 name %q", s.Name)
			}
		}
	}
	if !found {
		t.Fatalf("B60S5/00 has no 5.4: %+v", info.SEI)
	}
	for _, s := range d.SEIIndustries() {
		if strings.HasSuffix(s.Name, "相关服") {
			t.Errorf("%s name cut: %q", s.Code, s.Name)
		}
	}
}

// E04F21/16's title in the source is "..": it reads as its main group's title
// behind the level mark, in every lookup.
func TestIPCDotOnlyTitle(t *testing.T) {
	d := Default()
	want := "·· 建筑装修工程用的器具（用于加工和处理石料或石类材料制成的建筑构件的入B28D）"
	info, err := d.IPC("E04F 21/16")
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != want {
		t.Errorf("IPC title %q, want %q", info.Title, want)
	}
	if got := info.Hierarchy[len(info.Hierarchy)-1].Title; got != want {
		t.Errorf("hierarchy title %q", got)
	}
	// by its dots E04F21/16 (..) is under E04F21/02 (.), not under E04F21/10 (....) as its number suggests
	var chain []string
	for _, h := range info.Hierarchy {
		chain = append(chain, h.Code)
	}
	if got := strings.Join(chain, " "); got != "E E04 E04F E04F21/00 E04F21/02 E04F21/16" {
		t.Errorf("hierarchy %s", got)
	}
	if got := d.IPCTitle("E04F21/16"); got != want {
		t.Errorf("IPCTitle %q", got)
	}
	for _, g := range d.IPCGroups("E04F") {
		if strings.Trim(g.Title, ".") == "" {
			t.Errorf("%s has a title of dots: %q", g.Code, g.Title)
		}
		if g.Code == "E04F21/10" && !strings.HasPrefix(g.Title, "···· 建筑装修工程用的器具") {
			t.Errorf("E04F21/10 title %q", g.Title)
		}
	}
	dots := 0
	for _, s := range d.Subclasses() {
		for _, g := range d.IPCGroups(s.Code) {
			if g.Title != "" && strings.Trim(g.Title, ". ") == "" {
				dots++
			}
		}
	}
	if dots > 0 {
		t.Errorf("%d IPC groups still titled with dots only", dots)
	}
}
